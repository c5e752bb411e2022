package dev.parley.platform.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A server of the local stack running as a child process on a loopback port. It dies with the
 * JVM that started it: a shutdown hook stops it, and when that JVM dies without running hooks
 * ({@code kill -9}, an IDE's stop button) a watchdog does (see {@link #watchedByParent}). Its output
 * goes to a log file, not to our console.
 */
public final class ChildServer {

    private final String name;
    private final int port;
    private final List<String> command;
    private final Path logFile;
    private volatile Process process;

    /**
     * Where there is a POSIX shell, the server starts through one that first forks a watchdog, then
     * becomes the server ({@code exec}, same pid). The watchdog reads the pipe our JVM holds as the
     * server's standard input; end of file means our JVM is gone, however it died, and the watchdog
     * sends the server SIGTERM.
     */
    private static final String WATCHDOG = "exec 3<&0; (cat <&3 >/dev/null; kill -TERM $$ 2>/dev/null) & exec \"$@\" 3<&- </dev/null";
    private static final Path SHELL = Path.of("/bin/sh");
    /** The watchdog's name ({@code $0}): its shell's command line carries it, the server's does not. */
    static final String WATCHDOG_NAME = "parley-local-server";

    ChildServer(String name, int port, List<String> command, Path logFile) {
        this.name = name;
        this.port = port;
        this.command = watchedByParent(command);
        this.logFile = logFile;
    }

    private static List<String> watchedByParent(List<String> command) {
        if (!Files.isExecutable(SHELL)) {
            return List.copyOf(command);
        }
        List<String> wrapped = new ArrayList<>(List.of(SHELL.toString(), "-c", WATCHDOG, WATCHDOG_NAME));
        wrapped.addAll(command);
        return List.copyOf(wrapped);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** Starts the process and waits until its port accepts connections. */
    public synchronized ChildServer start(Duration timeout) {
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> destroy(started), "stop-" + name));
        waitForPort(timeout);
        return this;
    }

    /** Stops the process (and anything it spawned) and waits for it to go. */
    public synchronized void stop() {
        if (process != null) {
            destroy(process);
            process = null;
        }
    }

    /** The server's process (the same pid as the watchdog's shell, which became the server). */
    ProcessHandle process() {
        return process.toHandle();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    private void waitForPort(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + logFile);
            }
            if (answers(port)) {
                return;
            }
            sleep(50);
        }
        stop();
        throw new IllegalStateException(name + " did not open port " + port + " within " + timeout + "; see " + logFile);
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void destroy(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
