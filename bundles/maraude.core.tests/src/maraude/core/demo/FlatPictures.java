package maraude.core.demo;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.DeflaterOutputStream;

import maraude.core.archive.PngFile;
import maraude.core.model.Attachment;

/**
 * Pictures for the generator's tests in core, which draws nothing: twelve small one-colour PNGs
 * (written with {@link PngFile}), distinct per index and seed. The real demo pictures are
 * {@code maraude.images.DemoImages}, tested in that bundle.
 */
final class FlatPictures implements DemoPictures {

    @Override
    public List<GeneratedAttachment> pool(long seed) {
        List<GeneratedAttachment> out = new ArrayList<>();
        for (int i = 0; i < FLYERS + PHOTOS; i++) {
            byte[] png = png(64, 48, (int) (seed * 31 + i * 0x2F4F7B));
            String name = i < FLYERS ? "flyer-" + (i + 1) + ".png" : "photo-" + (i - FLYERS + 1) + ".png";
            out.add(new GeneratedAttachment(new Attachment(sha256(png), "image/png", name, png.length), png));
        }
        return out;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] png(int width, int height, int rgb) {
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(rows)) {
            for (int y = 0; y < height; y++) {
                z.write(0); // filter: none
                for (int x = 0; x < width; x++) {
                    z.write(rgb >>> 16);
                    z.write(rgb >>> 8);
                    z.write(rgb);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return PngFile.write(width, height, PngFile.RGB, rows.toByteArray());
    }
}
