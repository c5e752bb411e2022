package dev.parley.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.parley.platform.localstack.LocalStack;

/**
 * Another Parley pod: the packaged service started as its own process, on the same DynamoDB, S3
 * and Redis as the instance under test (so it needs {@code package} to have run: *IT tests, and
 * bench/run-realtime, which packages first).
 */
public final class SecondInstance implements AutoCloseable {

    private final Process process;
    private final int port;

    private SecondInstance(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static SecondInstance start() throws IOException, InterruptedException {
        return start(Map.of());
    }

    /** With settings of its own, as system properties (e.g. {@code quarkus.shutdown.delay}). */
    public static SecondInstance start(Map<String, String> settings) throws IOException, InterruptedException {
        return start(settings, List.of());
    }

    /** As {@link #start(Map)}, with these JVM options too (e.g. {@code -Xmx512m}). */
    public static SecondInstance start(Map<String, String> settings, List<String> jvmOptions) throws IOException, InterruptedException {
        Map<String, String> properties = new LinkedHashMap<>(Map.of("quarkus.profile", "test"));
        properties.putAll(LocalStack.startedSettings());
        properties.putAll(settings);
        return launch(properties, jvmOptions);
    }

    /**
     * The packaged app with exactly these system properties (and a free HTTP port), from the project
     * folder, once it is ready: e.g. a local run with a local stack of its own.
     */
    public static SecondInstance launch(Map<String, String> properties) throws IOException, InterruptedException {
        return launch(properties, List.of());
    }

    private static SecondInstance launch(Map<String, String> properties, List<String> jvmOptions) throws IOException, InterruptedException {
        Path project = LocalStack.findProjectDir();
        Path jar = project.resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run through ./mvnw verify");
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port));
        command.addAll(jvmOptions);
        // Profiling a benchmark's pod, e.g. -Dbench.pod.options=-XX:StartFlightRecording=filename=/tmp/pod.jfr,settings=profile
        String extra = System.getProperty("bench.pod.options", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        Path log = Files.createTempFile("parley-second-instance", ".log");
        Process process = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        SecondInstance instance = new SecondInstance(process, port);
        instance.awaitReady(log);
        return instance;
    }

    public int port() {
        return port;
    }

    /** The process id, for tools such as {@code jcmd <pid> GC.run}. */
    public long pid() {
        return process.pid();
    }

    /**
     * SIGTERM, as Kubernetes stops a pod ({@link Process#destroy} sends it on Unix). Completes with
     * how long the instance took to exit.
     */
    public CompletableFuture<Duration> terminate() {
        long sent = System.nanoTime();
        process.destroy();
        return process.onExit().thenApply(exited -> Duration.ofNanos(System.nanoTime() - sent));
    }

    /** SIGKILL: the process dies without running its shutdown hooks. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    private void awaitReady(Path log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                var ready = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("the second instance did not become ready:\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
