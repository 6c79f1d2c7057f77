package maraude.sources.phone;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import maraude.core.archive.PngFile;

/**
 * QR codes (zxing) as a matrix of dark modules, for the workbench to draw, and as PNG bytes, made
 * here without AWT so that nothing desktop-specific is loaded beside SWT.
 */
public final class QrCode {

    /** The quiet zone the QR specification asks for: phone cameras find the code reliably with it. */
    public static final int QUIET_ZONE = 4;

    private QrCode() {
    }

    /** {@code [row][column]}, true = dark, with a quiet zone of {@code margin} modules. */
    public static boolean[][] matrix(String text, int margin) {
        try {
            BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, Integer.valueOf(margin), EncodeHintType.ERROR_CORRECTION,
                            ErrorCorrectionLevel.M, EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name()));
            boolean[][] out = new boolean[m.getHeight()][m.getWidth()];
            for (int y = 0; y < m.getHeight(); y++) {
                for (int x = 0; x < m.getWidth(); x++) {
                    out[y][x] = m.get(x, y);
                }
            }
            return out;
        } catch (WriterException e) {
            throw new IllegalArgumentException("text too long for a QR code", e); //$NON-NLS-1$
        }
    }

    /** A grayscale PNG, {@code scale} pixels per module. */
    public static byte[] png(boolean[][] matrix, int scale) {
        int h = matrix.length * scale;
        int w = matrix.length == 0 ? 0 : matrix[0].length * scale;
        try {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            try (DeflaterOutputStream z = new DeflaterOutputStream(raw, new Deflater(9))) {
                byte[] row = new byte[w + 1]; // filter byte 0 then one byte per pixel
                for (int y = 0; y < h; y++) {
                    boolean[] r = matrix[y / scale];
                    for (int x = 0; x < w; x++) {
                        row[x + 1] = r[x / scale] ? 0 : (byte) 0xFF;
                    }
                    z.write(row);
                }
            }
            return PngFile.write(w, h, PngFile.GRAYSCALE, raw.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e); // in memory: cannot happen
        }
    }
}
