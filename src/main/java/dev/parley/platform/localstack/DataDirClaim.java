package dev.parley.platform.localstack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a data directory to one set of local servers. The JVM that starts them holds a lock on
 * {@code local-stack.lock} for as long as it lives (the OS drops it when that process dies, even by
 * {@code kill -9}) and lists their processes in {@code local-stack.servers}. A start that gets the
 * lock first stops any listed server that still runs (left by a parent that died before its
 * servers did); a start that cannot get it refuses, since another Parley is using the data.
 */
final class DataDirClaim {

    private static final String LOCK = "local-stack.lock";
    private static final String RECORD = "local-stack.servers";
    /** Claims held by this JVM: an unreachable channel would be closed by the GC, and its lock dropped. */
    private static final Set<DataDirClaim> HELD = ConcurrentHashMap.newKeySet();

    private final Path dataDir;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirClaim(Path dataDir, FileChannel channel, FileLock lock) {
        this.dataDir = dataDir;
        this.channel = channel;
        this.lock = lock;
    }

    /** Claims {@code dataDir} for this JVM and stops what a dead predecessor left running there. */
    static DataDirClaim take(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(dataDir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("the local stack in " + dataDir + " is in use by another Parley"
                        + " (dev mode or bin/run-local); stop it first, or give this one other data with -Dlocal-stack.data-dir=DIR");
            }
            DataDirClaim claim = new DataDirClaim(dataDir, channel, lock);
            HELD.add(claim);
            claim.stopLeftovers();
            return claim;
        } catch (IOException e) {
            throw new IllegalStateException("cannot claim " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldByThisJvm) {
            return null;
        }
    }

    /** Lists the servers now running on this data, so that a later start can find them. */
    synchronized void record(List<ChildServer> servers) {
        StringBuilder lines = new StringBuilder("# name pid start-instant: servers on this data, see DataDirClaim\n");
        for (ChildServer server : servers) {
            ProcessHandle process = server.process();
            lines.append(server.name()).append(' ').append(process.pid()).append(' ')
                    .append(process.info().startInstant().map(Instant::toString).orElse("-")).append('\n');
        }
        try {
            Files.writeString(dataDir.resolve(RECORD), lines);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The listed servers' processes that still run. */
    static List<ProcessHandle> recorded(Path dataDir) {
        Path record = dataDir.resolve(RECORD);
        List<ProcessHandle> running = new ArrayList<>();
        if (!Files.exists(record)) {
            return running;
        }
        try {
            for (String line : Files.readAllLines(record)) {
                String[] fields = line.split(" ");
                if (line.startsWith("#") || fields.length != 3) {
                    continue;
                }
                sameProcess(Long.parseLong(fields[1]), fields[2]).ifPresent(running::add);
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read " + record + ": " + e.getMessage(), e);
        }
        return running;
    }

    /** The process with this pid, if it is still the one that started then (pids are reused). */
    private static Optional<ProcessHandle> sameProcess(long pid, String startInstant) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(process -> startInstant.equals("-")
                || process.info().startInstant().map(Instant::toString).map(startInstant::equals).orElse(true));
    }

    private void stopLeftovers() {
        List<ProcessHandle> leftovers = recorded(dataDir);
        if (!leftovers.isEmpty()) {
            System.out.println("[parley] stopping " + leftovers.size() + " local server(s) left running on " + dataDir);
        }
        for (ProcessHandle server : leftovers) {
            server.descendants().forEach(ProcessHandle::destroy);
            server.destroy();
            try {
                server.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception stillThere) {
                server.destroyForcibly();
                server.onExit().join();
            }
        }
    }

    /** Lets go of the data as a parent that died would, leaving its servers running (tests). */
    void release() {
        if (!HELD.remove(this)) {
            return; // released already
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
