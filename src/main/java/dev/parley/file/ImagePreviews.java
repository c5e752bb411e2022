package dev.parley.file;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageWriterSpi;

import dev.parley.platform.config.ParleyConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.ExifUtils;
import net.coobird.thumbnailator.util.exif.Orientation;

/**
 * Thumbnails (about 360 px) and previews (about 1,600 px) of images, upright (EXIF orientation
 * applied). The pixel count is read from the header first and an image over the cap is refused
 * before anything is decoded; the decoder then skips rows and columns (subsampling) so that what it
 * builds is less than twice the preview's size on each side, whatever the original's size. Only
 * JPEG metadata is read (for the orientation): other formats' ancillary chunks, such as PNG's
 * compressed text, are skipped unread. Formats the JVM
 * cannot decode (HEIC, AVIF, WebP) and broken images get no previews: the file is still stored.
 */
@ApplicationScoped
// ImageIO finds TwelveMonkeys' JPEG plugin (CMYK JPEGs) through ServiceLoader and builds it by reflection.
@RegisterForReflection(targets = {JPEGImageReaderSpi.class, JPEGImageWriterSpi.class})
public class ImagePreviews {

    private static final Logger LOG = Logger.getLogger(ImagePreviews.class);
    /** Orientations that turn the image by a quarter: the upright width is the stored height. */
    private static final Set<Orientation> QUARTER_TURNS = Set.of(Orientation.LEFT_TOP, Orientation.RIGHT_TOP,
            Orientation.RIGHT_BOTTOM, Orientation.LEFT_BOTTOM);
    private static final double JPEG_QUALITY = 0.85;

    private final long maxPixels;
    private final int thumbnailSize;
    private final int previewSize;

    public ImagePreviews(ParleyConfig config) {
        this.maxPixels = config.files().maxImagePixels();
        this.thumbnailSize = config.files().thumbnailSize();
        this.previewSize = config.files().previewSize();
    }

    /** What was made: the upright size of the original and both encoded images, of one type. */
    public record Previews(int width, int height, String type, byte[] thumbnail, byte[] preview) {
    }

    /** An image whose header claims more pixels than {@code parley.files.max-image-pixels}. */
    public static final class TooManyPixels extends Exception {
        private final long pixels;

        TooManyPixels(long pixels) {
            super(pixels + " pixels", null, false, false);
            this.pixels = pixels;
        }

        public long pixels() {
            return pixels;
        }
    }

    /** Whether the JVM has a decoder for this type (not for HEIC, AVIF or WebP). */
    public boolean decodes(String type) {
        return ImageIO.getImageReadersByMIMEType(type).hasNext();
    }

    public long maxPixels() {
        return maxPixels;
    }

    /** Previews of the image in {@code file}; empty when no decoder knows it or it cannot be decoded. */
    public Optional<Previews> make(Path file) throws TooManyPixels {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                boolean jpeg = "jpeg".equalsIgnoreCase(reader.getFormatName());
                reader.setInput(in, true, !jpeg);
                return Optional.of(previews(reader));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException broken) {
            // Crafted or damaged images make decoders throw all sorts of things; none may take the service down.
            LOG.debugf("No previews for an image the decoder could not read: %s", broken.toString());
            return Optional.empty();
        }
    }

    private Previews previews(ImageReader reader) throws IOException, TooManyPixels {
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            throw new TooManyPixels(pixels);
        }
        Orientation orientation = orientation(reader);
        ImageReadParam param = reader.getDefaultReadParam();
        int step = Math.max(1, Math.max(width, height) / previewSize);
        param.setSourceSubsampling(step, step, 0, 0);
        BufferedImage decoded = reader.read(0, param);
        boolean alpha = decoded.getColorModel().hasAlpha();
        BufferedImage preview = upright(resized(decoded, previewSize, alpha), orientation);
        decoded.flush();
        BufferedImage thumbnail = resized(preview, thumbnailSize, alpha);
        boolean turned = orientation != null && QUARTER_TURNS.contains(orientation);
        return new Previews(turned ? height : width, turned ? width : height, alpha ? "image/png" : "image/jpeg",
                encoded(thumbnail, alpha), encoded(preview, alpha));
    }

    /** The EXIF orientation of a JPEG; null when there is none or the metadata was not read. */
    private static Orientation orientation(ImageReader reader) {
        try {
            return ExifUtils.getExifOrientation(reader, 0);
        } catch (IOException | RuntimeException none) {
            return null;
        }
    }

    private static BufferedImage upright(BufferedImage image, Orientation orientation) {
        return orientation == null || orientation == Orientation.TOP_LEFT ? image
                : ExifFilterUtils.getFilterForOrientation(orientation).apply(image);
    }

    /** Scaled so its longer side is at most {@code longSide} (never enlarged), as plain RGB or ARGB. */
    private static BufferedImage resized(BufferedImage image, int longSide, boolean alpha) throws IOException {
        double scale = Math.min(1.0, (double) longSide / Math.max(image.getWidth(), image.getHeight()));
        return Thumbnails.of(image).scale(scale).imageType(alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB)
                .asBufferedImage();
    }

    private static byte[] encoded(BufferedImage image, boolean alpha) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thumbnails.Builder<BufferedImage> builder = Thumbnails.of(image).scale(1.0).outputFormat(alpha ? "png" : "jpg");
        if (!alpha) {
            builder.outputQuality(JPEG_QUALITY);
        }
        builder.toOutputStream(out);
        return out.toByteArray();
    }
}
