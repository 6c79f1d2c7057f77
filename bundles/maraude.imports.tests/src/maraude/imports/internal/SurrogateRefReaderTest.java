package maraude.imports.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;

import org.junit.jupiter.api.Test;

/**
 * SMS Backup &amp; Restore writes emoji as pairs of surrogate references ({@code &#55357;&#56856;}),
 * which XML parsers refuse: the reader turns them into the characters while streaming, replaces a
 * lone surrogate with U+FFFD and lets every other text, references included, through unchanged.
 */
class SurrogateRefReaderTest {

    private static String read(String xml, int bufferSize) throws IOException {
        StringBuilder out = new StringBuilder();
        try (Reader r = new SurrogateRefReader(new StringReader(xml))) {
            char[] buf = new char[bufferSize];
            int n;
            while ((n = r.read(buf, 0, buf.length)) > 0) {
                out.append(buf, 0, n);
            }
        }
        return out.toString();
    }

    private static String readByChar(String xml) throws IOException {
        StringBuilder out = new StringBuilder();
        try (Reader r = new SurrogateRefReader(new StringReader(xml))) {
            int c;
            while ((c = r.read()) >= 0) {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    @Test
    void aPairOfSurrogateReferencesBecomesTheEmoji() throws IOException {
        String xml = "<sms body=\"bisous &#55357;&#56856; a demain\" />";
        assertEquals("<sms body=\"bisous \uD83D\uDE18 a demain\" />", read(xml, 8192));
        assertEquals("<sms body=\"bisous 😘 a demain\" />", readByChar(xml));
    }

    @Test
    void severalEmojiInARowAndAcrossSmallBuffers() throws IOException {
        String xml = "&#55357;&#56397;&#55356;&#57341;&#55357;&#56846;";
        String expected = "👍🏽😎";
        for (int size : new int[] { 1, 2, 3, 7, 64 }) {
            assertEquals(expected, read(xml, size), "buffer of " + size);
        }
    }

    @Test
    void otherReferencesAndAmpersandsPassThroughUnchanged() throws IOException {
        String xml = "<sms body=\"caf&#233; &amp; th&#xE9; &#12345678901 &# &#; R&amp;B\" />";
        assertEquals(xml, read(xml, 5));
        assertEquals(xml, readByChar(xml));
    }

    @Test
    void aLoneSurrogateBecomesTheReplacementCharacter() throws IOException {
        assertEquals("a\uFFFDb", read("a&#56856;b", 16), "a low surrogate alone");
        assertEquals("a\uFFFDb", read("a&#55357;b", 16), "a high surrogate followed by text");
        assertEquals("a\uFFFD", read("a&#55357;", 16), "a high surrogate at the end");
    }

    @Test
    void aHighSurrogateFollowedByAnotherReferenceKeepsThatReference() throws IOException {
        assertEquals("\uFFFD&#233;", read("&#55357;&#233;", 16));
        assertEquals("\uFFFD&amp;", read("&#55357;&amp;", 16));
    }

    @Test
    void textWithoutReferencesIsUntouched() throws IOException {
        String xml = "<?xml version='1.0' encoding='UTF-8'?><smses count=\"1\"><sms body=\"cc ça va\" /></smses>";
        assertEquals(xml, read(xml, 3));
        assertEquals("", read("", 4));
    }
}
