package maraude.images;

/**
 * Reads the EXIF Orientation tag (0x0112) of a JPEG's APP1 segment, by hand: ImageIO ignores it,
 * and phone photos are stored sideways with the tag saying how to turn them. Any malformation
 * yields 1 (as stored).
 */
final class ExifOrientation {

    /** Bytes read from the start of a file to find the APP1 segment. */
    static final int SCAN_BYTES = 128 * 1024;

    private ExifOrientation() {
    }

    static int read(byte[] d) {
        try {
            if (d.length < 4 || (d[0] & 255) != 0xFF || (d[1] & 255) != 0xD8) {
                return 1;
            }
            int p = 2;
            while (p + 4 <= d.length) {
                if ((d[p] & 255) != 0xFF) {
                    return 1;
                }
                int marker = d[p + 1] & 255;
                if (marker == 0xDA || marker == 0xD9) {
                    return 1; // image data starts: no EXIF before it
                }
                int len = (d[p + 2] & 255) << 8 | d[p + 3] & 255;
                if (len < 2) {
                    return 1;
                }
                if (marker == 0xE1 && p + 4 + 6 <= d.length && d[p + 4] == 'E' && d[p + 5] == 'x' && d[p + 6] == 'i'
                        && d[p + 7] == 'f') {
                    return fromTiff(d, p + 10, Math.min(d.length, p + 2 + len));
                }
                p += 2 + len;
            }
        } catch (RuntimeException e) {
            // malformed EXIF: keep the picture as stored
        }
        return 1;
    }

    private static int fromTiff(byte[] d, int t, int end) {
        boolean le = d[t] == 'I' && d[t + 1] == 'I';
        int ifd = t + u32(d, t + 4, le);
        if (ifd < t || ifd + 2 > end) {
            return 1;
        }
        int n = u16(d, ifd, le);
        for (int i = 0; i < n; i++) {
            int e = ifd + 2 + 12 * i;
            if (e + 12 > end) {
                return 1;
            }
            if (u16(d, e, le) == 0x0112) {
                int v = u16(d, e + 8, le);
                return v >= 1 && v <= 8 ? v : 1;
            }
        }
        return 1;
    }

    private static int u16(byte[] d, int o, boolean le) {
        return le ? (d[o] & 255) | (d[o + 1] & 255) << 8 : (d[o] & 255) << 8 | d[o + 1] & 255;
    }

    private static int u32(byte[] d, int o, boolean le) {
        return le ? u16(d, o, true) | u16(d, o + 2, true) << 16 : u16(d, o, false) << 16 | u16(d, o + 2, false);
    }
}
