package dev.parley.platform.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Resolves the local servers' own classpaths (local-stack/NAME/target/lib) with the project's
 * Maven wrapper, once: the marker file is newer than every POM afterwards.
 */
final class ServerDistributions {

    private static final List<String> SERVERS = List.of("dynamodb", "s3proxy", "redis");

    private final Path projectDir;

    ServerDistributions(Path projectDir) {
        this.projectDir = projectDir;
    }

    void ensureResolved() {
        Path marker = projectDir.resolve("local-stack/target/resolved");
        if (isUpToDate(marker)) {
            return;
        }
        boolean windows = System.getProperty("os.name").toLowerCase().contains("win");
        Path wrapper = projectDir.resolve(windows ? "mvnw.cmd" : "mvnw");
        List<String> command = List.of(wrapper.toString(), "-q", "-B", "-f", "local-stack/pom.xml",
                "dependency:copy-dependencies", "-Dmdep.stripVersion=true", "-DoutputDirectory=target/lib");
        System.out.println("[parley] resolving DynamoDB Local, S3Proxy and Redis for the local stack (first run only)…");
        try {
            Path log = Files.createDirectories(marker.getParent()).resolve("resolve.log");
            Process process = new ProcessBuilder(command).directory(projectDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("resolving the local stack failed; see " + log);
            }
            Files.writeString(marker, "ok\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + wrapper + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean isUpToDate(Path marker) {
        if (!Files.exists(marker)) {
            return false;
        }
        try {
            long resolvedAt = Files.getLastModifiedTime(marker).toMillis();
            for (String server : SERVERS) {
                Path pom = projectDir.resolve("local-stack/" + server + "/pom.xml");
                if (Files.getLastModifiedTime(pom).toMillis() > resolvedAt
                        || !Files.isDirectory(projectDir.resolve("local-stack/" + server + "/target/lib"))) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
