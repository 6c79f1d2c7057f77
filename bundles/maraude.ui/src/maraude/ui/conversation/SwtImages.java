package maraude.ui.conversation;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

import org.eclipse.swt.SWTException;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.PaletteData;

/**
 * Pixel conversions done in memory, off the UI thread ({@link ImageData} is not a system resource):
 * no file, no temporary copy, no clipboard ever sees a picture.
 */
public final class SwtImages {

    private SwtImages() {
    }

    /** A blurred derivative's PNG bytes as SWT image data. */
    public static ImageData fromPng(byte[] png) {
        try {
            ImageData[] frames = new ImageLoader().load(new ByteArrayInputStream(png));
            if (frames.length == 0) {
                throw new IllegalArgumentException("no frame"); //$NON-NLS-1$
            }
            return frames[0];
        } catch (SWTException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Sharp pixels copied row by row into 24-bit image data; the caller drops the source. */
    public static ImageData fromAwt(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        ImageData data = new ImageData(w, h, 24, new PaletteData(0xFF0000, 0x00FF00, 0x0000FF));
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                row[x] &= 0xFFFFFF;
            }
            data.setPixels(0, y, w, row, 0);
        }
        return data;
    }
}
