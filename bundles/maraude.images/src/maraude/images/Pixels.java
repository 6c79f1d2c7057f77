package maraude.images;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/** Pixel helpers on TYPE_INT_RGB images, with no AWT toolkit (headless-proof). */
final class Pixels {

    private Pixels() {
    }

    static int[] data(BufferedImage rgb) {
        return ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
    }

    static BufferedImage image(int[] px, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        System.arraycopy(px, 0, data(img), 0, w * h);
        return img;
    }

    /** Converts any decoded image to TYPE_INT_RGB, compositing transparency on white. */
    static BufferedImage toRgb(BufferedImage src) {
        if (src.getType() == BufferedImage.TYPE_INT_RGB) {
            return src;
        }
        int w = src.getWidth();
        int h = src.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] dst = data(out);
        boolean alpha = src.getColorModel().hasAlpha();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            src.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                if (alpha) {
                    int a = p >>> 24;
                    int r = ((p >> 16 & 255) * a + 255 * (255 - a)) / 255;
                    int g = ((p >> 8 & 255) * a + 255 * (255 - a)) / 255;
                    int b = ((p & 255) * a + 255 * (255 - a)) / 255;
                    p = r << 16 | g << 8 | b;
                }
                dst[y * w + x] = p & 0xFFFFFF;
            }
        }
        return out;
    }

    /** Size fitting (w, h) into a maxSide box, keeping the aspect ratio, at least 1×1. */
    static int[] fit(int w, int h, int maxSide) {
        if (w >= h) {
            return new int[] { maxSide, Math.max(1, (int) Math.round((double) maxSide * h / w)) };
        }
        return new int[] { Math.max(1, (int) Math.round((double) maxSide * w / h)), maxSide };
    }

    /** Area-average downscale (each target pixel averages the source pixels it covers). */
    static int[] areaAverage(int[] src, int sw, int sh, int tw, int th) {
        int[] out = new int[tw * th];
        for (int ty = 0; ty < th; ty++) {
            int y0 = (int) ((long) ty * sh / th);
            int y1 = Math.max(y0 + 1, (int) ((long) (ty + 1) * sh / th));
            for (int tx = 0; tx < tw; tx++) {
                int x0 = (int) ((long) tx * sw / tw);
                int x1 = Math.max(x0 + 1, (int) ((long) (tx + 1) * sw / tw));
                long r = 0;
                long g = 0;
                long b = 0;
                for (int y = y0; y < y1; y++) {
                    int o = y * sw;
                    for (int x = x0; x < x1; x++) {
                        int p = src[o + x];
                        r += p >> 16 & 255;
                        g += p >> 8 & 255;
                        b += p & 255;
                    }
                }
                long n = (long) (y1 - y0) * (x1 - x0);
                out[ty * tw + tx] = (int) (r / n) << 16 | (int) (g / n) << 8 | (int) (b / n);
            }
        }
        return out;
    }

    /** Scales down to fit maxSide (area average); returns the image itself when already small enough. */
    static BufferedImage fitDown(BufferedImage rgb, int maxSide) {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        if (Math.max(w, h) <= maxSide) {
            return rgb;
        }
        int[] t = fit(w, h, maxSide);
        return image(areaAverage(data(rgb), w, h, t[0], t[1]), t[0], t[1]);
    }

    /** Applies an EXIF orientation (1..8) so that the picture appears as the camera meant. */
    static BufferedImage orient(BufferedImage rgb, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return rgb;
        }
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        boolean swap = orientation >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        int[] src = data(rgb);
        BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        int[] dst = data(out);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int nx;
                int ny;
                switch (orientation) {
                    case 2 -> { nx = w - 1 - x; ny = y; }
                    case 3 -> { nx = w - 1 - x; ny = h - 1 - y; }
                    case 4 -> { nx = x; ny = h - 1 - y; }
                    case 5 -> { nx = y; ny = x; }
                    case 6 -> { nx = h - 1 - y; ny = x; }
                    case 7 -> { nx = h - 1 - y; ny = w - 1 - x; }
                    default -> { nx = y; ny = w - 1 - x; } // 8
                }
                dst[ny * ow + nx] = src[y * w + x];
            }
        }
        return out;
    }
}
