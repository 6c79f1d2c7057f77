package maraude.images;

import java.awt.image.BufferedImage;

/**
 * A blur no one can undo: the picture is averaged down to a grid of {@link BlurLevel#cells()} cells
 * on its longest side (everything finer is gone), the grid is stretched back to the output size by
 * bilinear interpolation, and three box-blur passes (≈ a Gaussian of one cell) smooth the cell
 * edges away so that no mosaic suggests shapes.
 */
public final class Blur {

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
        int[] px = upscale(grid, gw, gh, ow, oh);
        int radius = Math.max(1, Math.max(ow / gw, oh / gh) / 2);
        for (int pass = 0; pass < 3; pass++) {
            boxHorizontal(px, ow, oh, radius);
            boxVertical(px, ow, oh, radius);
        }
        return Pixels.image(px, ow, oh);
    }

    /** Bilinear stretch of the grid, sampling at cell centres, edges clamped. */
    private static int[] upscale(int[] grid, int gw, int gh, int ow, int oh) {
        int[] out = new int[ow * oh];
        for (int y = 0; y < oh; y++) {
            double fy = (y + 0.5) * gh / oh - 0.5;
            int y0 = clamp((int) Math.floor(fy), gh);
            int y1 = clamp(y0 + 1, gh);
            double wy = Math.min(1, Math.max(0, fy - Math.floor(fy)));
            if (fy < 0) {
                wy = 0;
            }
            for (int x = 0; x < ow; x++) {
                double fx = (x + 0.5) * gw / ow - 0.5;
                int x0 = clamp((int) Math.floor(fx), gw);
                int x1 = clamp(x0 + 1, gw);
                double wx = fx < 0 ? 0 : Math.min(1, fx - Math.floor(fx));
                int a = grid[y0 * gw + x0];
                int b = grid[y0 * gw + x1];
                int c = grid[y1 * gw + x0];
                int d = grid[y1 * gw + x1];
                int p = 0;
                for (int s = 16; s >= 0; s -= 8) {
                    double top = (a >> s & 255) * (1 - wx) + (b >> s & 255) * wx;
                    double bottom = (c >> s & 255) * (1 - wx) + (d >> s & 255) * wx;
                    p |= ((int) Math.round(top * (1 - wy) + bottom * wy) & 255) << s;
                }
                out[y * ow + x] = p;
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
