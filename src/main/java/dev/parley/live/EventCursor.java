package dev.parley.live;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import dev.parley.platform.graphql.ParleyException;

/**
 * Where a subscriber stands: the last event sequence it has seen in each of its channels, and when.
 * A client keeps the cursor of the last event it received and passes it as {@code after} to resume.
 * Opaque to clients: a version byte, the time, then (channel id, sequence) pairs, base64url.
 */
public record EventCursor(Instant at, Map<String, Long> positions) {

    private static final int VERSION = 1;

    public String encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + positions.size() * 32);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(at.toEpochMilli());
            out.writeShort(positions.size());
            for (Map.Entry<String, Long> position : positions.entrySet()) {
                byte[] id = position.getKey().getBytes(StandardCharsets.UTF_8);
                out.writeByte(id.length);
                out.write(id);
                out.writeLong(position.getValue());
            }
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
    }

    /** The cursor a client sent, or BAD_USER_INPUT on the {@code after} field. */
    public static EventCursor decode(String text) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(Base64.getUrlDecoder().decode(text)))) {
            if (in.readByte() != VERSION) {
                throw new IOException("version");
            }
            Instant at = Instant.ofEpochMilli(in.readLong());
            int count = in.readUnsignedShort();
            Map<String, Long> positions = new HashMap<>(count * 2);
            for (int i = 0; i < count; i++) {
                byte[] id = in.readNBytes(in.readUnsignedByte());
                positions.put(new String(id, StandardCharsets.UTF_8), in.readLong());
            }
            if (in.read() != -1) {
                throw new IOException("trailing bytes");
            }
            return new EventCursor(at, positions);
        } catch (IOException | IllegalArgumentException malformed) {
            throw ParleyException.badInput("after", "after is not a cursor this server gave out");
        }
    }
}
