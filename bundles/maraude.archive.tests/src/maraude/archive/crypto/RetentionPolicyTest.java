package maraude.archive.crypto;

import static maraude.archive.crypto.ProtectionTestData.BRUSSELS;
import static maraude.archive.crypto.ProtectionTestData.assertNowhere;
import static maraude.archive.crypto.ProtectionTestData.filesContaining;
import static maraude.archive.crypto.ProtectionTestData.pass;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.archive.LuceneArchive;
import maraude.archive.crypto.ProtectionTestData.Thread;
import maraude.archive.maintenance.AuditTrail;
import maraude.archive.maintenance.Retention;
import maraude.archive.maintenance.RetentionPolicy;
import maraude.archive.storage.FileSystemStorage;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveException;
import maraude.core.archive.SearchQuery;
import maraude.core.model.Attachment;
import maraude.core.model.Platform;
import maraude.core.triage.TriageStateStore;
import maraude.core.triage.WorkerState;

/**
 * The team's per-platform retention on hand-written timelines: what goes, what stays, per platform,
 * through the open archive (the workbench's writer) and on a closed one (the CLI), with raw scans.
 */
class RetentionPolicyTest {

    @TempDir
    Path tmp;

    /** "Today" for every timeline below. */
    static final ZonedDateTime NOW = ZonedDateTime.of(2026, 6, 1, 12, 0, 0, 0, BRUSSELS);
    static final RetentionPolicy POLICY = RetentionPolicy.of(Map.of(Platform.WHATSAPP, Period.ofMonths(24),
            Platform.AD_INBOX, Period.ofMonths(12)));

    static final String WA_OLD = "wapvieillotte";
    static final String WA_EDGE = "wapfrontaliere";
    static final String WA_RECENT = "wapfraicheur";
    static final String AD_OLD = "annoncoperimee";
    static final String AD_ATTACHMENT = "pieceperimee";
    static final String SMS_ANCIENT = "smsantiquaire";

    private Thread wa;
    private Thread ad;
    private Thread sms;

    /**
     * WhatsApp: 30 months old, one minute younger than 24 months (stays), 1 month old. Ad inbox: all
     * 13 months old, with an attachment of its own (the whole conversation and its contact go). SMS:
     * 10 years old, no policy (stays).
     */
    private void timeline(Archive a) throws IOException {
        wa = ProtectionTestData.thread(a, Platform.WHATSAPP, "+32470333333", "Wanda");
        ad = ProtectionTestData.thread(a, Platform.AD_INBOX, "qr:annonce42", "Annonce");
        sms = ProtectionTestData.thread(a, Platform.SMS, "+32470444444", "Solange");
        ProtectionTestData.filler(a, sms, 300, NOW.minusYears(10));
        a.addMessage(ProtectionTestData.msg(wa, 1, NOW.minusMonths(30), "ancien " + WA_OLD, List.of()));
        a.addMessage(ProtectionTestData.msg(wa, 2, NOW.minusMonths(24).plusMinutes(1), "limite " + WA_EDGE, List.of()));
        a.addMessage(ProtectionTestData.msg(wa, 3, NOW.minusMonths(1), "récent " + WA_RECENT, List.of()));
        Attachment own = a.storeAttachment(
                new ByteArrayInputStream(("photo " + AD_ATTACHMENT).getBytes(StandardCharsets.UTF_8)), "image/jpeg", "a.jpg");
        a.addMessage(ProtectionTestData.msg(ad, 4, NOW.minusMonths(13), "annonce " + AD_OLD, List.of(own)));
        a.addMessage(ProtectionTestData.msg(ad, 5, NOW.minusMonths(13).plusHours(2), "suite de l'annonce", List.of()));
        a.addMessage(ProtectionTestData.msg(sms, 6, NOW.minusYears(10), "très ancien " + SMS_ANCIENT, List.of()));
        a.commit();
    }

    private void assertAfterPolicy(Archive a, int addedSince) {
        assertEquals(0, a.search(SearchQuery.of(WA_OLD)).totalHits(), "30 months old on WhatsApp: gone");
        assertEquals(1, a.search(SearchQuery.of(WA_EDGE)).totalHits(), "younger than 24 months: kept");
        assertEquals(1, a.search(SearchQuery.of(WA_RECENT)).totalHits());
        assertEquals(0, a.search(SearchQuery.of(AD_OLD)).totalHits(), "13 months old on an ad inbox: gone");
        assertEquals(1, a.search(SearchQuery.of(SMS_ANCIENT)).totalHits(), "no policy for SMS: kept");
        assertTrue(a.conversation(ad.conversation().id()).isEmpty(), "the emptied conversation goes");
        assertTrue(a.contact(ad.contact().id()).isEmpty(), "and its contact");
        assertTrue(a.conversation(wa.conversation().id()).isPresent());
        assertEquals(2, a.stats().contacts());
        assertEquals(2 + 301 + addedSince, a.stats().messages());
        assertEquals(0, a.stats().attachments());
    }

    @Test
    void policyIsReadFromTheTeamSettings() throws IOException {
        assertTrue(RetentionPolicy.load(tmp).isEmpty(), "no settings file: everything is kept");
        Files.writeString(tmp.resolve(RetentionPolicy.SETTINGS_FILE),
                "permanence_hours=mardi 14h\nretention_whatsapp=24M\nretention_ad_inbox = 1y\nretention_default=P10Y\n");
        RetentionPolicy p = RetentionPolicy.load(tmp);
        assertEquals(Period.ofMonths(24), p.period(Platform.WHATSAPP).orElseThrow());
        assertEquals(Period.ofYears(1), p.period(Platform.AD_INBOX).orElseThrow());
        assertEquals(Period.ofYears(10), p.period(Platform.SMS).orElseThrow(), "retention_default fills the rest");
        assertTrue(RetentionPolicy.load(tmp.resolve("elsewhere")).isEmpty());

        Files.writeString(tmp.resolve(RetentionPolicy.SETTINGS_FILE), "retention_whatsapp=bientot\n");
        ArchiveException bad = assertThrows(ArchiveException.class, () -> RetentionPolicy.load(tmp));
        assertEquals(ArchiveException.Kind.BAD_INPUT, bad.kind());
        assertTrue(bad.getMessage().contains("retention_whatsapp"), bad.getMessage());
        for (String v : List.of("0d", "-3m", "12", "m", "", "P0D", "12w")) {
            assertThrows(IllegalArgumentException.class, () -> RetentionPolicy.parsePeriod(v), v);
        }
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> RetentionPolicy.parse(Map.of("retention_myspace", "2y")));
        assertTrue(unknown.getMessage().contains("retention_myspace") && unknown.getMessage().contains("ad_inbox"),
                unknown.getMessage());
    }

    @Test
    void policyAppliesThroughTheOpenArchivePerPlatform() throws IOException {
        Path root = tmp.resolve("open");
        try (LuceneArchive a = LuceneArchive.open(root, AccessMode.READ_WRITE)) {
            timeline(a);
            TriageStateStore triage = TriageStateStore.open(a.files());
            triage.setState(ad.conversation().id(), WorkerState.HANDLED, Instant.now(), "an", null);
            triage.setState(wa.conversation().id(), WorkerState.HANDLED, Instant.now(), "an", null);
            for (String w : List.of(WA_OLD, AD_OLD, AD_ATTACHMENT)) {
                assertFalse(filesContaining(root, w).isEmpty(), "the raw scan finds a stored word before: " + w);
            }

            Retention.Preview preview = Retention.preview(a, POLICY, NOW.toInstant(), BRUSSELS);
            assertEquals(new Retention.Preview(3, 2, 1, 1), preview);
            assertEquals(1, a.search(SearchQuery.of(WA_OLD)).totalHits(), "a preview removes nothing");

            // a message pending in the writer (an import under way) is kept and committed with the purge
            a.addMessage(ProtectionTestData.msg(wa, 7, NOW.minusDays(1), "encoursissime", List.of()));
            Retention.Result r = Retention.apply(a, POLICY, NOW.toInstant(), BRUSSELS);
            assertEquals(new Retention.Result(3, 1, 1, 1), r);
            assertEquals(1, a.search(SearchQuery.of("encoursissime")).totalHits());
            a.removeMessage(ProtectionTestData.msg(wa, 7, NOW.minusDays(1), "encoursissime", List.of()).id());
            a.commit();
            assertAfterPolicy(a, 0);
            // the raw bytes are gone while the archive is still open
            for (String w : List.of(WA_OLD, AD_OLD, AD_ATTACHMENT)) {
                assertNowhere(root, w);
            }
            assertFalse(filesContaining(root, SMS_ANCIENT).isEmpty(), "what stays is still there");
            assertTrue(triage.snapshot().conversations().containsKey(wa.conversation().id()));
            assertFalse(triage.snapshot().conversations().containsKey(ad.conversation().id()),
                    "the team's state of the removed conversation goes with it");
            // the archive keeps working, and a second run finds nothing more
            a.addMessage(ProtectionTestData.msg(wa, 8, NOW.minusDays(2), "après", List.of()));
            a.commit();
            assertEquals(Retention.Result.NOTHING, Retention.apply(a, POLICY, NOW.toInstant(), BRUSSELS));
            assertEquals(Retention.Result.NOTHING, Retention.apply(a, RetentionPolicy.none(), NOW.toInstant(), BRUSSELS));
        }
        AuditTrail.Entry purge = AuditTrail.read(root).stream().filter(e -> e.event().equals("purge")).findFirst()
                .orElseThrow();
        assertEquals(3L, purge.counts().get("messages"));
        try (Archive a = LuceneArchive.open(root, AccessMode.READ_ONLY)) {
            assertAfterPolicy(a, 1);
        }
    }

    @Test
    void policyAppliesToAClosedArchiveAndIsRefusedWhileAnotherWriterHoldsIt() throws IOException {
        Path root = tmp.resolve("closed");
        try (LuceneArchive a = LuceneArchive.open(root, AccessMode.READ_WRITE)) {
            timeline(a);
            try (FileSystemStorage st = new FileSystemStorage(root)) {
                ArchiveException e = assertThrows(ArchiveException.class,
                        () -> Retention.apply(st, POLICY, NOW.toInstant(), BRUSSELS));
                assertEquals(ArchiveException.Kind.LOCKED, e.kind());
            }
        }
        Retention.Result r;
        try (FileSystemStorage st = new FileSystemStorage(root)) {
            r = Retention.apply(st, POLICY, NOW.toInstant(), BRUSSELS);
        }
        assertEquals(new Retention.Result(3, 1, 1, 1), r);
        for (String w : List.of(WA_OLD, AD_OLD, AD_ATTACHMENT)) {
            assertNowhere(root, w);
        }
        try (Archive a = LuceneArchive.open(root, AccessMode.READ_ONLY)) {
            assertAfterPolicy(a, 0);
        }
    }

    @Test
    void forgetWorksThroughTheOpenProtectedArchive() throws IOException {
        Path root = tmp.resolve("protected");
        ArchiveProtection.protect(root, pass(), CheapKdf.PARAMS);
        Keyring keyring = new Keyring(x -> null);
        try (Archive opened = new ProtectedArchiveFactory(keyring).open(root, AccessMode.READ_WRITE, pass())) {
            LuceneArchive a = (LuceneArchive) opened;
            timeline(a);
            Retention.Result r = Retention.forgetContact(a, wa.contact().id());
            assertEquals(new Retention.Result(3, 1, 1, 0), r);
            assertEquals(0, a.search(SearchQuery.of(WA_RECENT)).totalHits());
            assertTrue(a.contact(wa.contact().id()).isEmpty());
            assertEquals(1, a.search(SearchQuery.of(AD_OLD)).totalHits(), "the others stay");
        }
        assertNowhere(root, "32470333333");
    }

    @Test
    void bytesGoEvenWhenBackgroundMergesRaceThePurge() throws IOException {
        Path root = tmp.resolve("merging");
        try (LuceneArchive a = LuceneArchive.open(root, AccessMode.READ_WRITE)) {
            wa = ProtectionTestData.thread(a, Platform.WHATSAPP, "+32470666666", "Mira");
            // many small commits: many segments, which the writer merges in the background meanwhile
            for (int c = 0; c < 60; c++) {
                for (int i = 0; i < 20; i++) {
                    int n = c * 20 + i;
                    boolean old = i == 7;
                    a.addMessage(ProtectionTestData.msg(wa, n, old ? NOW.minusYears(3).plusMinutes(n) : NOW.minusDays(1).plusSeconds(n),
                            (old ? "vieux" + wordOf(c) : "frais" + wordOf(c)) + " message " + n, List.of()));
                }
                a.commit();
            }
            assertFalse(filesContaining(root, "vieux" + wordOf(3)).isEmpty(), "the scan finds an old word before");
            Retention.Result r = Retention.apply(a, POLICY, NOW.toInstant(), BRUSSELS);
            assertEquals(60, r.messages());
            for (int c = 0; c < 60; c++) {
                assertNowhere(root, "vieux" + wordOf(c));
            }
            assertFalse(filesContaining(root, "frais" + wordOf(59)).isEmpty());
            assertEquals(60 * 19, a.stats().messages());
        }
    }

    /** Letters only (the analyzer would split digits off): aaa, aab, … */
    private static String wordOf(int n) {
        return "" + (char) ('a' + n / 26 / 26 % 26) + (char) ('a' + n / 26 % 26) + (char) ('a' + n % 26);
    }
}
