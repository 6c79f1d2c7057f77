package maraude.images;

import java.awt.image.BufferedImage;

/**
 * A blur no one can undo: the picture is averaged down to a grid of {@link BlurLevel#cells()} cells
 * on its longest side (everything finer is gone), the grid is stretched back to the output size by
 * bilinear interpolation, and three box-blur passes (≈ a Gaussian of one cell) smooth the cell
 * edges away so that no mosaic suggests shapes.
 */
public final class Blur {

    /** Working pixels per grid cell. */
    private static final int CELL_PX = 8;

    private Blur() {
    }

    /**
     * @param src     any decoded picture (a subsampled decode is enough: only {@code cells} cells survive)
     * @param maxSize longest side of the result
     */
    public static BufferedImage blur(BufferedImage src, int maxSize, BlurLevel level) {
        BufferedImage rgb = Pixels.toRgb(src);
        int sw = rgb.getWidth();
        int sh = rgb.getHeight();
        int[] out = Pixels.fit(sw, sh, Math.max(1, maxSize));
        int ow = out[0];
        int oh = out[1];
        int cells = Math.max(2, level.cells());
        int[] g = Pixels.fit(sw, sh, cells);
        int gw = Math.min(g[0], sw);
        int gh = Math.min(g[1], sh);
        int[] grid = Pixels.areaAverage(Pixels.data(rgb), sw, sh, gw, gh);
        // Smooth at a small working size (8 px per cell), then stretch: the result is the same
        // smooth surface, at a cost that does not grow with the output size.
        int ww = Math.max(1, gw * CELL_PX);
        int wh = Math.max(1, gh * CELL_PX);
        int[] work = upscale(grid, gw, gh, ww, wh);
        for (int pass = 0; pass < 3; pass++) {
            boxHorizontal(work, ww, wh, CELL_PX / 2);
            boxVertical(work, ww, wh, CELL_PX / 2);
        }
        int[] px = ow * oh <= ww * wh ? Pixels.areaAverage(work, ww, wh, ow, oh) : upscale(work, ww, wh, ow, oh);
        return Pixels.image(px, ow, oh);
    }

    /** Bilinear stretch (16.16 fixed point), sampling at pixel centres, edges clamped. */
    private static int[] upscale(int[] src, int sw, int sh, int ow, int oh) {
        int[] out = new int[ow * oh];
        int[] x0s = new int[ow];
        int[] x1s = new int[ow];
        int[] wxs = new int[ow];
        for (int x = 0; x < ow; x++) {
            long fx = (((2L * x + 1) * sw << 16) / (2L * ow)) - (1 << 15);
            if (fx < 0) {
                fx = 0;
            }
            x0s[x] = clamp((int) (fx >> 16), sw);
            x1s[x] = clamp(x0s[x] + 1, sw);
            wxs[x] = (int) (fx & 0xFFFF) >> 8; // 0..255
        }
        for (int y = 0; y < oh; y++) {
            long fy = (((2L * y + 1) * sh << 16) / (2L * oh)) - (1 << 15);
            if (fy < 0) {
                fy = 0;
            }
            int y0 = clamp((int) (fy >> 16), sh);
            int y1 = clamp(y0 + 1, sh);
            int wy = (int) (fy & 0xFFFF) >> 8;
            int r0 = y0 * sw;
            int r1 = y1 * sw;
            int o = y * ow;
            for (int x = 0; x < ow; x++) {
                int wx = wxs[x];
                int a = src[r0 + x0s[x]];
                int b = src[r0 + x1s[x]];
                int c = src[r1 + x0s[x]];
                int d = src[r1 + x1s[x]];
                int p = 0;
                for (int s = 16; s >= 0; s -= 8) {
                    int top = (a >> s & 255) * (256 - wx) + (b >> s & 255) * wx;
                    int bottom = (c >> s & 255) * (256 - wx) + (d >> s & 255) * wx;
                    p |= ((top * (256 - wy) + bottom * wy + (1 << 15)) >> 16) << s;
                }
                out[o + x] = p;
            }
        }
        return out;
    }

    private static int clamp(int v, int n) {
        return v < 0 ? 0 : v >= n ? n - 1 : v;
    }

    private static void boxHorizontal(int[] px, int w, int h, int r) {
        int[] line = new int[w];
        for (int y = 0; y < h; y++) {
            System.arraycopy(px, y * w, line, 0, w);
            box(line, w, r, px, y * w, 1);
        }
    }

    private static void boxVertical(int[] px, int w, int h, int r) {
        int[] line = new int[h];
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                line[y] = px[y * w + x];
            }
            box(line, h, r, px, x, w);
        }
    }

    /** Running-sum box filter of radius r over one line, edges clamped. */
    private static void box(int[] line, int n, int r, int[] dst, int offset, int stride) {
        int win = 2 * r + 1;
        long sr = 0;
        long sg = 0;
        long sb = 0;
        for (int i = -r; i <= r; i++) {
            int p = line[clamp(i, n)];
            sr += p >> 16 & 255;
            sg += p >> 8 & 255;
            sb += p & 255;
        }
        for (int i = 0; i < n; i++) {
            dst[offset + i * stride] = (int) (sr / win) << 16 | (int) (sg / win) << 8 | (int) (sb / win);
            int out = line[clamp(i - r, n)];
            int in = line[clamp(i + r + 1, n)];
            sr += (in >> 16 & 255) - (out >> 16 & 255);
            sg += (in >> 8 & 255) - (out >> 8 & 255);
            sb += (in & 255) - (out & 255);
        }
    }

    /**
     * Mean absolute Laplacian of the luma: a measure of high-frequency energy (edges, text, texture),
     * used by the tests to check that a blur removed detail.
     */
    public static double highFrequencyEnergy(BufferedImage img) {
        BufferedImage rgb = Pixels.toRgb(img);
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        if (w < 3 || h < 3) {
            return 0;
        }
        int[] px = Pixels.data(rgb);
        double[] l = new double[w * h];
        for (int i = 0; i < l.length; i++) {
            int p = px[i];
            l[i] = 0.299 * (p >> 16 & 255) + 0.587 * (p >> 8 & 255) + 0.114 * (p & 255);
        }
        double sum = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                sum += Math.abs(4 * l[i] - l[i - 1] - l[i + 1] - l[i - w] - l[i + w]);
            }
        }
        return sum / ((double) (w - 2) * (h - 2));
    }
}
