package dev.parley.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import javax.imageio.ImageIO;

/** Images made in the test: a quadrant picture to tell orientation by, EXIF orientation written by hand, a PNG bomb. */
public final class TestImages {

    private TestImages() {
    }

    /** {@code width × height}, the top-left quarter red, the top-right blue, the bottom half green. */
    public static BufferedImage quadrants(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height / 2);
        g.setColor(Color.BLUE);
        g.fillRect(width / 2, 0, width - width / 2, height / 2);
        g.setColor(Color.GREEN);
        g.fillRect(0, height / 2, width, height - height / 2);
        g.dispose();
        return image;
    }

    public static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A JPEG with an APP1 Exif segment right after SOI whose IFD0 holds one entry, Orientation
     * (0x0112, SHORT) = {@code orientation}; 6 means "turn 90° clockwise to view".
     */
    public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {'I', 'I', 42, 0, 8, 0, 0, 0, // little-endian TIFF header, IFD0 at offset 8
                1, 0, // one entry
                0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte) orientation, 0, 0, 0, // Orientation, SHORT, count 1, value
                0, 0, 0, 0}; // no next IFD
        byte[] exif = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        int length = 2 + exif.length + tiff.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2); // SOI
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(exif);
        out.writeBytes(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** A valid, tiny PNG whose header claims {@code width × height} pixels: decoding it would need gigabytes. */
    public static byte[] pngBomb(int width, int height) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            DataOutputStream fields = new DataOutputStream(header);
            fields.writeInt(width);
            fields.writeInt(height);
            fields.write(new byte[] {8, 2, 0, 0, 0}); // 8-bit RGB, deflate, no filter, no interlace
            chunk(out, "IHDR", header.toByteArray());
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
            deflater.setInput(new byte[64 * 1024]); // the first rows, all zero
            deflater.finish();
            byte[] compressed = new byte[1024];
            int size = deflater.deflate(compressed);
            chunk(out, "IDAT", java.util.Arrays.copyOf(compressed, size));
            chunk(out, "IEND", new byte[0]);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream chunk = new DataOutputStream(out);
        chunk.writeInt(data.length);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        chunk.write(name);
        chunk.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        chunk.writeInt((int) crc.getValue());
    }

    /** Whether two colours are the same within what JPEG compression changes. */
    public static boolean near(int rgb, Color expected) {
        Color actual = new Color(rgb);
        return Math.abs(actual.getRed() - expected.getRed()) < 48 && Math.abs(actual.getGreen() - expected.getGreen()) < 48
                && Math.abs(actual.getBlue() - expected.getBlue()) < 48;
    }
}
