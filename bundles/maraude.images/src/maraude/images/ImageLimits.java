package maraude.images;

/**
 * Bounds applied before any pixel is decoded. The dimensions are read from the header by an
 * {@link javax.imageio.ImageReader}; a picture above a bound becomes an {@link ImagePlaceholder}
 * instead of a multi-gigabyte allocation (decompression bomb).
 *
 * @param maxPixels largest width × height accepted (the header's, before subsampling)
 * @param maxSide   largest width or height accepted
 * @param maxBytes  largest encoded size read into memory
 * @param maxOutputSide largest side of any decoded result (reveal included): pictures are always
 *                  decoded with subsampling to at most this size, so memory stays bounded
 */
public record ImageLimits(long maxPixels, int maxSide, long maxBytes, int maxOutputSide) {

    /** 120 MP covers today's 108 MP phone sensors; 64 MiB covers any phone JPEG or PNG screenshot. */
    public static final ImageLimits DEFAULT = new ImageLimits(120_000_000L, 30_000, 64L << 20, 4096);

    public ImageLimits {
        if (maxPixels <= 0 || maxSide <= 0 || maxBytes <= 0 || maxOutputSide <= 0) {
            throw new IllegalArgumentException("limits must be positive"); //$NON-NLS-1$
        }
    }
}
