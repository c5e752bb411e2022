package dev.parley.platform.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.jar.JarFile;

/**
 * Starts Parley's backing servers on loopback without Docker: DynamoDB Local, S3Proxy and Redis,
 * each a child process on a free port, plus a JWT key pair (and, kept with the data, the secrets that
 * sign refresh-token successors, event cursors and download links; tests set fixed ones). Used by the dev mode / local run
 * ({@code ParleyMain}) with data kept under {@code .data/}, and by the tests, ephemeral.
 *
 * <p>Only servers whose endpoint is not configured are started, so pointing Parley at real AWS or
 * an external Redis is configuration only. The resulting settings are returned as Quarkus
 * configuration properties; the caller publishes them as system properties.
 */
public final class LocalStack {

    public static final String STARTED_MARKER = "local-stack.started";
    public static final String DYNAMODB_ENDPOINT = "quarkus.dynamodb.endpoint-override";
    public static final String S3_ENDPOINT = "quarkus.s3.endpoint-override";
    public static final String REDIS_HOSTS = "quarkus.redis.hosts";
    public static final String JWT_PUBLIC_KEY = "mp.jwt.verify.publickey";
    public static final String JWT_SIGN_KEY = "smallrye.jwt.sign.key";
    public static final String CURSOR_KEY = "parley.events.cursor-key";
    public static final String REDIS_PORT = "local-stack.redis-port";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path projectDir;
    /** Where data survives restarts; null means ephemeral (tests). */
    private final Path dataDir;
    private final Path runDir;

    private LocalStack(Path projectDir, Path dataDir, Path runDir) {
        this.projectDir = projectDir;
        this.dataDir = dataDir;
        this.runDir = runDir;
    }

    /** Local run and dev mode: data under {@code <project>/.data}, kept across restarts. */
    public static LocalStack persistent(Path projectDir) {
        return persistent(projectDir, projectDir.resolve(".data"));
    }

    public static LocalStack persistent(Path projectDir, Path dataDir) {
        return new LocalStack(projectDir, dataDir, dataDir);
    }

    /** Tests: everything in memory or in a temporary folder. */
    public static LocalStack ephemeral(Path projectDir) {
        try {
            Files.createDirectories(projectDir.resolve("target"));
            return new LocalStack(projectDir, null, Files.createTempDirectory(projectDir.resolve("target"), "local-stack-"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Finds the project folder (the one holding local-stack/) from the working directory up. */
    public static Path findProjectDir() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("local-stack/pom.xml"))) {
                return d;
            }
        }
        throw new IllegalStateException("the local stack needs the Parley project folder (with local-stack/); run from it");
    }

    private static volatile Map<String, String> startedSettings = Map.of();

    /**
     * Starts what {@code configured} lacks, once per JVM: when the marker system property is set
     * (dev-mode live reload, a second test profile) the servers of the first start are reused, and
     * their settings are already system properties. Returns the settings, also set as system properties.
     */
    public Map<String, String> startOncePerJvm(Map<String, String> configured) {
        synchronized (LocalStack.class) {
            if (System.getProperty(STARTED_MARKER) != null) {
                return Map.of();
            }
            Map<String, String> settings = new LinkedHashMap<>(start(configured).settings());
            settings.put(STARTED_MARKER, "true");
            settings.forEach(System::setProperty);
            startedSettings = Map.copyOf(settings);
            return settings;
        }
    }

    /** The settings of the stack {@link #startOncePerJvm} started in this JVM (for a second instance in tests). */
    public static Map<String, String> startedSettings() {
        return startedSettings;
    }

    /**
     * The servers one {@link #start} started, and the settings that point Parley at them; {@code claim}
     * holds the data directory of a persistent stack (null when ephemeral).
     */
    public record Running(Map<String, String> settings, List<ChildServer> servers, DataDirClaim claim) {
        /** Stops the servers and frees the data directory for another start. */
        public void stop() {
            servers.forEach(ChildServer::stop);
            if (claim != null) {
                claim.release();
            }
        }
    }

    /**
     * Starts the servers {@code configured} lacks, in parallel, plus the JWT key pair if none is set.
     * A persistent stack first claims its data directory ({@link DataDirClaim}): refused while another
     * Parley uses it, and servers left there by one that died are stopped first.
     */
    public Running start(Map<String, String> configured) {
        DataDirClaim claim = dataDir == null ? null : DataDirClaim.take(dataDir);
        boolean needDynamo = !configured.containsKey(DYNAMODB_ENDPOINT);
        boolean needS3 = !configured.containsKey(S3_ENDPOINT);
        boolean needRedis = !configured.containsKey(REDIS_HOSTS);
        if (needDynamo || needS3 || needRedis) {
            new ServerDistributions(projectDir).ensureResolved();
        }
        List<CompletableFuture<Started>> starts = new ArrayList<>();
        if (needDynamo) {
            starts.add(async(this::startDynamoDb));
        }
        if (needS3) {
            starts.add(async(this::startS3Proxy));
        }
        if (needRedis) {
            starts.add(async(this::startRedis));
        }
        Map<String, String> settings = new LinkedHashMap<>();
        List<ChildServer> servers = new ArrayList<>();
        for (CompletableFuture<Started> start : starts) {
            Started started = start.join();
            settings.putAll(started.settings());
            servers.add(started.server());
        }
        if (claim != null) {
            claim.record(servers);
        }
        if (!configured.containsKey(JWT_PUBLIC_KEY) && !configured.containsKey(JWT_PUBLIC_KEY + ".location")) {
            settings.putAll(LocalJwtKeys.ensure(runDir.resolve("jwt")));
        }
        if (dataDir != null) {
            LocalSecret.ALL.stream().filter(secret -> !configured.containsKey(secret.property()))
                    .forEach(secret -> settings.put(secret.property(), LocalSecret.ensure(dataDir.resolve(secret.fileName()))));
        }
        return new Running(settings, servers, claim);
    }

    private record Started(ChildServer server, Map<String, String> settings) {
    }

    private Started startDynamoDb() {
        Path lib = projectDir.resolve("local-stack/dynamodb/target/lib");
        int port = ChildServer.freePort();
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m",
                "-Djava.library.path=" + lib, "-cp", lib + "/*",
                "software.amazon.dynamodb.services.local.main.ServerRunner",
                "-port", String.valueOf(port), "-sharedDb", "-disableTelemetry"));
        if (dataDir == null) {
            command.add("-inMemory");
        } else {
            command.addAll(List.of("-dbPath", mkdirs(dataDir.resolve("dynamodb")).toString()));
        }
        ChildServer server = new ChildServer("dynamodb-local", port, command, runDir.resolve("logs/dynamodb.log"))
                .start(START_TIMEOUT);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(DYNAMODB_ENDPOINT, "http://127.0.0.1:" + port);
        settings.putAll(localCredentials("dynamodb"));
        return new Started(server, settings);
    }

    private Started startS3Proxy() {
        Path lib = projectDir.resolve("local-stack/s3proxy/target/lib");
        int port = ChildServer.freePort();
        // Objects on disk even when ephemeral (under the run folder): the in-memory store would hold every
        // uploaded file in S3Proxy's small heap.
        String storage = "jclouds.provider=filesystem\njclouds.filesystem.basedir="
                + mkdirs(runDir.resolve("s3")) + "\n";
        Path properties = runDir.resolve("s3proxy.properties");
        write(properties, "s3proxy.endpoint=http://127.0.0.1:" + port + "\n"
                + "s3proxy.authorization=aws-v2-or-v4\n"
                // Browsers PUT uploads straight to storage from the app's origin (createUpload).
                + "s3proxy.cors-allow-all=true\n"
                + "s3proxy.identity=local\ns3proxy.credential=local-secret\n"
                + "jclouds.identity=local\njclouds.credential=local-secret\n"
                // Browsers PUT uploads straight to storage (presigned URLs) from the app's origin.
                + "s3proxy.cors-allow-all=true\n" + storage);
        List<String> command = List.of(javaBinary(), "-Xmx256m", "-cp", lib + "/*", "org.gaul.s3proxy.Main",
                "--properties", properties.toString());
        ChildServer server = new ChildServer("s3proxy", port, command, runDir.resolve("logs/s3proxy.log"))
                .start(START_TIMEOUT);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(S3_ENDPOINT, "http://127.0.0.1:" + port);
        settings.put("quarkus.s3.path-style-access", "true");
        settings.putAll(localCredentials("s3"));
        return new Started(server, settings);
    }

    private Started startRedis() {
        int port = ChildServer.freePort();
        ChildServer server = redisServer(port).start(START_TIMEOUT);
        return new Started(server, Map.of(REDIS_HOSTS, "redis://127.0.0.1:" + port, REDIS_PORT, String.valueOf(port)));
    }

    /** A Redis server on the given port, not yet started; tests use it to restart Redis. */
    public ChildServer redisServer(int port) {
        Path binary = redisBinary();
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--protected-mode", "no"));
        if (dataDir == null) {
            command.addAll(List.of("--save", "", "--appendonly", "no"));
        } else {
            command.addAll(List.of("--dir", mkdirs(dataDir.resolve("redis")).toString(), "--appendonly", "yes"));
        }
        return new ChildServer("redis", port, command, runDir.resolve("logs/redis.log"));
    }

    private Path redisBinary() {
        String os = System.getProperty("os.name").toLowerCase();
        String arch = System.getProperty("os.arch").toLowerCase();
        String entry;
        if (os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
            entry = "redis-server-6.2.6-v5-linux-amd64";
        } else if (os.contains("linux") && arch.equals("aarch64")) {
            entry = "redis-server-6.2.7-linux-arm64";
        } else if (os.contains("mac") && arch.equals("aarch64")) {
            entry = "redis-server-6.2.6-v5-darwin-arm64";
        } else if (os.contains("mac")) {
            entry = "redis-server-6.2.6-v5-darwin-amd64";
        } else {
            throw new IllegalStateException("no bundled redis-server for " + os + "/" + arch
                    + "; set QUARKUS_REDIS_HOSTS to a Redis you run");
        }
        Path target = projectDir.resolve("local-stack/redis/target/" + entry);
        if (Files.isExecutable(target)) {
            return target;
        }
        Path jar = projectDir.resolve("local-stack/redis/target/lib/embedded-redis.jar");
        try (JarFile jarFile = new JarFile(jar.toFile()); InputStream in = jarFile.getInputStream(jarFile.getEntry(entry))) {
            Path tmp = Files.createTempFile(target.getParent(), entry, ".tmp");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            tmp.toFile().setExecutable(true);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new IllegalStateException("cannot unpack redis-server from " + jar, e);
        }
    }

    private static Map<String, String> localCredentials(String service) {
        String prefix = "quarkus." + service + ".aws.";
        return Map.of(prefix + "region", "us-east-1",
                prefix + "credentials.type", "static",
                prefix + "credentials.static-provider.access-key-id", "local",
                prefix + "credentials.static-provider.secret-access-key", "local-secret");
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static <T> CompletableFuture<T> async(Supplier<T> task) {
        // Own threads: the common pool may have a single thread on a 2-core machine.
        return CompletableFuture.supplyAsync(task, command -> new Thread(command, "local-stack-start").start());
    }

    private static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
