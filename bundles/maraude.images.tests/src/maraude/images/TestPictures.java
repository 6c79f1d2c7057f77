package maraude.images;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated pictures for the explicitness score's false-alarm and detection figures. Everything is
 * drawn from a seed: no picture is shipped or fetched.
 *
 * <p>Ordinary set: documents, app screenshots, landscapes (sunsets and deserts included), food
 * (skin-coloured bread, peaches, salmon, potatoes: the hard cases) and clothed people (a face-sized
 * skin ellipse, hands, on a clothed body; some head-and-shoulders shots). Skin-heavy set: bodies
 * with large exposed skin areas in eight skin tones from very light to very dark, under neutral,
 * warm, cool, dim and bright lighting, on varied backgrounds.</p>
 */
final class TestPictures {

    record Picture(String name, BufferedImage image) {
    }

    /** Skin tones from very light to very dark (sRGB, lit neutrally). */
    static final int[][] SKIN_TONES = { { 241, 214, 197 }, { 232, 190, 160 }, { 210, 160, 125 }, { 190, 135, 100 },
            { 160, 110, 75 }, { 125, 82, 55 }, { 95, 60, 40 }, { 68, 44, 32 } };

    private TestPictures() {
    }

    static List<Picture> ordinary(int perCategory) {
        List<Picture> out = new ArrayList<>();
        for (int i = 0; i < perCategory; i++) {
            out.add(new Picture("document-" + i, document(new Random(1000 + i))));
            out.add(new Picture("screenshot-" + i, screenshot(new Random(2000 + i))));
            out.add(new Picture("landscape-" + i, landscape(new Random(3000 + i), i)));
            out.add(new Picture("food-" + i, food(new Random(4000 + i), i)));
            out.add(new Picture("clothed-" + i, clothedPerson(new Random(5000 + i), i)));
        }
        return out;
    }

    static List<Picture> skinHeavy(int count) {
        List<Picture> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new Picture("skin-" + i + "-tone" + (i % SKIN_TONES.length), skinHeavy(new Random(9000 + i), i)));
        }
        return out;
    }

    // ---------------------------------------------------------------- ordinary

    static BufferedImage document(Random r) {
        boolean portrait = r.nextBoolean();
        int w = portrait ? 360 : 480;
        int h = portrait ? 480 : 360;
        BufferedImage img = canvas(w, h);
        Graphics2D g = graphics(img);
        int paper = r.nextInt(3);
        Color bg = paper == 0 ? new Color(250, 250, 250) : paper == 1 ? new Color(244, 238, 222) : new Color(235, 235, 240);
        g.setColor(new Color(90 + r.nextInt(60), 80 + r.nextInt(40), 70 + r.nextInt(30))); // table behind a photographed page
        g.fillRect(0, 0, w, h);
        int m = r.nextInt(2) == 0 ? 0 : 12 + r.nextInt(20);
        g.setColor(bg);
        g.fillRect(m, m, w - 2 * m, h - 2 * m);
        g.setColor(new Color(20, 20, 30));
        int y = m + 20;
        if (r.nextBoolean()) { // a heading
            g.fillRect(m + 24, y, 120 + r.nextInt(100), 9);
            y += 26;
        }
        while (y < h - m - 20) {
            int x = m + 24;
            int end = w - m - 24 - (r.nextInt(5) == 0 ? r.nextInt(120) : 0);
            while (x < end) {
                int word = 8 + r.nextInt(36);
                g.fillRect(x, y, Math.min(word, end - x), 5);
                x += word + 5;
            }
            y += 12 + (r.nextInt(6) == 0 ? 10 : 0);
        }
        if (r.nextBoolean()) { // a stamp or a logo
            g.setColor(r.nextBoolean() ? new Color(30, 60, 160) : new Color(170, 40, 40));
            g.setStroke(new BasicStroke(3));
            g.drawOval(w - m - 110, h - m - 110, 80, 80);
        }
        g.dispose();
        if (m > 0) {
            light(img, r.nextBoolean() ? new double[] { 1.06, 1.0, 0.88 } : new double[] { 1, 1, 1 }, 0.9 + r.nextDouble() * 0.15);
        }
        noise(img, r, 3);
        return img;
    }

    static BufferedImage screenshot(Random r) {
        boolean phone = r.nextBoolean();
        int w = phone ? 270 : 480;
        int h = phone ? 480 : 300;
        BufferedImage img = canvas(w, h);
        Graphics2D g = graphics(img);
        Color[] accents = { new Color(33, 150, 243), new Color(76, 175, 80), new Color(255, 152, 0), new Color(233, 30, 99),
                new Color(121, 85, 72), new Color(255, 204, 170), new Color(96, 125, 139), new Color(37, 211, 102) };
        boolean dark = r.nextInt(4) == 0;
        g.setColor(dark ? new Color(30, 30, 34) : new Color(248, 248, 250));
        g.fillRect(0, 0, w, h);
        Color accent = accents[r.nextInt(accents.length)];
        g.setColor(accent);
        g.fillRect(0, 0, w, 34);
        if (!phone) {
            g.setColor(dark ? new Color(45, 45, 50) : new Color(232, 234, 238));
            g.fillRect(0, 34, 110, h - 34);
        }
        int x0 = phone ? 8 : 120;
        for (int y = 44; y < h - 30; y += 34 + r.nextInt(16)) {
            boolean mine = r.nextBoolean();
            int bw = 60 + r.nextInt(w - x0 - 90);
            int bx = mine ? w - 10 - bw : x0 + 30;
            g.setColor(mine ? accent.brighter() : dark ? new Color(60, 60, 66) : new Color(225, 225, 230));
            g.fill(new RoundRectangle2D.Double(bx, y, bw, 26, 12, 12));
            g.setColor(dark ? new Color(220, 220, 220) : new Color(40, 40, 40));
            for (int t = bx + 8; t < bx + bw - 12; t += 14) {
                g.fillRect(t, y + 10, 10, 4);
            }
            if (!mine && r.nextInt(3) == 0) { // a small round avatar, sometimes a face
                int[] tone = SKIN_TONES[r.nextInt(SKIN_TONES.length)];
                g.setColor(new Color(tone[0], tone[1], tone[2]));
                g.fillOval(x0, y, 24, 24);
            }
        }
        g.setColor(accent.darker());
        g.fillRect(0, h - 26, w, 26);
        g.dispose();
        return img;
    }

    static BufferedImage landscape(Random r, int i) {
        int w = 480;
        int h = 320;
        BufferedImage img = canvas(w, h);
        int kind = i % 5; // 0 green hills, 1 sunset, 2 desert, 3 sea, 4 mountains with snow
        Color top;
        Color horizon;
        switch (kind) {
            case 1 -> { top = new Color(70, 60, 130); horizon = new Color(250, 150 + r.nextInt(30), 90 + r.nextInt(40)); }
            case 2 -> { top = new Color(110, 160, 220); horizon = new Color(220, 225, 235); }
            default -> { top = new Color(60 + r.nextInt(30), 120 + r.nextInt(30), 200 + r.nextInt(40)); horizon = new Color(190, 215, 240); }
        }
        int horizonY = h / 2 + r.nextInt(h / 5) - h / 10;
        int[] px = Pixels.data(img);
        for (int y = 0; y < horizonY; y++) {
            double t = (double) y / horizonY;
            int c = mix(top, horizon, t);
            for (int x = 0; x < w; x++) {
                px[y * w + x] = c;
            }
        }
        Graphics2D g = graphics(img);
        if (kind == 1) {
            g.setColor(new Color(255, 220, 150));
            g.fillOval(w / 2 - 30 + r.nextInt(100) - 50, horizonY - 40, 60, 60);
        }
        Color ground = switch (kind) {
            case 1 -> new Color(40, 35, 45);
            case 2 -> new Color(222, 184, 135);
            case 3 -> new Color(30, 90, 140);
            case 4 -> new Color(90, 90, 100);
            default -> new Color(70 + r.nextInt(30), 130 + r.nextInt(40), 50);
        };
        for (int layer = 0; layer < 3; layer++) {
            Polygon hill = new Polygon();
            hill.addPoint(0, h);
            int base = horizonY + layer * (h - horizonY) / 4;
            for (int x = 0; x <= w; x += 40) {
                hill.addPoint(x, base - (kind == 4 && layer == 0 ? r.nextInt(140) : r.nextInt(30)));
            }
            hill.addPoint(w, h);
            g.setColor(shade(ground, 0.85 + 0.12 * layer));
            g.fill(hill);
        }
        if (kind == 0 || kind == 4) { // trees
            for (int t = 0; t < 6 + r.nextInt(8); t++) {
                int tx = r.nextInt(w);
                int ty = horizonY + r.nextInt(h - horizonY);
                g.setColor(new Color(30, 80 + r.nextInt(40), 30));
                g.fillOval(tx, ty - 30, 22, 34);
                g.setColor(new Color(80, 55, 30));
                g.fillRect(tx + 9, ty, 4, 12);
            }
        }
        g.dispose();
        texture(img, r, kind == 2 ? 14 : 6, horizonY); // sand and grass are grainy
        noise(img, r, 3);
        return img;
    }

    static BufferedImage food(Random r, int i) {
        int w = 480;
        int h = 360;
        BufferedImage img = canvas(w, h);
        Graphics2D g = graphics(img);
        g.setColor(r.nextBoolean() ? new Color(150, 105, 70) : new Color(235, 235, 230)); // wooden or white table
        g.fillRect(0, 0, w, h);
        g.dispose();
        texture(img, r, 10, 0);
        g = graphics(img);
        g.setColor(new Color(245, 245, 245));
        g.fillOval(60, 30, 360, 300);
        int kind = i % 6; // 0 bread, 1 peaches, 2 salmon, 3 pizza, 4 potatoes and chicken, 5 pasta and salad
        List<Shape> pieces = new ArrayList<>();
        Color base;
        switch (kind) {
            case 0 -> {
                base = new Color(205, 145, 80);
                pieces.add(new Ellipse2D.Double(110, 110, 260, 130));
            }
            case 1 -> {
                base = new Color(250, 190, 140);
                for (int k = 0; k < 4; k++) {
                    pieces.add(new Ellipse2D.Double(120 + (k % 2) * 120, 80 + (k / 2) * 110, 100, 100));
                }
            }
            case 2 -> {
                base = new Color(245, 140, 110);
                pieces.add(new RoundRectangle2D.Double(130, 120, 220, 110, 40, 40));
            }
            case 3 -> {
                base = new Color(230, 170, 90);
                pieces.add(new Ellipse2D.Double(95, 50, 290, 260));
            }
            case 4 -> {
                base = new Color(220, 175, 110);
                for (int k = 0; k < 7; k++) {
                    pieces.add(new Ellipse2D.Double(120 + r.nextInt(200), 90 + r.nextInt(140), 60, 45));
                }
            }
            default -> {
                base = new Color(240, 200, 110);
                pieces.add(new Ellipse2D.Double(110, 90, 180, 160));
            }
        }
        for (Shape s : pieces) {
            g.setColor(base);
            g.fill(s);
        }
        if (kind == 3) { // toppings
            for (int k = 0; k < 25; k++) {
                g.setColor(k % 2 == 0 ? new Color(190, 30, 30) : new Color(60, 120, 40));
                g.fillOval(120 + r.nextInt(230), 80 + r.nextInt(200), 18, 18);
            }
        }
        if (kind == 5) {
            g.setColor(new Color(70, 150, 50));
            g.fillOval(270, 120, 120, 110);
        }
        if (kind == 2) { // fat stripes of salmon
            g.setColor(new Color(250, 200, 180));
            g.setStroke(new BasicStroke(3));
            for (int x = 150; x < 340; x += 22) {
                g.drawLine(x, 125, x + 20, 225);
            }
        }
        g.dispose();
        // Crust, crumb, grain: food surfaces are textured (peaches are the smooth exception).
        texture(img, r, kind == 1 ? 4 : 16, 0);
        light(img, r.nextInt(3) == 0 ? new double[] { 1.08, 1.0, 0.85 } : new double[] { 1, 1, 1 }, 0.85 + 0.2 * r.nextDouble());
        noise(img, r, 3);
        return img;
    }

    static BufferedImage clothedPerson(Random r, int i) {
        boolean portrait = i % 4 == 3; // head and shoulders
        int w = 360;
        int h = 480;
        BufferedImage img = canvas(w, h);
        Graphics2D g = graphics(img);
        g.setColor(new Color(120 + r.nextInt(100), 120 + r.nextInt(100), 120 + r.nextInt(100)));
        g.fillRect(0, 0, w, h);
        int[] tone = SKIN_TONES[i % SKIN_TONES.length];
        Color skin = new Color(tone[0], tone[1], tone[2]);
        Color cloth = new Color(r.nextInt(160), r.nextInt(160), r.nextInt(200));
        double s = portrait ? 2.0 : 1.0;
        int cx = w / 2 + r.nextInt(60) - 30;
        int headW = (int) (52 * s);
        int headH = (int) (66 * s);
        int headY = portrait ? 70 : 50 + r.nextInt(30);
        // body: shoulders, torso, arms, legs in clothes
        g.setColor(cloth);
        g.fill(new RoundRectangle2D.Double(cx - 70 * s, headY + headH + 10 * s, 140 * s, 190 * s, 40, 40));
        g.fill(new RoundRectangle2D.Double(cx - 95 * s, headY + headH + 20 * s, 30 * s, 160 * s, 20, 20));
        g.fill(new RoundRectangle2D.Double(cx + 65 * s, headY + headH + 20 * s, 30 * s, 160 * s, 20, 20));
        g.setColor(cloth.darker());
        g.fillRect((int) (cx - 60 * s), (int) (headY + headH + 195 * s), (int) (55 * s), (int) (170 * s));
        g.fillRect((int) (cx + 5 * s), (int) (headY + headH + 195 * s), (int) (55 * s), (int) (170 * s));
        g.setColor(skin);
        g.fillRect((int) (cx - 12 * s), headY + headH - 4, (int) (24 * s), (int) (18 * s)); // neck
        g.fill(new Ellipse2D.Double(cx - headW / 2.0, headY, headW, headH)); // face
        g.fillOval((int) (cx - 95 * s), (int) (headY + headH + 175 * s), (int) (30 * s), (int) (26 * s)); // hands
        g.fillOval((int) (cx + 65 * s), (int) (headY + headH + 175 * s), (int) (30 * s), (int) (26 * s));
        g.setColor(new Color(40, 30, 25)); // hair, eyes, mouth
        g.fillArc((int) (cx - headW / 2.0), headY - 6, headW, headH / 2, 0, 180);
        g.fillOval((int) (cx - 14 * s), (int) (headY + headH * 0.45), (int) (7 * s), (int) (5 * s));
        g.fillOval((int) (cx + 7 * s), (int) (headY + headH * 0.45), (int) (7 * s), (int) (5 * s));
        g.setColor(new Color(150, 60, 60));
        g.fillRect((int) (cx - 10 * s), (int) (headY + headH * 0.75), (int) (20 * s), (int) (4 * s));
        g.dispose();
        shadeAll(img, r);
        noise(img, r, 3);
        return img;
    }

    // ---------------------------------------------------------------- skin-heavy

    static BufferedImage skinHeavy(Random r, int i) {
        int w = i % 3 == 0 ? 480 : 360;
        int h = i % 3 == 0 ? 360 : 480;
        BufferedImage img = canvas(w, h);
        Graphics2D g = graphics(img);
        int bgKind = r.nextInt(4);
        Color bg = switch (bgKind) {
            case 0 -> new Color(235, 235, 240); // sheets
            case 1 -> new Color(60, 40, 60); // dark room
            case 2 -> new Color(150, 170, 190); // wall
            default -> new Color(120, 30, 40); // red sofa
        };
        g.setColor(bg);
        g.fillRect(0, 0, w, h);
        int[] tone = SKIN_TONES[i % SKIN_TONES.length];
        g.setColor(new Color(tone[0], tone[1], tone[2]));
        double cx = w / 2.0 + r.nextInt(w / 5) - w / 10.0;
        double cy = h / 2.0 + r.nextInt(h / 6) - h / 12.0;
        double tw = w * (0.35 + 0.25 * r.nextDouble());
        double th = h * (0.55 + 0.3 * r.nextDouble());
        g.fill(new Ellipse2D.Double(cx - tw / 2, cy - th / 2, tw, th)); // torso
        g.fill(new Ellipse2D.Double(cx - tw / 2 - tw * 0.28, cy - th / 2 + th * 0.1, tw * 0.32, th * 0.7)); // arms
        g.fill(new Ellipse2D.Double(cx + tw / 2 - tw * 0.04, cy - th / 2 + th * 0.1, tw * 0.32, th * 0.7));
        g.fill(new Ellipse2D.Double(cx - tw * 0.18, cy - th / 2 - th * 0.22, tw * 0.36, th * 0.3)); // head
        if (r.nextBoolean()) { // thighs
            g.fill(new Ellipse2D.Double(cx - tw * 0.45, cy + th * 0.3, tw * 0.42, th * 0.45));
            g.fill(new Ellipse2D.Double(cx + tw * 0.03, cy + th * 0.3, tw * 0.42, th * 0.45));
        }
        g.setColor(new Color(35, 25, 20)); // hair, navel, small dark details
        g.fillArc((int) (cx - tw * 0.18), (int) (cy - th / 2 - th * 0.24), (int) (tw * 0.36), (int) (th * 0.16), 0, 180);
        g.fillOval((int) cx - 3, (int) (cy + th * 0.1), 6, 6);
        if (r.nextInt(3) == 0) { // a thin strap of underwear
            g.setColor(r.nextBoolean() ? Color.BLACK : new Color(200, 30, 60));
            g.fillRect((int) (cx - tw / 2), (int) (cy + th * 0.3), (int) tw, 10);
        }
        g.dispose();
        shadeAll(img, r);
        int lightKind = i / SKIN_TONES.length % 5; // neutral, warm, cool, dim, bright
        double[] cast = switch (lightKind) {
            case 1 -> new double[] { 1.08, 1.0, 0.82 };
            case 2 -> new double[] { 0.92, 1.0, 1.12 };
            default -> new double[] { 1, 1, 1 };
        };
        double gain = lightKind == 3 ? 0.6 : lightKind == 4 ? 1.15 : 1.0;
        light(img, cast, gain);
        noise(img, r, 3);
        return img;
    }

    // ---------------------------------------------------------------- sharp test images

    static BufferedImage checkerboard(int w, int h, int cell) {
        BufferedImage img = canvas(w, h);
        int[] px = Pixels.data(img);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = ((x / cell + y / cell) & 1) == 0 ? 0xFFFFFF : 0x000000;
            }
        }
        return img;
    }

    // ---------------------------------------------------------------- helpers

    static BufferedImage canvas(int w, int h) {
        return new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    }

    private static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        return g;
    }

    private static int mix(Color a, Color b, double t) {
        int r = (int) (a.getRed() + (b.getRed() - a.getRed()) * t);
        int g = (int) (a.getGreen() + (b.getGreen() - a.getGreen()) * t);
        int bl = (int) (a.getBlue() + (b.getBlue() - a.getBlue()) * t);
        return r << 16 | g << 8 | bl;
    }

    private static Color shade(Color c, double f) {
        return new Color(clamp(c.getRed() * f), clamp(c.getGreen() * f), clamp(c.getBlue() * f));
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    /** Per-channel cast and overall gain (lighting). */
    static void light(BufferedImage img, double[] cast, double gain) {
        int[] px = Pixels.data(img);
        for (int i = 0; i < px.length; i++) {
            int p = px[i];
            px[i] = clamp((p >> 16 & 255) * cast[0] * gain) << 16 | clamp((p >> 8 & 255) * cast[1] * gain) << 8
                    | clamp((p & 255) * cast[2] * gain);
        }
    }

    /** A smooth light falling from one side: what makes bodies look round. */
    private static void shadeAll(BufferedImage img, Random r) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] px = Pixels.data(img);
        double lx = r.nextDouble() * 2 - 1;
        double ly = r.nextDouble() * 2 - 1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double f = 1 + 0.15 * (lx * (x / (double) w - 0.5) + ly * (y / (double) h - 0.5));
                int p = px[y * w + x];
                px[y * w + x] = clamp((p >> 16 & 255) * f) << 16 | clamp((p >> 8 & 255) * f) << 8 | clamp((p & 255) * f);
            }
        }
    }

    /** Grain: independent luma noise of the given amplitude below row {@code fromY}. */
    private static void texture(BufferedImage img, Random r, int amplitude, int fromY) {
        int w = img.getWidth();
        int[] px = Pixels.data(img);
        for (int i = fromY * w; i < px.length; i++) {
            int d = (int) (r.nextGaussian() * amplitude);
            int p = px[i];
            px[i] = clamp((p >> 16 & 255) + d) << 16 | clamp((p >> 8 & 255) + d) << 8 | clamp((p & 255) + d);
        }
    }

    /** Sensor noise. */
    private static void noise(BufferedImage img, Random r, int amplitude) {
        int[] px = Pixels.data(img);
        for (int i = 0; i < px.length; i++) {
            int p = px[i];
            px[i] = clamp((p >> 16 & 255) + r.nextGaussian() * amplitude) << 16
                    | clamp((p >> 8 & 255) + r.nextGaussian() * amplitude) << 8 | clamp((p & 255) + r.nextGaussian() * amplitude);
        }
    }
}
