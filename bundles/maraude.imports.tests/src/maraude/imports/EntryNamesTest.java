package maraude.imports;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntryNamesTest {

    @ParameterizedTest
    @ValueSource(strings = { "/etc/passwd", "../../.bashrc", "a/../../b", "a/..", "..", "C:\\x", "C:x", "c:/Users/x",
            "..\\..\\x", " ../x", "\u200E../x" })
    void namesLeavingTheFolderClimbOut(String name) {
        assertTrue(EntryNames.climbsOut(name), name);
        assertFalse(EntryNames.isSafe(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "media/\u0000x" })
    void emptyNamesAndNulsAreNotPathsToExtract(String name) {
        assertFalse(EntryNames.climbsOut(name), "not a way out, but nothing to extract either");
        assertFalse(EntryNames.isSafe(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = { "media/IMG-001.jpg", "WhatsApp Chat with Sam.txt", "a/..b/c", "...", "x/.hidden", "./a" })
    void namesStayingInsideDoNot(String name) {
        assertFalse(EntryNames.climbsOut(name), name);
        assertTrue(EntryNames.isSafe(name), name);
    }
}
