package maraude.core.archive;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The PNG container without AWT: signature, header, one compressed-data chunk and the end chunk,
 * each with its CRC, and no metadata chunk at all. The caller filters and deflates the rows (the
 * blurred pictures the archive caches, the phone drop's QR code), which is where they differ.
 */
public final class PngFile {

    /** Colour types of the header. */
    public static final int GRAYSCALE = 0;
    public static final int RGB = 2;

    private static final byte[] SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

    private PngFile() {
    }

    /**
     * A whole PNG of 8-bit samples.
     *
     * @param idat the zlib stream of the filtered rows (each row starting with its filter byte)
     */
    public static byte[] write(int width, int height, int colourType, byte[] idat) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(idat.length + 64);
        out.writeBytes(SIGNATURE);
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) colourType) //$NON-NLS-1$
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(out, "IDAT", idat); //$NON-NLS-1$
        chunk(out, "IEND", new byte[0]); //$NON-NLS-1$
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
