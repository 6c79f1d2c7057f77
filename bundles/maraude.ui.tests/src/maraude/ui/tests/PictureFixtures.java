package maraude.ui.tests;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

import maraude.core.archive.Archive;
import maraude.core.model.Attachment;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;
import maraude.core.model.SourceRef;

/**
 * Pictures the demo archive lacks: one a skin analysis takes for likely explicit (a body-like figure
 * drawn in a skin tone on a sofa, nothing real; the tests force it to an explicit class through the
 * classifier's test hook), one truncated JPEG and a photo of an administrative paper, sent in one
 * conversation.
 */
final class PictureFixtures {

    private PictureFixtures() {
    }

    /** A conversation with the three pictures; returns its id. */
    static String addTestConversation(Archive archive, byte[] explicit, byte[] corrupt, byte[] document) throws IOException {
        Contact contact = Contact.of(Platform.WHATSAPP, "+32470990011", "Test Images"); //$NON-NLS-1$ //$NON-NLS-2$
        Conversation conversation = Conversation.of(Platform.WHATSAPP, "test-images", contact, "Test Images"); //$NON-NLS-1$ //$NON-NLS-2$
        archive.putContact(contact);
        archive.putConversation(conversation);
        Attachment a = archive.storeAttachment(new ByteArrayInputStream(explicit), "image/jpeg", "body.jpg"); //$NON-NLS-1$ //$NON-NLS-2$
        Attachment b = archive.storeAttachment(new ByteArrayInputStream(corrupt), "image/jpeg", "broken.jpg"); //$NON-NLS-1$ //$NON-NLS-2$
        Attachment c = archive.storeAttachment(new ByteArrayInputStream(document), "image/jpeg", "papier.jpg"); //$NON-NLS-1$ //$NON-NLS-2$
        archive.addMessage(Message.of(conversation.id(), Direction.INBOUND,
                TestArchives.now().minusHours(2), "Test Images", null, //$NON-NLS-1$ //$NON-NLS-2$
                "voici les photos", List.of(a, b, c), SourceRef.ofLine("test", 1))); //$NON-NLS-1$ //$NON-NLS-2$
        archive.commit();
        return conversation.id();
    }

    static byte[] skinHeavyJpeg() throws IOException {
        int w = 360;
        int h = 480;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(120, 30, 40));
            g.fillRect(0, 0, w, h);
            g.setColor(new Color(232, 190, 160));
            double cx = w / 2.0;
            double cy = h / 2.0;
            double tw = w * 0.5;
            double th = h * 0.7;
            g.fill(new Ellipse2D.Double(cx - tw / 2, cy - th / 2, tw, th));
            g.fill(new Ellipse2D.Double(cx - tw / 2 - tw * 0.28, cy - th / 2 + th * 0.1, tw * 0.32, th * 0.7));
            g.fill(new Ellipse2D.Double(cx + tw / 2 - tw * 0.04, cy - th / 2 + th * 0.1, tw * 0.32, th * 0.7));
            g.fill(new Ellipse2D.Double(cx - tw * 0.18, cy - th / 2 - th * 0.22, tw * 0.36, th * 0.3));
            g.fill(new Ellipse2D.Double(cx - tw * 0.45, cy + th * 0.3, tw * 0.42, th * 0.45));
            g.fill(new Ellipse2D.Double(cx + tw * 0.03, cy + th * 0.3, tw * 0.42, th * 0.45));
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out); //$NON-NLS-1$
        return out.toByteArray();
    }

    /**
     * A phone photo of an administrative paper ("c'est ça le papier ?"): a slightly grey sheet with a
     * title, lines of text and a stamp, on a wooden table.
     */
    static byte[] documentJpeg() throws IOException {
        int w = 480;
        int h = 640;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(120, 85, 55));
            g.fillRect(0, 0, w, h);
            g.setColor(new Color(236, 236, 230));
            g.fillRect(30, 25, w - 60, h - 50);
            g.setColor(new Color(30, 30, 40));
            g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 20));
            g.drawString("ATTESTATION DE RESIDENCE", 60, 80); //$NON-NLS-1$
            g.setFont(new java.awt.Font(java.awt.Font.SERIF, java.awt.Font.PLAIN, 13));
            String[] words = { "Le", "soussigne", "certifie", "que", "madame", "reside", "a", "l'adresse", "indiquee", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$ //$NON-NLS-9$
                    "depuis", "le", "numero", "dossier", "commune", "service", "population", "valable" }; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$
            java.util.Random r = new java.util.Random(17);
            for (int line = 0; line < 26; line++) {
                StringBuilder b = new StringBuilder();
                while (b.length() < 48) {
                    b.append(words[r.nextInt(words.length)]).append(' ');
                }
                g.drawString(b.toString(), 60, 120 + line * 18);
            }
            g.setColor(new Color(40, 60, 150));
            g.setStroke(new java.awt.BasicStroke(3));
            g.drawOval(w - 170, h - 150, 100, 100);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out); //$NON-NLS-1$
        return out.toByteArray();
    }

    /** The first 40% of a real JPEG: the decoder meets the end of the data inside the picture. */
    static byte[] truncated(byte[] jpeg) {
        return Arrays.copyOf(jpeg, jpeg.length * 2 / 5);
    }
}
