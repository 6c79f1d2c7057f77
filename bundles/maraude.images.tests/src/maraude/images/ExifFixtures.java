package maraude.images;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * EXIF APP1 segments written by hand (big-endian TIFF), as a phone would: IFD0 with Make, Model,
 * DateTime, Orientation and a pointer to a GPS IFD holding a latitude and longitude.
 */
final class ExifFixtures {

    static final String MAKE = "SpyPhone";
    static final String MODEL = "X-200 Serial 4242";
    static final String DATE = "2024:05:17 23:41:07";

    private ExifFixtures() {
    }

    static byte[] exifWithOrientation(int orientation) {
        return exif(orientation, false);
    }

    static byte[] exifWithGps() {
        return exif(1, true);
    }

    /** The APP1 payload: "Exif\0\0" + TIFF. */
    private static byte[] exif(int orientation, boolean gps) {
        ByteBuffer t = ByteBuffer.allocate(1024).order(ByteOrder.BIG_ENDIAN);
        t.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        int entries = gps ? 5 : 1;
        int ifd0 = 8;
        int dataStart = ifd0 + 2 + entries * 12 + 4;
        byte[] make = (MAKE + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] model = (MODEL + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] date = (DATE + "\0").getBytes(StandardCharsets.US_ASCII);
        int makeOff = dataStart;
        int modelOff = makeOff + make.length;
        int dateOff = modelOff + model.length;
        int gpsIfd = dateOff + date.length;
        gpsIfd += gpsIfd & 1;
        t.position(ifd0);
        t.putShort((short) entries);
        if (gps) {
            entry(t, 0x010F, 2, make.length, makeOff); // Make
            entry(t, 0x0110, 2, model.length, modelOff); // Model
        }
        t.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        if (gps) {
            entry(t, 0x0132, 2, date.length, dateOff); // DateTime
            entry(t, 0x8825, 4, 1, gpsIfd); // GPS IFD pointer
        }
        t.putInt(0);
        if (gps) {
            t.position(makeOff);
            t.put(make).put(model).put(date);
            t.position(gpsIfd);
            int gpsData = gpsIfd + 2 + 4 * 12 + 4;
            t.putShort((short) 4);
            t.putShort((short) 0x0001).putShort((short) 2).putInt(2).put((byte) 'N').put((byte) 0).putShort((short) 0);
            entry(t, 0x0002, 5, 3, gpsData); // 50° 50' 46.1" N (Brussels)
            t.putShort((short) 0x0003).putShort((short) 2).putInt(2).put((byte) 'E').put((byte) 0).putShort((short) 0);
            entry(t, 0x0004, 5, 3, gpsData + 24); // 4° 21' 7.9" E
            t.putInt(0);
            t.position(gpsData);
            t.putInt(50).putInt(1).putInt(50).putInt(1).putInt(461).putInt(10);
            t.putInt(4).putInt(1).putInt(21).putInt(1).putInt(79).putInt(10);
        }
        int len = t.position();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        out.write(t.array(), 0, len);
        return out.toByteArray();
    }

    /**
     * An APP1 payload as phones write it: IFD0 (Make, Model, DateTime, Orientation), then IFD1 with
     * the embedded JPEG thumbnail (Compression 6, JPEGInterchangeFormat, JPEGInterchangeFormatLength).
     */
    static byte[] exifWithThumbnail(int orientation, byte[] thumbnailJpeg) {
        byte[] make = (MAKE + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] model = (MODEL + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] date = (DATE + "\0").getBytes(StandardCharsets.US_ASCII);
        int ifd0 = 8;
        int ifd0Entries = 4;
        int makeOff = ifd0 + 2 + ifd0Entries * 12 + 4;
        int modelOff = makeOff + make.length;
        int dateOff = modelOff + model.length;
        int ifd1 = dateOff + date.length;
        ifd1 += ifd1 & 1;
        int ifd1Entries = 3;
        int thumbOff = ifd1 + 2 + ifd1Entries * 12 + 4;
        ByteBuffer t = ByteBuffer.allocate(thumbOff + thumbnailJpeg.length).order(ByteOrder.BIG_ENDIAN);
        t.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(ifd0);
        t.putShort((short) ifd0Entries);
        entry(t, 0x010F, 2, make.length, makeOff);
        entry(t, 0x0110, 2, model.length, modelOff);
        t.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        entry(t, 0x0132, 2, date.length, dateOff);
        t.putInt(ifd1);
        t.put(make).put(model).put(date);
        t.position(ifd1);
        t.putShort((short) ifd1Entries);
        t.putShort((short) 0x0103).putShort((short) 3).putInt(1).putShort((short) 6).putShort((short) 0);
        entry(t, 0x0201, 4, 1, thumbOff);
        entry(t, 0x0202, 4, 1, thumbnailJpeg.length);
        t.putInt(0);
        t.put(thumbnailJpeg);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        out.write(t.array(), 0, t.position());
        return out.toByteArray();
    }

    /** Drops ImageIO's JFIF APP0 segment right after SOI (phones write EXIF only). */
    static byte[] withoutJfif(byte[] jpeg) {
        if (jpeg.length > 6 && (jpeg[2] & 255) == 0xFF && (jpeg[3] & 255) == 0xE0) {
            int len = (jpeg[4] & 255) << 8 | jpeg[5] & 255;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(jpeg, 0, 2);
            out.write(jpeg, 4 + len, jpeg.length - 4 - len);
            return out.toByteArray();
        }
        return jpeg;
    }

    private static void entry(ByteBuffer t, int tag, int type, int count, int offset) {
        t.putShort((short) tag).putShort((short) type).putInt(count).putInt(offset);
    }

    /** Inserts an APP1 segment right after SOI (before ImageIO's JFIF APP0, as cameras do). */
    static byte[] withApp1(byte[] jpeg, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        int len = payload.length + 2;
        out.write(len >> 8);
        out.write(len & 255);
        out.writeBytes(payload);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
