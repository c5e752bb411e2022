package dev.parley.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.parley.platform.localstack.LocalStack;

/**
 * The test stack's Redis over a plain socket, outside the app's client: commands sent together in
 * one write (Redis runs them back to back), and a MONITOR of what it runs.
 */
public final class RawRedis {

    private RawRedis() {
    }

    /** Sends the commands in one write and waits for all their replies. */
    public static void pipeline(String[]... commands) {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            for (String[] command : commands) {
                request.writeBytes(("*" + command.length + "\r\n").getBytes(StandardCharsets.UTF_8));
                for (String part : command) {
                    byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                    request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
                    request.writeBytes(bytes);
                    request.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
                }
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < commands.length; i++) {
                skipReply(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every command Redis runs from now until {@link Monitor#stop} (MONITOR), as Redis prints them:
     * {@code 1700000000.123456 [0 127.0.0.1:40000] "exists" "auth:denied-jti:..."}; commands run by
     * a script show {@code [0 lua]}.
     */
    public static Monitor monitor() {
        return new Monitor();
    }

    public static final class Monitor {
        private final Socket socket;
        private final InputStream in;

        private Monitor() {
            try {
                socket = new Socket("127.0.0.1", port());
                socket.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
                in = socket.getInputStream();
                readLine(in); // +OK: from here on, every command is reported
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The commands run since the start, up to a sentinel command sent now (so none is missed). */
        public List<String> stop() {
            String sentinel = "monitor-end-" + UUID.randomUUID();
            pipeline(new String[] { "ECHO", sentinel });
            List<String> lines = new ArrayList<>();
            try (socket) {
                for (String line = readLine(in); !line.contains(sentinel); line = readLine(in)) {
                    lines.add(line.substring(1));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return lines;
        }
    }

    private static int port() {
        return ConfigProvider.getConfig().getValue(LocalStack.REDIS_PORT, Integer.class);
    }

    private static void skipReply(InputStream in) throws IOException {
        String line = readLine(in);
        switch (line.charAt(0)) {
            case '$' -> {
                int length = Integer.parseInt(line.substring(1));
                if (length >= 0) {
                    in.readNBytes(length + 2);
                }
            }
            case '*' -> {
                for (int i = Integer.parseInt(line.substring(1)); i > 0; i--) {
                    skipReply(in);
                }
            }
            case '-' -> throw new IllegalStateException("Redis answered " + line);
            default -> { } // +OK, :1
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("Redis closed the connection");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
