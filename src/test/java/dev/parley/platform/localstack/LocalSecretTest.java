package dev.parley.platform.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local run's cursor key: made once beside the data, the same on every later start, never over a configured one. */
class LocalSecretTest {

    @TempDir
    Path data;

    @Test
    void theSecretIsMadeOnceAndKept() {
        Path file = data.resolve("cursor-key");
        String first = LocalSecret.ensure(file);
        assertTrue(first.length() >= 32, first);
        assertEquals(first, LocalSecret.ensure(file), "kept across restarts");
        assertNotEquals(first, LocalSecret.ensure(data.resolve("another")), "random, not a constant");
        assertTrue(Files.isRegularFile(file));
    }

    @Test
    void aPersistentStackSetsTheCursorKeyUnlessItIsConfiguredAndAnEphemeralOneLeavesItToTheTestProfile() {
        Map<String, String> servers = Map.of(LocalStack.DYNAMODB_ENDPOINT, "x", LocalStack.S3_ENDPOINT, "x", LocalStack.REDIS_HOSTS, "x",
                LocalStack.JWT_PUBLIC_KEY, "x");
        Path project = LocalStack.findProjectDir();
        LocalStack.Running first = LocalStack.persistent(project, data).start(servers);
        assertEquals(LocalSecret.ensure(data.resolve("cursor-key")), first.settings().get(LocalStack.CURSOR_KEY));
        first.stop(); // one Parley at a time on a data directory
        java.util.HashMap<String, String> withKey = new java.util.HashMap<>(servers);
        withKey.put(LocalStack.CURSOR_KEY, "configured elsewhere, at least 32 characters long");
        LocalStack.Running second = LocalStack.persistent(project, data).start(withKey);
        assertFalse(second.settings().containsKey(LocalStack.CURSOR_KEY));
        second.stop();
        assertFalse(LocalStack.ephemeral(project).start(servers).settings().containsKey(LocalStack.CURSOR_KEY));
    }
}
