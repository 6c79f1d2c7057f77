package maraude.images;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import maraude.core.archive.PngFile;

/**
 * Minimal PNG encoder for blurred derivatives: 8-bit RGB, the "Paeth" filter on every row (blurred
 * pictures are smooth, so residuals are tiny) and fast deflate. ImageIO's writer tries every filter
 * on every row and costs several times more for no gain here. The container is {@link PngFile}.
 */
final class FastPng {

    private FastPng() {
    }

    static byte[] encode(BufferedImage img) {
        BufferedImage rgb = Pixels.toRgb(img);
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        int[] px = Pixels.data(rgb);
        ByteArrayOutputStream idat = new ByteArrayOutputStream(w * h / 4 + 64);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, deflater, 1 << 16)) {
            int stride = w * 3;
            byte[] prev = new byte[stride];
            byte[] cur = new byte[stride];
            byte[] line = new byte[stride + 1];
            line[0] = 4; // Paeth
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = px[y * w + x];
                    cur[3 * x] = (byte) (p >> 16);
                    cur[3 * x + 1] = (byte) (p >> 8);
                    cur[3 * x + 2] = (byte) p;
                }
                for (int i = 0; i < stride; i++) {
                    int a = i >= 3 ? cur[i - 3] & 255 : 0;
                    int b = prev[i] & 255;
                    int c = i >= 3 ? prev[i - 3] & 255 : 0;
                    line[i + 1] = (byte) ((cur[i] & 255) - paeth(a, b, c));
                }
                z.write(line);
                byte[] t = prev;
                prev = cur;
                cur = t;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return PngFile.write(w, h, PngFile.RGB, idat.toByteArray());
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
