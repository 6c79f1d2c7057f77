package maraude.images;

/**
 * Finds the JPEG thumbnail a camera embeds in the EXIF APP1 segment (IFD1, tags
 * JPEGInterchangeFormat 0x0201 and JPEGInterchangeFormatLength 0x0202), by hand and bounded: every
 * offset is checked against the segment, so a hostile header yields {@code null}, never an
 * exception or a read outside the file.
 *
 * <p>The embedded picture is the camera's, not necessarily the main image's (an editor may have
 * cropped or replaced the main image and kept the old thumbnail; a hostile file may embed anything).
 * The caller only uses it for list-size derivatives when its aspect ratio matches the main image's,
 * and never for the explicitness score.</p>
 */
final class ExifThumbnail {

    /** Largest embedded thumbnail considered (cameras write 10–60 KB). */
    static final int MAX_BYTES = 256 * 1024;

    private ExifThumbnail() {
    }

    /** @return {offset, length} of the embedded JPEG inside {@code d}, or {@code null} */
    static int[] find(byte[] d) {
        try {
            if (d == null || d.length < 4 || (d[0] & 255) != 0xFF || (d[1] & 255) != 0xD8) {
                return null;
            }
            int p = 2;
            for (int segments = 0; segments < 64 && p + 4 <= d.length; segments++) {
                if ((d[p] & 255) != 0xFF) {
                    return null;
                }
                int marker = d[p + 1] & 255;
                if (marker == 0xDA || marker == 0xD9 || marker >= 0xC0 && marker <= 0xCF && marker != 0xC4
                        && marker != 0xC8 && marker != 0xCC) {
                    return null; // frame or scan: the EXIF segment comes before
                }
                int len = (d[p + 2] & 255) << 8 | d[p + 3] & 255;
                if (len < 2) {
                    return null;
                }
                int end = p + 2 + len;
                if (end > d.length) {
                    return null;
                }
                if (marker == 0xE1 && len >= 16 && d[p + 4] == 'E' && d[p + 5] == 'x' && d[p + 6] == 'i' && d[p + 7] == 'f'
                        && d[p + 8] == 0 && d[p + 9] == 0) {
                    return fromTiff(d, p + 10, end);
                }
                p = end;
            }
        } catch (RuntimeException e) {
            // malformed EXIF: no thumbnail
        }
        return null;
    }

    private static int[] fromTiff(byte[] d, int t, int end) {
        boolean le;
        if (d[t] == 'I' && d[t + 1] == 'I') {
            le = true;
        } else if (d[t] == 'M' && d[t + 1] == 'M') {
            le = false;
        } else {
            return null;
        }
        if (u16(d, t + 2, le) != 42) {
            return null;
        }
        long ifd0 = t + (u32(d, t + 4, le) & 0xFFFFFFFFL);
        if (ifd0 < t + 8 || ifd0 + 2 > end) {
            return null;
        }
        int n0 = u16(d, (int) ifd0, le);
        long next = ifd0 + 2 + 12L * n0;
        if (next + 4 > end) {
            return null;
        }
        long ifd1 = u32(d, (int) next, le) & 0xFFFFFFFFL;
        if (ifd1 == 0) {
            return null;
        }
        ifd1 += t;
        if (ifd1 <= ifd0 || ifd1 + 2 > end) {
            return null; // pointing backwards (loops) or outside
        }
        int n1 = u16(d, (int) ifd1, le);
        long offset = -1;
        long length = -1;
        for (int i = 0; i < n1; i++) {
            long e = ifd1 + 2 + 12L * i;
            if (e + 12 > end) {
                return null;
            }
            int tag = u16(d, (int) e, le);
            int type = u16(d, (int) e + 2, le);
            long value = type == 3 ? u16(d, (int) e + 8, le) : u32(d, (int) e + 8, le) & 0xFFFFFFFFL;
            if (tag == 0x0201) {
                offset = value;
            } else if (tag == 0x0202) {
                length = value;
            }
        }
        if (offset <= 0 || length < 4 || length > MAX_BYTES) {
            return null;
        }
        long start = t + offset;
        if (start + length > end) {
            return null;
        }
        int s = (int) start;
        if ((d[s] & 255) != 0xFF || (d[s + 1] & 255) != 0xD8) {
            return null;
        }
        return new int[] { s, (int) length };
    }

    /** Width and height of the main frame (any SOFn, baseline or progressive), or {@code null}. */
    static int[] frameDimensions(byte[] d) {
        try {
            if (d == null || d.length < 4 || (d[0] & 255) != 0xFF || (d[1] & 255) != 0xD8) {
                return null;
            }
            int p = 2;
            for (int segments = 0; segments < 256 && p + 4 <= d.length; segments++) {
                if ((d[p] & 255) != 0xFF) {
                    return null;
                }
                int marker = d[p + 1] & 255;
                if (marker == 0xFF) {
                    p++;
                    continue;
                }
                if (marker == 0xDA || marker == 0xD9) {
                    return null;
                }
                int len = (d[p + 2] & 255) << 8 | d[p + 3] & 255;
                if (len < 2) {
                    return null;
                }
                if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                    if (p + 9 > d.length) {
                        return null;
                    }
                    int h = (d[p + 5] & 255) << 8 | d[p + 6] & 255;
                    int w = (d[p + 7] & 255) << 8 | d[p + 8] & 255;
                    return w > 0 && h > 0 ? new int[] { w, h } : null;
                }
                p += 2 + len;
            }
        } catch (RuntimeException e) {
            // damaged header
        }
        return null;
    }

    /** Whether a {@code tw×th} picture has the shape of a {@code w×h} one (2 % tolerance, rounding of small sides). */
    static boolean sameShape(int tw, int th, int w, int h) {
        if (tw <= 0 || th <= 0 || w <= 0 || h <= 0) {
            return false;
        }
        double main = (double) w / h;
        double thumb = (double) tw / th;
        // one pixel of rounding on the thumbnail's short side is tolerated on top of 2 %
        double slack = 0.02 + 1.0 / Math.min(tw, th);
        return Math.abs(thumb - main) <= slack * main;
    }

    private static int u16(byte[] d, int o, boolean le) {
        return le ? (d[o] & 255) | (d[o + 1] & 255) << 8 : (d[o] & 255) << 8 | d[o + 1] & 255;
    }

    private static int u32(byte[] d, int o, boolean le) {
        return le ? u16(d, o, true) | u16(d, o + 2, true) << 16 : u16(d, o, false) << 16 | u16(d, o + 2, false);
    }
}
