package dev.parley.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.parley.platform.localstack.LocalStack;

/** Stops the test stack's Redis and brings it back on the same port (empty, as after a crash). */
public final class RedisOutage implements AutoCloseable {

    private final int port;
    private boolean over;

    private RedisOutage(int port) {
        this.port = port;
    }

    public static RedisOutage begin() {
        int port = ConfigProvider.getConfig().getValue(LocalStack.REDIS_PORT, Integer.class);
        try (Socket socket = new Socket("127.0.0.1", port); OutputStream out = socket.getOutputStream()) {
            out.write("SHUTDOWN NOSAVE\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.getInputStream().read(); // returns when Redis closes the connection
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RedisOutage(port);
    }

    /** Redis is back (idempotent). */
    public void end() {
        if (!over) {
            over = true;
            LocalStack.ephemeral(LocalStack.findProjectDir()).redisServer(port).start(Duration.ofSeconds(30));
        }
    }

    @Override
    public void close() {
        end();
    }
}
