package maraude.ui.tests;

import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;

/**
 * What a region of the screen looks like, measured: pixels are copied from the X server in memory
 * (never to a file when they may be sharp) and reduced to a mean luminance and a high-frequency
 * energy (mean squared difference between neighbouring pixels), which a blur drives towards zero.
 */
final class ScreenPixels {

    private ScreenPixels() {
    }

    /** Copies a display rectangle as the X server shows it. */
    static ImageData capture(WorkbenchDriver workbench, Rectangle r) {
        return workbench.sync(() -> {
            Image img = new Image(workbench.display(), r.width, r.height);
            GC gc = new GC(workbench.display());
            try {
                gc.copyArea(img, r.x, r.y);
                return img.getImageData();
            } finally {
                gc.dispose();
                img.dispose();
            }
        });
    }

    static double[] luminance(ImageData d) {
        PaletteData palette = d.palette;
        double[] l = new double[d.width * d.height];
        for (int y = 0; y < d.height; y++) {
            for (int x = 0; x < d.width; x++) {
                RGB c = palette.getRGB(d.getPixel(x, y));
                l[y * d.width + x] = 0.299 * c.red + 0.587 * c.green + 0.114 * c.blue;
            }
        }
        return l;
    }

    /** Mean squared luminance step to the right and downwards neighbours. */
    static double energy(ImageData d) {
        double[] l = luminance(d);
        double sum = 0;
        long n = 0;
        for (int y = 0; y < d.height - 1; y++) {
            for (int x = 0; x < d.width - 1; x++) {
                double v = l[y * d.width + x];
                double dx = l[y * d.width + x + 1] - v;
                double dy = l[(y + 1) * d.width + x] - v;
                sum += dx * dx + dy * dy;
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    static double meanLuminance(ImageData d) {
        double[] l = luminance(d);
        double sum = 0;
        for (double v : l) {
            sum += v;
        }
        return l.length == 0 ? 0 : sum / l.length;
    }

    /** Mean absolute difference of the luminance of two pictures of the same size (255 when sizes differ). */
    static double meanAbsDiff(ImageData a, ImageData b) {
        if (a.width != b.width || a.height != b.height) {
            return 255;
        }
        double[] la = luminance(a);
        double[] lb = luminance(b);
        double sum = 0;
        for (int i = 0; i < la.length; i++) {
            sum += Math.abs(la[i] - lb[i]);
        }
        return la.length == 0 ? 0 : sum / la.length;
    }
}
