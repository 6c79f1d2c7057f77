package maraude.images;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Re-encodes a picture from its pixels alone, so that nothing of the original file leaves the
 * archive: no EXIF (GPS position, device, dates, serial numbers), no XMP/IPTC/ICC, no comments,
 * no embedded thumbnail (which can show the picture before cropping), no data after the end
 * marker. The EXIF orientation is applied to the pixels first, so the picture still stands upright.
 * JPEG stays JPEG (quality {@value #JPEG_QUALITY}); every other format becomes PNG.
 */
public final class MetadataStripper {

    static final float JPEG_QUALITY = 0.92f;

    private final SafeImageDecoder decoder;

    public MetadataStripper() {
        this(ImageLimits.DEFAULT);
    }

    public MetadataStripper(ImageLimits limits) {
        this.decoder = new SafeImageDecoder(limits);
    }

    /** @throws StripException with the placeholder's reason when the bytes cannot be decoded */
    public static byte[] strip(byte[] encoded) throws IOException {
        return new MetadataStripper().stripBytes(encoded);
    }

    public byte[] stripBytes(byte[] encoded) throws IOException {
        DecodeResult result = decoder.decode(encoded, Integer.MAX_VALUE);
        if (result instanceof ImagePlaceholder p) {
            throw new StripException(p);
        }
        DecodedImage decoded = (DecodedImage) result;
        boolean jpeg = "jpeg".equals(decoded.format()); //$NON-NLS-1$
        return encode(decoded.image(), jpeg ? "jpeg" : "png"); //$NON-NLS-1$ //$NON-NLS-2$
    }

    /** Encodes pixels only, in memory (no ImageIO disk cache). */
    static byte[] encode(BufferedImage rgb, String format) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
        if (!writers.hasNext()) {
            throw new IOException("no writer for " + format); //$NON-NLS-1$
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if ("jpeg".equals(format)) { //$NON-NLS-1$
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
            writer.write(null, new IIOImage(rgb, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** The picture could not be decoded, so nothing was exported. */
    public static final class StripException extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient ImagePlaceholder placeholder;

        StripException(ImagePlaceholder placeholder) {
            super(placeholder.reason() + ": " + placeholder.detail()); //$NON-NLS-1$
            this.placeholder = placeholder;
        }

        public ImagePlaceholder placeholder() {
            return placeholder;
        }
    }
}
