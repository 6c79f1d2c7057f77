package maraude.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import maraude.cli.tests.CliHarness.Run;

/** {@code images score}: one JSON document with the model's class and probabilities per file; exit codes. */
class ImagesCliTest {

    @TempDir
    static Path folder;
    private static Path document;

    @BeforeAll
    static void pictures() throws Exception {
        CliHarness.commands("images"); //$NON-NLS-1$
        BufferedImage page = new BufferedImage(600, 800, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 600, 800);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 18));
        for (int line = 0; line < 30; line++) {
            g.drawString("Attestation de residence n. " + (1000 + line * 37) + " - valable jusqu'au 31/12", 40, 60 + line * 24); //$NON-NLS-1$ //$NON-NLS-2$
        }
        g.dispose();
        document = folder.resolve("document.png"); //$NON-NLS-1$
        ImageIO.write(page, "png", document.toFile()); //$NON-NLS-1$
    }

    private static Run run(String... args) {
        return CliHarness.run(folder, args);
    }

    @Test
    void scoresAPictureAsOneJsonDocument() throws Exception {
        Run r = run("images", "score", document.toString(), "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(0, r.code(), r.err());
        JsonNode doc = r.json();
        assertTrue(doc.get("model").asText().startsWith("nsfwjs 4.4.0"), doc.toString()); //$NON-NLS-1$ //$NON-NLS-2$
        JsonNode one = doc.get("results").get(0); //$NON-NLS-1$
        JsonNode p = one.get("probabilities"); //$NON-NLS-1$
        double sum = 0;
        for (String c : new String[] { "Drawing", "Hentai", "Neutral", "Porn", "Sexy" }) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
            sum += p.get(c).asDouble();
        }
        assertEquals(1, sum, 1e-3);
        String top = one.get("class").asText(); //$NON-NLS-1$
        assertTrue(top.equals("Neutral") || top.equals("Drawing"), "a text page is no explicit picture: " + one); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertTrue(p.get(top).asDouble() >= p.get("Porn").asDouble()); //$NON-NLS-1$
        assertTrue(one.get("ms").asLong() >= 0); //$NON-NLS-1$
    }

    @Test
    void aFileThatIsNoPictureIsBadInputButTheOthersAreScored() throws Exception {
        Path notPicture = folder.resolve("notes.txt"); //$NON-NLS-1$
        Files.writeString(notPicture, "not a picture"); //$NON-NLS-1$
        Run r = run("images", "score", notPicture.toString(), document.toString(), folder.resolve("missing.jpg").toString(), "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(2, r.code(), r.err());
        JsonNode results = r.json().get("results"); //$NON-NLS-1$
        assertEquals(3, results.size());
        assertTrue(results.get(0).get("error").asText().startsWith("unsupported_format"), results.toString()); //$NON-NLS-1$ //$NON-NLS-2$
        assertTrue(results.get(1).has("class")); //$NON-NLS-1$
        assertTrue(results.get(2).get("error").asText().startsWith("io_error"), results.toString()); //$NON-NLS-1$ //$NON-NLS-2$
    }

    @Test
    void noFileIsAUsageError() {
        assertEquals(2, run("images", "score", "--json").code()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(2, run("images", "rate", "x.jpg").code()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    }
}
