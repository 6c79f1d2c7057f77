package maraude.core.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.core.archive.ConversationSummary;
import maraude.core.demo.GeneratedConversation.Scenario;
import maraude.core.model.Attachment;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;
import maraude.core.model.Worker;
import maraude.testsupport.MemoryArchive;

class DemoGeneratorTest {

    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 4, 14, 16, 30, 0, 0, ZoneId.of("Europe/Brussels"));

    private static List<GeneratedConversation> generate(long seed, long messages) {
        return new DemoGenerator(seed, NOW).stream(messages).collect(Collectors.toList());
    }

    private static List<GeneratedConversation> generateWithPictures(long seed, long messages) {
        return new DemoGenerator(seed, NOW).withPictures(new FlatPictures()).stream(messages).collect(Collectors.toList());
    }

    @Test
    void sameSeedAndNowGiveTheSameConversations() {
        List<GeneratedConversation> a = generate(7, 5_000);
        List<GeneratedConversation> b = generate(7, 5_000);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).contact(), b.get(i).contact());
            assertEquals(a.get(i).conversation(), b.get(i).conversation());
            assertEquals(a.get(i).messages(), b.get(i).messages());
            assertEquals(a.get(i).attachments().keySet(), b.get(i).attachments().keySet());
        }
        List<GeneratedConversation> other = generate(8, 5_000);
        assertNotEquals(ids(a), ids(other), "another seed must give other conversations");
    }

    @Test
    void anotherNowMovesTheConversations() {
        DemoGenerator later = new DemoGenerator(7, NOW.plusDays(3));
        assertNotEquals(ids(generate(7, 2_000)), ids(later.stream(2_000).collect(Collectors.toList())));
    }

    private static List<String> ids(List<GeneratedConversation> l) {
        return l.stream().flatMap(g -> g.messages().stream()).map(Message::id).collect(Collectors.toList());
    }

    @Test
    void streamHitsTheTargetExactly() {
        for (long target : new long[] { 1, 2, 17, 999, 4_321 }) {
            long sum = new DemoGenerator(3, NOW).stream(target).mapToLong(g -> g.messages().size()).sum();
            assertEquals(target, sum);
        }
        assertEquals(0, new DemoGenerator(3, NOW).stream(0).count());
        assertThrows(IllegalArgumentException.class, () -> new DemoGenerator(3, NOW).stream(-1));
        Iterator<GeneratedConversation> it = new DemoGenerator(3, NOW).iterator(1);
        it.next();
        assertThrows(java.util.NoSuchElementException.class, it::next);
    }

    @Test
    void everyLanguageAppearsAndFrenchDominates() {
        Map<String, Long> byLang = generate(11, 30_000).stream()
                .collect(Collectors.groupingBy(GeneratedConversation::language, TreeMap::new, Collectors.counting()));
        assertEquals(Set.of("fr", "nl", "en", "es", "pt", "ro"), byLang.keySet(), byLang.toString());
        long fr = byLang.get("fr");
        long total = byLang.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(fr > total / 2, byLang.toString());
        byLang.forEach((lang, n) -> assertTrue(n >= total / 50, lang + " too rare: " + byLang));
    }

    @Test
    void textsLookLikeTheirLanguage() {
        Map<String, String> marker = Map.of("nl", "(?s).*\\b(je|we|het|een|ik|van|aub|is|geen|hier|met)\\b.*", "es",
                "(?s).*\\b(el|la|que|de|te|tu|esta|porfa|gracias|hola)\\b.*", "pt", "(?s).*\\b(o|a|de|que|você|oi|obrigada|seu|me)\\b.*");
        int checked = 0;
        for (GeneratedConversation g : generate(5, 20_000)) {
            String p = marker.get(g.language());
            if (p == null || g.scenario() != Scenario.KIT) {
                continue;
            }
            for (Message m : g.messages()) {
                String first = m.text().lines().findFirst().orElse(""); // e-mails end with a signature
                if (m.isOutbound() && first.length() > 40) {
                    assertTrue(first.toLowerCase().matches(p), g.language() + ": " + first);
                    checked++;
                }
            }
        }
        assertTrue(checked > 50, "checked: " + checked);
    }

    @Test
    void platformsScenariosWorkersAndSystemLinesAreAllThere() {
        List<GeneratedConversation> l = generate(21, 40_000);
        EnumSet<Platform> platforms = EnumSet.noneOf(Platform.class);
        EnumSet<Scenario> scenarios = EnumSet.noneOf(Scenario.class);
        Set<String> workers = new HashSet<>();
        long automated = 0;
        long system = 0;
        for (GeneratedConversation g : l) {
            platforms.add(g.conversation().platform());
            scenarios.add(g.scenario());
            assertEquals(g.contact().id(), g.conversation().contactId());
            assertEquals(g.contact().platform(), g.conversation().platform());
            for (Message m : g.messages()) {
                assertEquals(g.conversation().id(), m.conversationId());
                if (m.isOutbound()) {
                    if (m.workerId() == null) {
                        automated++;
                    } else {
                        workers.add(m.workerId());
                    }
                } else {
                    assertNull(m.workerId(), "only outbound messages carry a worker");
                }
                system += m.direction() == Direction.SYSTEM ? 1 : 0;
            }
        }
        assertEquals(EnumSet.of(Platform.AD_INBOX, Platform.WHATSAPP, Platform.SMS, Platform.EMAIL, Platform.TELEGRAM,
                Platform.SIGNAL, Platform.INSTAGRAM), platforms);
        assertEquals(EnumSet.allOf(Scenario.class), scenarios);
        assertEquals(DemoGenerator.WORKERS.stream().map(Worker::id).collect(Collectors.toSet()), workers);
        assertTrue(automated > 100, "automated sends: " + automated);
        assertTrue(system > 100, "system lines: " + system);
    }

    @Test
    void instantsAreOrderedDistinctAndNeverInTheFuture() {
        for (GeneratedConversation g : generate(31, 30_000)) {
            ZonedDateTime prev = null;
            for (Message m : g.messages()) {
                assertFalse(m.instant().isAfter(NOW), "future message");
                assertEquals(NOW.getZone(), m.instant().getZone());
                if (prev != null) {
                    assertTrue(m.instant().toEpochSecond() > prev.toEpochSecond(),
                            "instants must be strictly increasing to the second in " + g.index());
                }
                prev = m.instant();
            }
        }
    }

    @Test
    void idsAreUniqueAcrossTheWholeStream() {
        Set<String> contacts = new HashSet<>();
        Set<String> conversations = new HashSet<>();
        Set<String> messages = new HashSet<>();
        new DemoGenerator(41, NOW).stream(60_000).forEach(g -> {
            assertTrue(contacts.add(g.contact().id()), "duplicate contact");
            assertTrue(conversations.add(g.conversation().id()), "duplicate conversation");
            for (Message m : g.messages()) {
                assertTrue(messages.add(m.id()), "duplicate message id");
            }
        });
        assertEquals(60_000, messages.size());
    }

    @Test
    void threadsWaitingForTheServiceHaveAgesFromMinutesToDays() {
        List<Duration> ages = new ArrayList<>();
        long neverReplied = 0;
        long answered = 0;
        for (GeneratedConversation g : generate(51, 40_000)) {
            ConversationSummary s = MemoryArchive.summarize(g.conversation(), g.contact(), g.messages());
            if (g.awaitsReply()) {
                assertEquals(Direction.INBOUND, s.lastMeaningfulDirection());
                assertNotNull(s.oldestUnansweredInbound());
                ages.add(Duration.between(s.lastInbound(), NOW.toInstant()));
            } else if (s.lastInbound() == null) {
                neverReplied++;
            } else {
                answered++;
            }
        }
        assertTrue(ages.size() > 200, "waiting threads: " + ages.size());
        assertTrue(neverReplied > 200, "never replied: " + neverReplied);
        assertTrue(answered > 200, "answered: " + answered);
        assertTrue(ages.stream().anyMatch(a -> a.toMinutes() < 60), "some wait for minutes");
        assertTrue(ages.stream().anyMatch(a -> a.toHours() >= 4 && a.toHours() < 24), "some wait for hours");
        assertTrue(ages.stream().anyMatch(a -> a.toDays() >= 3), "some wait for days");
    }

    @Test
    void followUpsComeMonthsAfterTheFirstContact() {
        long relances = 0;
        for (GeneratedConversation g : generate(61, 30_000)) {
            if (g.scenario() != Scenario.RELANCE || g.messages().size() < 2) {
                continue;
            }
            List<Message> out = g.messages().stream().filter(Message::isOutbound).collect(Collectors.toList());
            Duration gap = Duration.between(out.get(0).instant(), out.get(1).instant());
            assertTrue(gap.toDays() >= 80, "relance after " + gap.toDays() + " days");
            relances++;
        }
        assertTrue(relances > 20);
    }

    @Test
    void campaignSendsHaveNoWorkerAndShareTheirDates() {
        DemoGenerator gen = new DemoGenerator(71, NOW);
        Set<Instant> campaigns = gen.campaignDates().stream().map(ZonedDateTime::toInstant).collect(Collectors.toSet());
        Map<Instant, Integer> recipients = new HashMap<>();
        gen.stream(30_000).filter(g -> g.scenario() == Scenario.CAMPAIGN).forEach(g -> {
            for (Message m : g.messages()) {
                if (m.isOutbound() && m.workerId() == null) {
                    Instant day = m.instant().toInstant();
                    Instant start = campaigns.stream().filter(c -> !day.isBefore(c) && day.isBefore(c.plusSeconds(1800)))
                            .findFirst().orElse(null);
                    assertNotNull(start, "a bulk send outside any campaign window: " + m.instant());
                    recipients.merge(start, 1, Integer::sum);
                }
            }
        });
        assertTrue(recipients.size() >= 2, recipients.toString());
        assertTrue(recipients.values().stream().allMatch(n -> n > 10), recipients.toString());
    }

    @Test
    void picturesAreTheOnesGivenAndTheirHashesMatch() {
        Set<String> names = new HashSet<>();
        int checked = 0;
        for (GeneratedConversation g : generateWithPictures(81, 40_000)) {
            for (Message m : g.messages()) {
                for (Attachment a : m.attachments()) {
                    GeneratedAttachment ga = g.attachments().get(a.sha256());
                    assertNotNull(ga, "bytes missing for an attachment");
                    assertEquals(a.sha256(), FlatPictures.sha256(ga.bytes()));
                    assertEquals(a.size(), ga.bytes().length);
                    names.add(a.fileName().replaceAll("-\\d+", ""));
                    checked++;
                }
            }
        }
        assertEquals(Set.of("flyer.png", "photo.png"), names, "flyers from the team, photos from people");
        assertTrue(checked > 20, "attachments: " + checked);
    }

    @Test
    void withoutPicturesTheConversationsAreTheSameWithNoAttachment() {
        List<GeneratedConversation> with = generateWithPictures(81, 5_000);
        List<GeneratedConversation> without = generate(81, 5_000);
        assertEquals(with.size(), without.size());
        long pictures = 0;
        for (int i = 0; i < with.size(); i++) {
            List<Message> a = with.get(i).messages();
            List<Message> b = without.get(i).messages();
            assertEquals(a.size(), b.size());
            for (int j = 0; j < a.size(); j++) {
                assertEquals(a.get(j).text(), b.get(j).text());
                assertEquals(a.get(j).instant(), b.get(j).instant());
                assertTrue(b.get(j).attachments().isEmpty());
                pictures += a.get(j).attachments().size();
            }
            assertTrue(without.get(i).attachments().isEmpty());
        }
        assertTrue(pictures > 0, "the generator with pictures attached some");
    }

    @Test
    void inboundTextsAreNoisyLikePhoneTyping() {
        long noAccentFr = 0;
        long emoji = 0;
        for (GeneratedConversation g : generate(91, 20_000)) {
            for (Message m : g.messages()) {
                if (m.isInbound()) {
                    emoji += m.text().codePoints().anyMatch(c -> c > 0x1F000) ? 1 : 0;
                    noAccentFr += m.text().contains("ca repond pas") || m.text().contains("recu le colis") ? 1 : 0;
                }
            }
        }
        assertTrue(emoji > 50, "emoji: " + emoji);
        assertTrue(noAccentFr > 0, "accents stripped sometimes");
    }

    @Test
    void randomAccessAgreesWithTheStream() {
        DemoGenerator gen = new DemoGenerator(99, NOW);
        List<GeneratedConversation> l = gen.stream(3_000).collect(Collectors.toList());
        for (int i = 0; i < l.size() - 1; i++) { // the last one may be cut to the target
            assertEquals(l.get(i).messages(), gen.conversation(i, Integer.MAX_VALUE).messages());
        }
    }

    /**
     * A 100k-message stream keeps nothing behind it: the first conversation can be collected while the
     * stream still runs, and each conversation depends only on (seed, index).
     */
    @Test
    void streamingHundredThousandMessagesHoldsNothingBehind() {
        DemoGenerator gen = new DemoGenerator(101, NOW);
        Iterator<GeneratedConversation> it = gen.iterator(100_000);
        WeakReference<GeneratedConversation> first = new WeakReference<>(it.next());
        long count = 0;
        long messages = 0;
        boolean collected = false;
        while (it.hasNext()) {
            GeneratedConversation g = it.next();
            count++;
            messages += g.messages().size();
            if (!collected && count % 2_000 == 0) {
                System.gc();
                collected = first.get() == null;
            }
        }
        assertTrue(collected, "the first conversation is still reachable: the stream holds what it produced");
        assertTrue(count > 5_000, "conversations: " + count);
        assertTrue(messages + 100 > 99_000);
    }

    @Test
    void populateFillsTheArchiveInBatches(@TempDir Path dir) throws IOException {
        MemoryArchive archive = new MemoryArchive(dir);
        List<long[]> reports = new ArrayList<>();
        PopulateResult r = new DemoGenerator(5, NOW).withPictures(new FlatPictures()).populate(archive, 25_000, 10_000, (done, total) -> {
            reports.add(new long[] { done, total });
            return true;
        });
        assertFalse(r.canceled());
        assertEquals(25_000, r.messages());
        assertEquals(25_000, archive.stats().messages());
        assertEquals(r.conversations(), archive.stats().conversations());
        assertEquals(r.contacts(), archive.stats().contacts());
        assertTrue(archive.stats().attachments() > 0);
        assertTrue(archive.commits() >= 3, "commits: " + archive.commits());
        assertEquals(25_000, reports.get(reports.size() - 1)[0]);
        // Attachments referenced by messages can be opened.
        ConversationSummary waiting = archive.summaries().stream()
                .filter(s -> s.lastMeaningfulDirection() == Direction.INBOUND).findFirst().orElseThrow();
        assertNotNull(waiting.oldestUnansweredInbound());
        for (var c : archive.conversations()) {
            for (Message m : archive.messages(c.id())) {
                for (Attachment a : m.attachments()) {
                    try (InputStream in = archive.openAttachment(a.sha256())) {
                        assertEquals(a.size(), in.readAllBytes().length);
                    }
                }
            }
        }
        // Idempotent: populating again adds nothing new.
        new DemoGenerator(5, NOW).withPictures(new FlatPictures()).populate(archive, 25_000, DemoProgress.NONE);
        assertEquals(25_000, archive.stats().messages());
    }

    @Test
    void populateStopsWhenCancelledAndKeepsWhatWasCommitted(@TempDir Path dir) throws IOException {
        MemoryArchive archive = new MemoryArchive(dir);
        PopulateResult r = new DemoGenerator(5, NOW).populate(archive, 50_000, 1_000, (done, total) -> done < 5_000);
        assertTrue(r.canceled());
        assertTrue(r.messages() >= 5_000 && r.messages() < 10_000, "messages: " + r.messages());
        assertEquals(r.messages(), archive.stats().messages());
    }

    @Test
    void whatsAppExportWritesOneParsableFilePerConversation(@TempDir Path dir) throws IOException {
        DemoGenerator gen = new DemoGenerator(13, NOW);
        DemoGenerator.WhatsAppExportResult r = gen.writeWhatsAppExport(dir, 3_000, false);
        assertEquals(3_000, r.messages());
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.collect(Collectors.toList());
        }
        assertEquals(r.files(), files.size());
        assertEquals(gen.stream(3_000).count(), files.size());
        Pattern header = Pattern.compile("^\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2} - .*");
        long headers = 0;
        for (Path f : files) {
            assertTrue(f.getFileName().toString().startsWith("Discussion WhatsApp avec "));
            String text = Files.readString(f, StandardCharsets.UTF_8);
            assertFalse(text.contains("\r"));
            for (String line : text.split("\n")) {
                headers += header.matcher(line).matches() ? 1 : 0;
            }
        }
        // Continuation lines never look like headers, so header lines count the messages.
        assertEquals(3_000, headers);
    }

    @Test
    void whatsAppExportWithMediaWritesTheImages(@TempDir Path dir) throws IOException {
        new DemoGenerator(13, NOW).withPictures(new FlatPictures()).writeWhatsAppExport(dir, 20_000, true);
        long images;
        long mentions = 0;
        try (Stream<Path> s = Files.walk(dir)) {
            images = s.filter(p -> p.getFileName().toString().matches("IMG-\\d{8}-WA\\d{4}\\.(jpg|png)")).count();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.filter(p -> p.toString().endsWith(".txt"))::iterator) {
                mentions += Files.readString(p).lines().filter(l -> l.contains("(fichier joint)")).count();
            }
        }
        assertTrue(images > 0);
        assertTrue(mentions >= images);
    }

    @Test
    void rejectsNonsense() {
        assertThrows(NullPointerException.class, () -> new DemoGenerator(1, null));
        assertThrows(IllegalArgumentException.class, () -> new DemoGenerator(1, NOW, Duration.ofHours(2)));
        assertThrows(IllegalArgumentException.class, () -> new DemoGenerator(1, NOW).conversation(0, 0));
    }

    @Test
    void tokensAndPhonesAreUnique() {
        Set<String> tokens = new HashSet<>();
        Set<String> phones = new HashSet<>();
        for (long i = 0; i < 200_000; i++) {
            assertTrue(tokens.add(DemoGenerator.token(i)));
            assertTrue(phones.add(DemoGenerator.phone(i)));
        }
    }
}
