package maraude.images;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

import maraude.core.demo.DemoPictures;
import maraude.core.demo.GeneratedAttachment;
import maraude.core.model.Attachment;

/**
 * Small real images drawn in memory: PNG "flyers" (a coloured header, blocks that stand for lines of
 * text, a logo disc) and JPEG "photos" (gradients and shapes, e.g. a letter on a table). No text is
 * drawn, so no font is needed and it works headless on any machine. The demo generator's pictures
 * (it lives in the core bundle, which draws nothing): the command line's {@code demo} and the
 * workbench tests give it these.
 */
public final class DemoImages implements DemoPictures {

    @Override
    public List<GeneratedAttachment> pool(long seed) {
        return pool(seed, FLYERS, PHOTOS);
    }

    static List<GeneratedAttachment> pool(long seed, int flyers, int photos) {
        List<GeneratedAttachment> out = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(seed ^ 0x1A6E5L);
        for (int i = 0; i < flyers; i++) {
            out.add(encode(flyer(r), "png", "image/png", "flyer-" + (i + 1) + ".png")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        }
        for (int i = 0; i < photos; i++) {
            out.add(encode(photo(r), "jpg", "image/jpeg", "photo-" + (i + 1) + ".jpg")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        }
        return out;
    }

    private static BufferedImage flyer(SplittableRandom r) {
        int w = 180;
        int h = 240;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            Color accent = Color.getHSBColor((float) r.nextDouble(), 0.55f, 0.85f);
            g.setColor(new Color(250, 248, 244));
            g.fillRect(0, 0, w, h);
            g.setColor(accent);
            g.fillRect(0, 0, w, 52);
            g.setColor(Color.WHITE);
            g.fillOval(12, 10, 32, 32);
            g.setColor(accent.darker());
            g.fillOval(20, 18, 16, 16);
            g.setColor(new Color(255, 255, 255, 220));
            g.fillRoundRect(54, 16, 70 + r.nextInt(40), 9, 4, 4);
            g.fillRoundRect(54, 30, 40 + r.nextInt(50), 7, 4, 4);
            g.setColor(new Color(70, 70, 80));
            int y = 70;
            int lines = 6 + r.nextInt(5);
            for (int i = 0; i < lines; i++) {
                g.fillRoundRect(14, y, 80 + r.nextInt(w - 110), 6, 3, 3);
                y += 14;
            }
            g.setColor(accent);
            g.setStroke(new BasicStroke(3f));
            g.drawRoundRect(12, h - 52, w - 24, 38, 10, 10);
            g.fillRoundRect(22, h - 40, 40 + r.nextInt(80), 12, 5, 5);
        } finally {
            g.dispose();
        }
        return img;
    }

    private static BufferedImage photo(SplittableRandom r) {
        int w = 200;
        int h = 150;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            Color a = Color.getHSBColor((float) r.nextDouble(), 0.3f, 0.5f);
            Color b = Color.getHSBColor((float) r.nextDouble(), 0.4f, 0.9f);
            g.setPaint(new GradientPaint(0, 0, a, w, h, b));
            g.fillRect(0, 0, w, h);
            // A sheet of paper at an angle, with grey "lines".
            g.rotate(Math.toRadians(r.nextInt(21) - 10), w / 2.0, h / 2.0);
            g.setColor(new Color(245, 245, 240));
            g.fillRect(50, 15, 100, 125);
            g.setColor(new Color(150, 150, 155));
            for (int y = 30; y < 130; y += 10) {
                g.fillRect(60, y, 50 + r.nextInt(30), 3);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private static GeneratedAttachment encode(BufferedImage img, String format, String mediaType, String name) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format); //$NON-NLS-1$
            }
            byte[] bytes = out.toByteArray();
            return new GeneratedAttachment(new Attachment(sha256(bytes), mediaType, name, bytes.length), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)); //$NON-NLS-1$
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
