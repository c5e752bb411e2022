package dev.parley.search;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import dev.parley.platform.localstack.LocalStack;

/**
 * A real OpenSearch 2.19 node for the tests, without Docker: the integ-test zip from Maven Central
 * (local-stack/opensearch, resolved and unpacked once) with analysis-common and lang-painless
 * installed as modules, on a free loopback port, 256 MB of heap, data in a fresh folder. OpenSearch
 * refuses to run as root, so as root it runs as the unprivileged user {@value #USER} (created if
 * missing). One node per JVM, stopped when the JVM exits.
 */
final class OpenSearchNode {

    private static final String VERSION = "2.19.6";
    private static final String USER = "parley-search";
    private static volatile String url;

    private OpenSearchNode() {
    }

    /** The node's URL, starting it on first use. */
    static synchronized String url() {
        if (url == null) {
            url = start();
        }
        return url;
    }

    private static String start() {
        Path project = LocalStack.findProjectDir();
        Path home = project.resolve("local-stack/opensearch/target");
        Path node = home.resolve("opensearch-" + VERSION);
        try {
            if (!Files.isDirectory(node.resolve("modules/lang-painless"))) {
                resolve(project, home);
                unzip(home.resolve("lib/opensearch-" + VERSION + ".zip"), home);
                installModule(node, home.resolve("lib"), "analysis-common", "org.opensearch.analysis.common.CommonAnalysisPlugin",
                        List.of("analysis-common-"), "");
                installModule(node, home.resolve("lib"), "lang-painless", "org.opensearch.painless.PainlessPlugin",
                        List.of("lang-painless-", "antlr4-runtime-", "asm-", "opensearch-scripting-painless-spi-"),
                        "grant {\n  permission java.lang.RuntimePermission \"createClassLoader\";\n"
                                + "  permission java.lang.RuntimePermission \"getClassLoader\";\n};\n");
            }
            Path data = Files.createTempDirectory(project.resolve("target"), "opensearch-");
            int http = freePort();
            int transport = freePort();
            boolean root = "root".equals(System.getProperty("user.name"));
            List<String> command = new ArrayList<>();
            if (root) {
                // The unprivileged user must pass through every folder above the node; a checkout in a private
                // folder (mktemp -d, a home) forbids that, so the node runs from a copy in a folder of its own under /tmp.
                Path own = Files.createTempDirectory("parley-opensearch-");
                run(List.of("cp", "-a", node.toString(), own.toString()));
                node = own.resolve(node.getFileName());
                data = Files.createDirectories(own.resolve("run"));
                run(List.of("sh", "-c", "id " + USER + " >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin " + USER));
                run(List.of("chown", "-R", USER, own.toString()));
                command.addAll(List.of("runuser", "-u", USER, "--"));
            }
            command.addAll(List.of(node.resolve("bin/opensearch").toString(), "-Ediscovery.type=single-node", "-Enetwork.host=127.0.0.1",
                    "-Ehttp.port=" + http, "-Etransport.port=" + transport, "-Epath.data=" + data.resolve("data"),
                    "-Epath.logs=" + data.resolve("logs"), "-Ecluster.routing.allocation.disk.threshold_enabled=false"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(data.resolve("console.log").toFile());
            builder.environment().put("OPENSEARCH_JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("OPENSEARCH_JAVA_OPTS", "-Xms256m -Xmx256m");
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
            }, "stop-opensearch"));
            String address = "http://127.0.0.1:" + http;
            awaitUp(process, address, data);
            return address;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start OpenSearch: " + e.getMessage(), e);
        }
    }

    private static void resolve(Path project, Path home) throws IOException {
        run(List.of(project.resolve("mvnw").toString(), "-q", "-B", "-f", project.resolve("local-stack/opensearch/pom.xml").toString(),
                "dependency:copy-dependencies", "-DoutputDirectory=" + home.resolve("lib")));
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    if (target.getParent().getFileName().toString().equals("bin")) {
                        target.toFile().setExecutable(true, false);
                    }
                }
            }
        }
    }

    private static void installModule(Path node, Path lib, String name, String className, List<String> jarPrefixes, String policy)
            throws IOException {
        Path module = Files.createDirectories(node.resolve("modules/" + name));
        try (var jars = Files.list(lib)) {
            for (Path jar : jars.filter(j -> j.toString().endsWith(".jar"))
                    .filter(j -> jarPrefixes.stream().anyMatch(p -> j.getFileName().toString().startsWith(p))).toList()) {
                Files.copy(jar, module.resolve(jar.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(module.resolve("plugin-descriptor.properties"), "description=" + name + "\nversion=" + VERSION + "\nname=" + name
                + "\nclassname=" + className + "\njava.version=11\nopensearch.version=" + VERSION
                + "\ncustom.foldername=\nextended.plugins=\nhas.native.controller=false\n");
        if (!policy.isEmpty()) {
            Files.writeString(module.resolve("plugin-security.policy"), policy);
        }
    }

    private static void awaitUp(Process process, String address, Path data) {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("OpenSearch exited with " + process.exitValue() + "; see " + data.resolve("console.log"));
            }
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(address + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Searches.sleep(250);
        }
        throw new IllegalStateException("OpenSearch did not answer within 120 s; see " + data.resolve("console.log"));
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (InputStream out = process.getInputStream()) {
            String output = new String(out.readAllBytes());
            if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
