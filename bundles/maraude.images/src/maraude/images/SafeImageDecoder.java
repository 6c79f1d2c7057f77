package maraude.images;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes hostile pictures without ever throwing and without unbounded allocation.
 * <ol>
 * <li>The header is read first ({@link ImageReader#getWidth}); a picture above {@link ImageLimits}
 * becomes a {@link ImagePlaceholder} before any pixel is allocated.</li>
 * <li>Pixels are decoded with {@link ImageReadParam#setSourceSubsampling} chosen from the target
 * size, so a 12 MP photo asked for a 320 px thumbnail allocates a few hundred kilobytes.</li>
 * <li>Streams are wrapped in memory-backed {@link ImageInputStream}s, never
 * {@code ImageIO.createImageInputStream}, which may spool the (sharp) bytes to a temporary file
 * when ImageIO's disk cache is on.</li>
 * <li>Malformed data, truncation, decoder bugs (runtime exceptions) and out-of-memory become
 * placeholders with the reason.</li>
 * </ol>
 * Thread-safe (one reader per call).
 */
public final class SafeImageDecoder {

    private final ImageLimits limits;

    public SafeImageDecoder() {
        this(ImageLimits.DEFAULT);
    }

    public SafeImageDecoder(ImageLimits limits) {
        this.limits = limits;
    }

    public ImageLimits limits() {
        return limits;
    }

    /**
     * @param data    the encoded picture
     * @param maxSide wanted longest side; the result's longest side lies in [maxSide, 2·maxSide)
     *                unless the picture is smaller (then it is decoded whole). Capped by
     *                {@link ImageLimits#maxOutputSide()}.
     */
    public DecodeResult decode(byte[] data, int maxSide) {
        if (data == null || data.length == 0) {
            return new ImagePlaceholder(ImagePlaceholder.Reason.EMPTY, ""); //$NON-NLS-1$
        }
        if (data.length > limits.maxBytes()) {
            return new ImagePlaceholder(ImagePlaceholder.Reason.TOO_LARGE, data.length + " bytes"); //$NON-NLS-1$
        }
        int orientation = ExifOrientation.read(data);
        DecodedImage fast = fastJpeg(data, maxSide, orientation);
        if (fast != null) {
            return fast;
        }
        return decode(new MemoryCacheImageInputStream(new ByteArrayInputStream(data)), data.length, maxSide, orientation);
    }

    /**
     * Thumbnails of baseline JPEGs at least 8× larger than asked: DC-only decoding at 1/8 scale
     * ({@link JpegDcDecoder}), after the same header checks. {@code null}: use ImageIO.
     */
    private DecodedImage fastJpeg(byte[] data, int maxSide, int orientation) {
        int target = Math.max(1, Math.min(maxSide, limits.maxOutputSide()));
        int[] dims = JpegDcDecoder.dimensions(data);
        if (dims == null) {
            return null;
        }
        int w = dims[0];
        int h = dims[1];
        if (w > limits.maxSide() || h > limits.maxSide() || (long) w * h > limits.maxPixels()
                || subsamplingFor(w, h, target) < 8) {
            return null; // refused or too small for 1/8: ImageIO path gives the reason or the detail
        }
        try {
            BufferedImage eighth = JpegDcDecoder.decode(data);
            if (eighth == null) {
                return null;
            }
            BufferedImage fitted = Math.max(eighth.getWidth(), eighth.getHeight()) >= 2 * target
                    ? Pixels.fitDown(eighth, target) : eighth;
            return new DecodedImage(Pixels.orient(fitted, orientation), w, h, "jpeg", 8); //$NON-NLS-1$
        } catch (OutOfMemoryError e) {
            return null;
        }
    }

    /**
     * The camera's embedded EXIF thumbnail, decoded and turned like the main image, when the main
     * image is within the limits and the thumbnail has its shape (aspect ratio within 2 %) and a
     * longest side of at least {@code minSide}; {@code null} otherwise (none, damaged, another shape:
     * the caller decodes the main image instead). An embedded thumbnail may show another picture than
     * the main image (kept from before a crop, or hostile): it is only good for list-size blurred
     * derivatives, never for the explicitness score.
     */
    public DecodedImage embeddedThumbnail(byte[] data, int minSide) {
        if (data == null || data.length > limits.maxBytes()) {
            return null;
        }
        int[] at = ExifThumbnail.find(data);
        int[] dims = at == null ? null : ExifThumbnail.frameDimensions(data);
        if (dims == null) {
            return null;
        }
        int w = dims[0];
        int h = dims[1];
        if (w > limits.maxSide() || h > limits.maxSide() || (long) w * h > limits.maxPixels()) {
            return null;
        }
        byte[] slice = java.util.Arrays.copyOfRange(data, at[0], at[0] + at[1]);
        int[] tdims = ExifThumbnail.frameDimensions(slice);
        if (tdims == null || !ExifThumbnail.sameShape(tdims[0], tdims[1], w, h)
                || Math.max(tdims[0], tdims[1]) < minSide || Math.max(tdims[0], tdims[1]) > 2048) {
            return null;
        }
        DecodeResult r = decode(new MemoryCacheImageInputStream(new ByteArrayInputStream(slice)), slice.length,
                Math.max(tdims[0], tdims[1]), 1, "jpeg"); //$NON-NLS-1$
        if (!(r instanceof DecodedImage t) || !ExifThumbnail.sameShape(t.image().getWidth(), t.image().getHeight(), w, h)) {
            return null;
        }
        return new DecodedImage(Pixels.orient(t.image(), ExifOrientation.read(data)), w, h, "jpeg-exif-thumbnail", //$NON-NLS-1$
                Math.max(1, Math.max(w, h) / Math.max(t.image().getWidth(), t.image().getHeight())));
    }

    /** Decodes a file without reading it whole into memory. */
    public DecodeResult decode(Path file, int maxSide) {
        long size;
        int orientation;
        try {
            size = Files.size(file);
            if (size == 0) {
                return new ImagePlaceholder(ImagePlaceholder.Reason.EMPTY, ""); //$NON-NLS-1$
            }
            if (size > limits.maxBytes()) {
                return new ImagePlaceholder(ImagePlaceholder.Reason.TOO_LARGE, size + " bytes"); //$NON-NLS-1$
            }
            try (InputStream in = Files.newInputStream(file)) {
                orientation = ExifOrientation.read(in.readNBytes(ExifOrientation.SCAN_BYTES));
            }
            return decode(new FileImageInputStream(file.toFile()), size, maxSide, orientation);
        } catch (IOException | RuntimeException e) {
            return new ImagePlaceholder(ImagePlaceholder.Reason.IO_ERROR, e.getClass().getSimpleName());
        }
    }

    /**
     * Reads at most {@code maxBytes + 1} bytes: the caller learns that a stream is too long without
     * buffering all of it.
     */
    static byte[] readBounded(InputStream in, long maxBytes) throws IOException {
        // Up to maxBytes + 1 bytes (one more tells the caller it is too large). Sized from available()
        // (a file's remaining length), capped, and read in large requests: readNBytes would read in
        // 8 KiB requests and copy everything once more.
        int limit = (int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1);
        int hint = in.available();
        byte[] buf = new byte[Math.min(limit, hint > 0 ? Math.min(hint, 1 << 26) : 1 << 16)];
        int n = 0;
        while (true) {
            if (n == buf.length) {
                if (n >= limit) {
                    break;
                }
                int b = in.read();
                if (b < 0) {
                    break;
                }
                buf = java.util.Arrays.copyOf(buf, (int) Math.min(limit, Math.max(n + 1L, 2L * buf.length)));
                buf[n++] = (byte) b;
                continue;
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n == buf.length ? buf : java.util.Arrays.copyOf(buf, n);
    }

    /** Subsampling step so that the decoded longest side is at least {@code target}. */
    public static int subsamplingFor(int width, int height, int target) {
        int longest = Math.max(width, height);
        return Math.max(1, longest / Math.max(1, target));
    }

    private DecodeResult decode(ImageInputStream iis, long byteCount, int maxSide, int orientation) {
        return decode(iis, byteCount, maxSide, orientation, null);
    }

    /** @param knownFormat a format name whose reader is taken without probing every reader, or {@code null} */
    private DecodeResult decode(ImageInputStream iis, long byteCount, int maxSide, int orientation, String knownFormat) {
        ImageReader reader = null;
        String format = "?"; //$NON-NLS-1$
        try (iis) {
            Iterator<ImageReader> readers = knownFormat != null ? ImageIO.getImageReadersByFormatName(knownFormat)
                    : ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                return new ImagePlaceholder(ImagePlaceholder.Reason.UNSUPPORTED_FORMAT, byteCount + " bytes"); //$NON-NLS-1$
            }
            reader = readers.next();
            format = reader.getFormatName().toLowerCase(Locale.ROOT);
            reader.setInput(iis, true, true);
            int w = reader.getWidth(0);
            int h = reader.getHeight(0);
            String dims = format + ' ' + w + '\u00d7' + h;
            if (w <= 0 || h <= 0) {
                return new ImagePlaceholder(ImagePlaceholder.Reason.CORRUPT, dims);
            }
            if (w > limits.maxSide() || h > limits.maxSide() || (long) w * h > limits.maxPixels()) {
                return new ImagePlaceholder(ImagePlaceholder.Reason.TOO_LARGE, dims);
            }
            int target = Math.max(1, Math.min(maxSide, limits.maxOutputSide()));
            int step = subsamplingFor(w, h, target);
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceSubsampling(step, step, 0, 0);
            boolean[] truncated = { false };
            reader.addIIOReadWarningListener(new IIOReadWarningListener() {
                @Override
                public void warningOccurred(ImageReader source, String warning) {
                    if (warning != null && isTruncationMessage(warning)) {
                        truncated[0] = true;
                    }
                }
            });
            BufferedImage raw = reader.read(0, param);
            if (truncated[0]) {
                return new ImagePlaceholder(ImagePlaceholder.Reason.TRUNCATED, dims + ", " + byteCount + " bytes"); //$NON-NLS-1$ //$NON-NLS-2$
            }
            BufferedImage rgb = Pixels.orient(Pixels.toRgb(raw), orientation);
            return new DecodedImage(rgb, w, h, format, step);
        } catch (EOFException e) {
            return new ImagePlaceholder(ImagePlaceholder.Reason.TRUNCATED, format + ", " + byteCount + " bytes"); //$NON-NLS-1$ //$NON-NLS-2$
        } catch (IIOException e) {
            String m = String.valueOf(e.getMessage());
            if (isTruncationMessage(m) || e.getCause() instanceof EOFException) {
                return new ImagePlaceholder(ImagePlaceholder.Reason.TRUNCATED, format + ", " + byteCount + " bytes"); //$NON-NLS-1$ //$NON-NLS-2$
            }
            if (m.contains("Unsupported Image Type") || m.contains("Unsupported")) { //$NON-NLS-1$ //$NON-NLS-2$
                return new ImagePlaceholder(ImagePlaceholder.Reason.UNSUPPORTED_FORMAT, format + ": " + shorten(m)); //$NON-NLS-1$
            }
            return new ImagePlaceholder(ImagePlaceholder.Reason.CORRUPT, format + ": " + shorten(m)); //$NON-NLS-1$
        } catch (IOException e) {
            return new ImagePlaceholder(ImagePlaceholder.Reason.IO_ERROR, format + ": " + e.getClass().getSimpleName()); //$NON-NLS-1$
        } catch (OutOfMemoryError e) {
            // Limits make this unlikely; a decoder's internal tables could still blow up.
            return new ImagePlaceholder(ImagePlaceholder.Reason.TOO_LARGE, format + ": out of memory"); //$NON-NLS-1$
        } catch (RuntimeException | StackOverflowError e) {
            // JDK decoders throw IndexOutOfBounds, IllegalArgument, NegativeArraySize… on hostile input.
            return new ImagePlaceholder(ImagePlaceholder.Reason.CORRUPT, format + ": " + e.getClass().getSimpleName()); //$NON-NLS-1$
        } finally {
            if (reader != null) {
                reader.dispose();
            }
        }
    }

    private static boolean isTruncationMessage(String m) {
        String l = m.toLowerCase(Locale.ROOT);
        return l.contains("premature end") || l.contains("eof") || l.contains("end of file") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                || l.contains("truncated"); //$NON-NLS-1$
    }

    private static String shorten(String m) {
        return m.length() <= 120 ? m : m.substring(0, 120) + '…';
    }
}
