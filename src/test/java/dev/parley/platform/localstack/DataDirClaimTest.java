package dev.parley.platform.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * One set of servers per data directory: a start stops what a dead predecessor left running on
 * its data, and refuses while another live Parley uses it. Redis alone keeps this quick; the
 * claim is the same for every server (LocalStackCrashIT runs all three through a real kill -9).
 */
class DataDirClaimTest {

    /** Every endpoint but Redis's configured elsewhere, so only Redis starts. */
    private static final Map<String, String> ONLY_REDIS = Map.of(LocalStack.DYNAMODB_ENDPOINT, "http://127.0.0.1:9",
            LocalStack.S3_ENDPOINT, "http://127.0.0.1:9", LocalStack.JWT_PUBLIC_KEY, "configured elsewhere");

    private final Path projectDir = LocalStack.findProjectDir();

    @Test
    void aStartStopsTheServersThatADeadParentLeftOnItsData() throws Exception {
        Path data = freshDataDir();
        LocalStack.Running first = LocalStack.persistent(projectDir, data).start(ONLY_REDIS);
        ProcessHandle leftover = first.servers().get(0).process();
        first.claim().release(); // as if this JVM had died while its Redis lived on

        LocalStack.Running second = LocalStack.persistent(projectDir, data).start(ONLY_REDIS);
        try {
            leftover.onExit().get(15, TimeUnit.SECONDS);
            ProcessHandle now = second.servers().get(0).process();
            assertTrue(now.isAlive());
            assertEquals(List.of(now.pid()), serversOn(data), "one Redis on this data");
            assertEquals(List.of(now.pid()), DataDirClaim.recorded(data).stream().map(ProcessHandle::pid).toList());
        } finally {
            second.stop();
            second.claim().release();
        }
    }

    @Test
    void whileAnotherParleyUsesTheDataAStartIsRefusedAndLeavesItsServersAlone() throws Exception {
        Path data = freshDataDir();
        LocalStack.Running first = LocalStack.persistent(projectDir, data).start(ONLY_REDIS);
        try {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> LocalStack.persistent(projectDir, data).start(ONLY_REDIS));
            assertTrue(refused.getMessage().contains("in use by another Parley"), refused.getMessage());
            assertTrue(first.servers().get(0).isRunning());
            assertEquals(List.of(first.servers().get(0).process().pid()), serversOn(data));
        } finally {
            first.stop();
            first.claim().release();
        }
    }

    /**
     * The server processes (not their watchdogs) that use this data directory: named on their command
     * line, or working in it (Redis rewrites its command line but runs in its {@code --dir}).
     */
    static List<Long> serversOn(Path data) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(process -> !process.info().commandLine().orElse("").contains(ChildServer.WATCHDOG_NAME))
                .filter(process -> process.info().commandLine().orElse("").contains(data.toString()) || worksIn(process, data))
                .map(ProcessHandle::pid).sorted().toList();
    }

    private static boolean worksIn(ProcessHandle process, Path data) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", String.valueOf(process.pid()), "cwd")).startsWith(data);
        } catch (IOException | UnsupportedOperationException gone) {
            return false;
        }
    }

    private Path freshDataDir() throws IOException {
        Files.createDirectories(projectDir.resolve("target"));
        return Files.createTempDirectory(projectDir.resolve("target"), "claim-data-");
    }
}
