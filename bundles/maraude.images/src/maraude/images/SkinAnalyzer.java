package maraude.images;

import java.awt.image.BufferedImage;

/**
 * Explicitness heuristic from skin exposure, computed on the device (no model, no network).
 *
 * <h2>Steps</h2>
 * <ol>
 * <li><b>Working size</b>: the picture is area-averaged to at most {@value #WORK_SIDE} px, which
 * also removes sensor noise.</li>
 * <li><b>Lighting normalisation</b>: a white-patch correction (the brightest 3 % of pixels should
 * be neutral) applied only when those pixels are already near-neutral, with gains bounded to
 * ±20 %, so a warm or cool cast is undone without bleaching a picture that is mostly skin; the
 * luma is then stretched between its 2nd and 98th percentiles so dim and overexposed pictures are
 * judged alike.</li>
 * <li><b>Skin colour</b>: a pixel is skin when its chroma lies in a CbCr box wide enough for light
 * to very dark skin (Cb 77–135, Cr 133–180, Cr − Cb ≥ 12; chroma scaled up by up to 2.2× for pixels darker than
 * Y = 110, since chroma shrinks with luma) and its hue and saturation agree
 * (R &gt; G &ge; 0.8·B, saturation 0.10–0.75). Chroma barely depends on luma, which is what makes
 * the rule work across skin tones; only very dark (Y &lt; 25) and blown-out pixels are left out.</li>
 * <li><b>Smoothness</b>: skin is smooth at this scale; pixels whose local luma Laplacian is high
 * (bread crust, sand grain, wood, text) are dropped. Then a 3×3 majority filter.</li>
 * <li><b>Shape</b>: connected regions (4-connectivity); the largest one's share of the skin
 * pixels, its share of the picture, its compactness (area / bounding box), its centrality and how
 * much of the frame's border it runs along (backgrounds do, bodies rarely).</li>
 * </ol>
 * The score mixes the skin ratio, the largest region's cover of the picture, and (only when that
 * region is big) its centrality and compactness. It flags large central smooth skin areas: nude
 * bodies, but also close-up faces and skin-coloured smooth surfaces (sunsets, peaches); the tests
 * report its false-alarm rate on generated ordinary pictures.
 *
 * <p>Since the NSFWJS model ({@link NsfwModel}) scores pictures, this heuristic is only the fallback
 * used when the model cannot be loaded (with a warning in the audit trail), see
 * {@link PictureClassifiers}.</p>
 */
public final class SkinAnalyzer {

    /**
     * @param score              0 (nothing skin-like) .. 1 (large central smooth skin region)
     * @param skinRatio          share of the picture's pixels classified as skin
     * @param largestRegionShare share of the skin pixels that belong to the largest connected region
     * @param regionCompactness  largest region's area / its bounding box area (0..1)
     * @param regionCentrality   1 when the largest region's centroid is the picture's centre, 0 at a corner
     * @param borderContact      share of the picture's border pixels that the largest region touches
     * @param likelyExplicit     {@code score >= THRESHOLD}
     */
    public record Result(double score, double skinRatio, double largestRegionShare, double regionCompactness,
            double regionCentrality, double borderContact, boolean likelyExplicit) {

        /** The score of a picture with no skin at all. */
        static final Result NONE = new Result(0, 0, 0, 0, 0, 0, false);

        /** As a fallback score: the heuristic's score as the Porn probability, the rest Neutral. */
        ExplicitnessScore asScore() {
            // Below its threshold the heuristic stays under the rules' alert level: it flags too many ordinary pictures.
            return ExplicitnessScore.fallback(likelyExplicit ? Math.max(score, 0.9) : Math.min(score, 0.25));
        }
    }

    public static final double THRESHOLD = 0.5;

    static final int WORK_SIDE = 160;

    /** Mean |Laplacian| of luma (3×3 neighbourhood) above which a skin-coloured pixel is texture. */
    static final int SMOOTH_LIMIT = 12;

    private SkinAnalyzer() {
    }

    public static Result analyze(BufferedImage image) {
        BufferedImage rgb = Pixels.toRgb(image);
        BufferedImage small = Pixels.fitDown(rgb, WORK_SIDE);
        int w = small.getWidth();
        int h = small.getHeight();
        int n = w * h;
        if (n < 16) {
            return Result.NONE;
        }
        int[] px = Pixels.data(small).clone();
        whitePatch(px);
        boolean[] skin = classify(px, w, h);
        skin = majority(skin, w, h);
        return shape(skin, w, h);
    }

    /** Skin mask before the shape step, for tests and diagnostics. */
    static boolean[] skinMask(int[] px, int w, int h) {
        int[] copy = px.clone();
        whitePatch(copy);
        return majority(classify(copy, w, h), w, h);
    }

    private static void whitePatch(int[] px) {
        int n = px.length;
        int[] hist = new int[256];
        for (int p : px) {
            hist[luma(p)]++;
        }
        int want = Math.max(1, n * 3 / 100);
        int cut = 255;
        for (int acc = 0; cut > 0; cut--) {
            acc += hist[cut];
            if (acc >= want) {
                break;
            }
        }
        long r = 0;
        long g = 0;
        long b = 0;
        long c = 0;
        for (int p : px) {
            if (luma(p) >= cut) {
                r += p >> 16 & 255;
                g += p >> 8 & 255;
                b += p & 255;
                c++;
            }
        }
        if (c == 0) {
            return;
        }
        double mr = (double) r / c;
        double mg = (double) g / c;
        double mb = (double) b / c;
        double max = Math.max(mr, Math.max(mg, mb));
        double min = Math.min(mr, Math.min(mg, mb));
        if (min < 60 || max / min > 1.15) {
            return; // bright pixels are coloured (e.g. skin highlights), not a cast on white
        }
        double grey = (mr + mg + mb) / 3;
        double gr = bound(grey / mr);
        double gg = bound(grey / mg);
        double gb = bound(grey / mb);
        for (int i = 0; i < n; i++) {
            int p = px[i];
            int nr = Math.min(255, (int) Math.round((p >> 16 & 255) * gr));
            int ng = Math.min(255, (int) Math.round((p >> 8 & 255) * gg));
            int nb = Math.min(255, (int) Math.round((p & 255) * gb));
            px[i] = nr << 16 | ng << 8 | nb;
        }
    }

    private static double bound(double gain) {
        return Math.max(0.8, Math.min(1.2, gain));
    }

    private static int luma(int p) {
        return (299 * (p >> 16 & 255) + 587 * (p >> 8 & 255) + 114 * (p & 255)) / 1000;
    }

    private static boolean[] classify(int[] px, int w, int h) {
        int n = w * h;
        int[] y = new int[n];
        int[] hist = new int[256];
        for (int i = 0; i < n; i++) {
            y[i] = luma(px[i]);
            hist[y[i]]++;
        }
        int lo = percentile(hist, n, 0.02);
        int hi = percentile(hist, n, 0.98);
        boolean[] skin = new boolean[n];
        for (int i = 0; i < n; i++) {
            int p = px[i];
            int r = p >> 16 & 255;
            int g = p >> 8 & 255;
            int b = p & 255;
            if (y[i] < 25 || y[i] < lo + 3 && hi - lo > 120 || (r > 250 && g > 250)) {
                continue;
            }
            // Chroma shrinks towards grey as luma falls: expand it for dark pixels so that dark skin
            // in dim light lands in the same CbCr box as light skin in daylight.
            double k = y[i] < 110 ? Math.min(2.2, 110.0 / y[i]) : 1;
            double cb = 128 + k * (-0.168736 * r - 0.331264 * g + 0.5 * b);
            double cr = 128 + k * (0.5 * r - 0.418688 * g - 0.081312 * b);
            if (cb < 77 || cb > 135 || cr < 133 || cr > 180 || cr - cb < 12) {
                continue;
            }
            int max = Math.max(r, Math.max(g, b));
            int min = Math.min(r, Math.min(g, b));
            double sat = (double) (max - min) / max;
            if (r <= g || g < 0.8 * b || r < b || sat < 0.10 || sat > 0.75) {
                continue;
            }
            skin[i] = true;
        }
        // Texture: skin is smooth at working size; grainy skin-coloured surfaces are not.
        boolean[] out = new boolean[n];
        for (int j = 1; j < h - 1; j++) {
            for (int i = 1; i < w - 1; i++) {
                int k = j * w + i;
                if (!skin[k]) {
                    continue;
                }
                int tex = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int q = k + dy * w + dx;
                        if (q - w >= 0 && q + w < n) {
                            tex += Math.abs(4 * y[q] - y[q - 1] - y[q + 1] - y[q - w] - y[q + w]);
                        }
                    }
                }
                out[k] = tex / 9 < SMOOTH_LIMIT;
            }
        }
        return out;
    }

    private static int percentile(int[] hist, int n, double q) {
        long want = (long) Math.ceil(n * q);
        long acc = 0;
        for (int v = 0; v < 256; v++) {
            acc += hist[v];
            if (acc >= want) {
                return v;
            }
        }
        return 255;
    }

    private static boolean[] majority(boolean[] m, int w, int h) {
        boolean[] out = new boolean[m.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int c = 0;
                int t = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int yy = y + dy;
                        int xx = x + dx;
                        if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
                            t++;
                            if (m[yy * w + xx]) {
                                c++;
                            }
                        }
                    }
                }
                out[y * w + x] = 2 * c > t;
            }
        }
        return out;
    }

    private static Result shape(boolean[] skin, int w, int h) {
        int n = w * h;
        int total = 0;
        int[] label = new int[n];
        int[] stack = new int[n];
        int best = 0;
        int bestMinX = 0;
        int bestMaxX = 0;
        int bestMinY = 0;
        int bestMaxY = 0;
        long bestSx = 0;
        long bestSy = 0;
        int next = 0;
        int bestLabel = 0;
        for (int s = 0; s < n; s++) {
            if (!skin[s] || label[s] != 0) {
                continue;
            }
            next++;
            int sp = 0;
            stack[sp++] = s;
            label[s] = next;
            int area = 0;
            int minX = w;
            int maxX = 0;
            int minY = h;
            int maxY = 0;
            long sx = 0;
            long sy = 0;
            while (sp > 0) {
                int k = stack[--sp];
                int x = k % w;
                int y = k / w;
                area++;
                sx += x;
                sy += y;
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
                if (x > 0 && skin[k - 1] && label[k - 1] == 0) {
                    label[k - 1] = next;
                    stack[sp++] = k - 1;
                }
                if (x < w - 1 && skin[k + 1] && label[k + 1] == 0) {
                    label[k + 1] = next;
                    stack[sp++] = k + 1;
                }
                if (y > 0 && skin[k - w] && label[k - w] == 0) {
                    label[k - w] = next;
                    stack[sp++] = k - w;
                }
                if (y < h - 1 && skin[k + w] && label[k + w] == 0) {
                    label[k + w] = next;
                    stack[sp++] = k + w;
                }
            }
            total += area;
            if (area > best) {
                best = area;
                bestLabel = next;
                bestMinX = minX;
                bestMaxX = maxX;
                bestMinY = minY;
                bestMaxY = maxY;
                bestSx = sx;
                bestSy = sy;
            }
        }
        if (total == 0) {
            return Result.NONE;
        }
        double skinRatio = (double) total / n;
        double largestShare = (double) best / total;
        double cover = (double) best / n;
        double compactness = (double) best / ((bestMaxX - bestMinX + 1.0) * (bestMaxY - bestMinY + 1.0));
        double cx = (double) bestSx / best / (w - 1.0) - 0.5;
        double cy = (double) bestSy / best / (h - 1.0) - 0.5;
        double centrality = Math.max(0, 1 - Math.sqrt(cx * cx + cy * cy) / Math.sqrt(0.5));
        // The ring 2 px inside the frame: the outermost pixels are never classified (no neighbours).
        int borderPixels = 0;
        int borderTouch = 0;
        int m = Math.min(2, Math.min(w, h) / 2 - 1);
        for (int x = m; x < w - m; x++) {
            borderTouch += (label[m * w + x] == bestLabel ? 1 : 0) + (label[(h - 1 - m) * w + x] == bestLabel ? 1 : 0);
            borderPixels += 2;
        }
        for (int y = m + 1; y < h - 1 - m; y++) {
            borderTouch += (label[y * w + m] == bestLabel ? 1 : 0) + (label[y * w + w - 1 - m] == bestLabel ? 1 : 0);
            borderPixels += 2;
        }
        double borderContact = (double) borderTouch / borderPixels;
        double sRatio = smooth(0.12, 0.45, skinRatio);
        double sCover = smooth(0.08, 0.35, cover);
        double shapeBonus = sCover > 0 ? 0.12 * centrality + 0.08 * compactness : 0;
        double score = 0.25 * sRatio + 0.55 * sCover + shapeBonus;
        // A skin-coloured region running along most of the frame is a background (beige wall, wooden
        // table, sand, sunset sky), not a body, which the frame crops on one or two sides at most.
        score *= 1 - 0.6 * smooth(0.3, 0.7, borderContact);
        score = Math.max(0, Math.min(1, score));
        return new Result(score, skinRatio, largestShare, compactness, centrality, borderContact, score >= THRESHOLD);
    }

    private static double smooth(double lo, double hi, double v) {
        double t = Math.max(0, Math.min(1, (v - lo) / (hi - lo)));
        return t * t * (3 - 2 * t);
    }
}
