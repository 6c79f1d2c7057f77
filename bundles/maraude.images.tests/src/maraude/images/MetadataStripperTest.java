package maraude.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.junit.jupiter.api.Test;

class MetadataStripperTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean hasApp1(byte[] jpeg) {
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 255) == 0xFF && (jpeg[i + 1] & 255) == 0xE1) {
                return true;
            }
            if ((jpeg[i] & 255) == 0xFF && (jpeg[i + 1] & 255) == 0xDA) {
                return false; // scan data starts: markers stop
            }
        }
        return false;
    }

    @Test
    void gpsDeviceAndDateAreGoneAndPixelsStay() throws Exception {
        BufferedImage photo = TestPictures.landscape(new Random(11), 0);
        byte[] original = ExifFixtures.withApp1(TestImages.jpeg(photo), ExifFixtures.exifWithGps());
        // The fixture really carries the metadata, and is a valid JPEG.
        assertTrue(hasApp1(original));
        assertTrue(TestImages.indexOf(original, ascii(ExifFixtures.MAKE)) > 0);
        assertTrue(TestImages.indexOf(original, ascii(ExifFixtures.DATE)) > 0);
        assertEquals(photo.getWidth(), ImageIO.read(new ByteArrayInputStream(original)).getWidth());

        byte[] stripped = MetadataStripper.strip(original);

        assertEquals(0xFFD8, (stripped[0] & 255) << 8 | stripped[1] & 255, "still a JPEG");
        assertTrue(!hasApp1(stripped), "no APP1 (EXIF/XMP) segment");
        assertEquals(-1, TestImages.indexOf(stripped, ascii("Exif")));
        assertEquals(-1, TestImages.indexOf(stripped, ascii(ExifFixtures.MAKE)));
        assertEquals(-1, TestImages.indexOf(stripped, ascii(ExifFixtures.MODEL)));
        assertEquals(-1, TestImages.indexOf(stripped, ascii(ExifFixtures.DATE)));
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(stripped));
        assertEquals(photo.getWidth(), decoded.getWidth());
        assertEquals(photo.getHeight(), decoded.getHeight());
        double diff = TestImages.meanAbsDiff(photo, decoded);
        assertTrue(diff < 6, "pixels preserved: " + diff);
    }

    @Test
    void dataAfterTheEndMarkerIsDropped() throws Exception {
        byte[] jpeg = TestImages.jpeg(TestPictures.document(new Random(1)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(jpeg);
        out.writeBytes(ascii("HIDDEN-TRAILER lat=50.8461"));
        byte[] stripped = MetadataStripper.strip(out.toByteArray());
        assertEquals(-1, TestImages.indexOf(stripped, ascii("HIDDEN-TRAILER")));
    }

    @Test
    void pngTextChunksAreGone() throws Exception {
        BufferedImage img = TestPictures.screenshot(new Random(2));
        byte[] png = pngWithText(img, "Location", "50.8461N 4.3522E");
        assertTrue(TestImages.indexOf(png, ascii("50.8461N")) > 0);
        byte[] stripped = MetadataStripper.strip(png);
        assertEquals(-1, TestImages.indexOf(stripped, ascii("50.8461N")));
        assertEquals(-1, TestImages.indexOf(stripped, ascii("tEXt")));
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(stripped));
        assertEquals(0.0, TestImages.meanAbsDiff(img, decoded), 0.0, "PNG stays lossless");
    }

    @Test
    void orientationIsAppliedBeforeTheTagIsDropped() throws Exception {
        BufferedImage img = TestPictures.canvas(120, 60);
        byte[] jpeg = ExifFixtures.withApp1(TestImages.jpeg(img), ExifFixtures.exifWithOrientation(8));
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(MetadataStripper.strip(jpeg)));
        assertEquals(60, decoded.getWidth());
        assertEquals(120, decoded.getHeight());
    }

    @Test
    void undecodableInputIsRefusedWithItsReason() {
        MetadataStripper.StripException e = assertThrows(MetadataStripper.StripException.class,
                () -> MetadataStripper.strip(ascii("not a picture")));
        assertEquals(ImagePlaceholder.Reason.UNSUPPORTED_FORMAT, e.placeholder().reason());
        byte[] bomb = SafeImageDecoderTest.png(100_000, 100_000, new byte[] { 0 });
        e = assertThrows(MetadataStripper.StripException.class, () -> MetadataStripper.strip(bomb));
        assertEquals(ImagePlaceholder.Reason.TOO_LARGE, e.placeholder().reason());
        assertInstanceOf(ImagePlaceholder.class, e.placeholder());
    }

    private static byte[] pngWithText(BufferedImage img, String key, String value) throws Exception {
        ImageWriter w = ImageIO.getImageWritersByFormatName("png").next();
        IIOMetadata meta = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), null);
        IIOMetadataNode text = new IIOMetadataNode("tEXt");
        IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
        entry.setAttribute("keyword", key);
        entry.setAttribute("value", value);
        text.appendChild(entry);
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        root.appendChild(text);
        meta.mergeTree("javax_imageio_png_1.0", root);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            w.setOutput(out);
            w.write(new IIOImage(img, null, meta));
        }
        w.dispose();
        return bytes.toByteArray();
    }
}
