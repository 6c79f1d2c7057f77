package maraude.archive.crypto;

import static maraude.archive.crypto.ProtectionTestData.T0;
import static maraude.archive.crypto.ProtectionTestData.assertNowhere;
import static maraude.archive.crypto.ProtectionTestData.pass;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import maraude.archive.crypto.ProtectionTestData.Thread;
import maraude.archive.maintenance.Retention;
import maraude.archive.storage.ArchiveStorage;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveLayout;
import maraude.core.classify.Intent;
import maraude.core.model.Platform;
import maraude.core.triage.PermanenceQueue;
import maraude.core.triage.ReadingCache;

/**
 * The queue's readings kept on disk ({@link ReadingCache}) hold words of the people (what an urgency
 * matched): encrypted on a protected archive, and nothing of a forgotten or purged person's left
 * after the erasure, while the others' are read again on demand.
 */
class KeptReadingsErasureTest {

    @TempDir
    Path tmp;

    private final PlainOrProtected archives = new PlainOrProtected();

    // each word ends an urgency the rules match by prefix ("agress*", "tabass*"): kept as matched
    private static final String FORGET_WORD = "xylophonique";
    private static final String KEEP_WORD = "quinconcesque";
    private static final String OLD_WORD = "vetustorique"; // no doubled letter: matched words are squeezed
    private static final Instant NOW = T0.plusDays(1).toInstant();

    @ParameterizedTest(name = "protected={0}")
    @ValueSource(booleans = { false, true })
    void forgetAndPurgeLeaveNoReadingOfThePerson(boolean protect) throws IOException {
        Path root = tmp.resolve("archive");
        if (protect) {
            ArchiveProtection.protect(root, pass(), CheapKdf.PARAMS);
        }
        String forgetId;
        try (Archive a = archives.open(root, AccessMode.READ_WRITE)) {
            Thread forget = ProtectionTestData.thread(a, Platform.WHATSAPP, "+32470222222", "Ludmirabelle");
            Thread keep = ProtectionTestData.thread(a, Platform.SMS, "+32470111111", "Amandinette");
            Thread old = ProtectionTestData.thread(a, Platform.SMS, "+32470333333", "Vieillotte");
            a.addMessage(ProtectionTestData.msg(forget, 0, T0, "il m'a agress" + FORGET_WORD + " hier", List.of()));
            a.addMessage(ProtectionTestData.msg(keep, 0, T0, "un client m'a tabass" + KEEP_WORD, List.of()));
            a.addMessage(ProtectionTestData.msg(old, 0, T0.minusYears(3), "on m'a agress" + OLD_WORD, List.of()));
            a.commit();
            forgetId = forget.contact().id();
            PermanenceQueue q = PlainOrProtected.triage(a).queue(NOW);
            assertEquals(3, q.urgent(), "control: the three threads are read as urgent");
        }
        String kept = readings(root);
        assertTrue(kept.contains(FORGET_WORD) && kept.contains(KEEP_WORD) && kept.contains(OLD_WORD),
                "control: the kept readings hold the words the urgencies matched: " + kept.replaceAll("[^ -~]", "."));
        if (protect) {
            assertNowhere(root, FORGET_WORD); // encrypted like the other side files
        }
        assertEquals(List.of(), ArchiveLayout.unexpected(root));

        try (ArchiveStorage st = archives.storage(root, protect)) {
            assertEquals(1, Retention.forgetContact(st, forgetId).contacts());
        }
        assertNowhere(root, FORGET_WORD);
        assertFalse(readings(root).contains(KEEP_WORD), "the whole cache goes, whoever it was about");
        try (Archive a = archives.open(root, AccessMode.READ_ONLY)) {
            PermanenceQueue q = PlainOrProtected.triage(a).queue(NOW);
            assertEquals(2, q.urgent(), "the others' threads are read again");
            assertEquals(Intent.REPLY, q.items().get(0).intent());
        }
        kept = readings(root);
        assertTrue(kept.contains(KEEP_WORD) && kept.contains(OLD_WORD));
        assertFalse(kept.contains(FORGET_WORD));

        try (ArchiveStorage st = archives.storage(root, protect)) {
            assertEquals(1, Retention.purgeOlderThan(st, T0.minusYears(1).toInstant()).messages());
        }
        assertNowhere(root, OLD_WORD);
        assertFalse(readings(root).contains(OLD_WORD));
        assertEquals(List.of(), ArchiveLayout.unexpected(root));
    }

    /** The kept readings as text (decrypted on a protected archive); empty when there is no file. */
    private String readings(Path root) throws IOException {
        try (Archive a = archives.open(root, AccessMode.READ_ONLY)) {
            if (!a.files().exists(ReadingCache.FILE_NAME)) {
                return ""; //$NON-NLS-1$
            }
            return new String(a.files().readAllBytes(ReadingCache.FILE_NAME), StandardCharsets.UTF_8);
        }
    }
}
