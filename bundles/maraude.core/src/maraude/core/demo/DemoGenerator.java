package maraude.core.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import maraude.core.archive.Archive;
import maraude.core.demo.GeneratedConversation.Scenario;
import maraude.core.model.Attachment;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;
import maraude.core.model.SourceRef;
import maraude.core.model.Worker;

/**
 * Makes SYNTHETIC outreach conversations for demos, tests and benchmarks: the invented association
 * {@value #SERVICE} writes to people who advertise on ad platforms, by SMS, WhatsApp, e-mail, Telegram,
 * Signal and Instagram, mostly in French, also Dutch, English, Spanish, Portuguese and Romanian.
 * Nothing comes from real conversations.
 *
 * <p>
 * Deterministic: the same seed and {@code now} give the same conversations, byte for byte. Each
 * conversation is derived from (seed, index) alone, so streams of any size (a million messages) are
 * produced one conversation at a time without holding the others.
 *
 * <p>
 * What it shows: first contacts never answered (unknown public), gentle follow-ups after months,
 * kits, screening, PEP emergencies, CPAS/insurance/housing follow-ups, violence alerts, suspected fake
 * profiles, opt-outs, mass SMS campaigns (no worker), threads that wait for an answer (last message
 * inbound, from minutes to days old), system lines, and the pictures it is given
 * ({@link #withPictures}: small real PNG/JPEG images in the product; none by default).
 */
public final class DemoGenerator {

    /** The invented association. */
    public static final String SERVICE = "Lanterne"; //$NON-NLS-1$

    /** Named workers of the invented team (automated sends carry none). */
    public static final List<Worker> WORKERS = List.of(new Worker("camille", "Camille"), //$NON-NLS-1$ //$NON-NLS-2$
            new Worker("youssef", "Youssef"), new Worker("an", "An"), new Worker("sofia", "Sofia")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$

    /** The made-up ad platforms behind {@link Platform#AD_INBOX}. */
    static final String[] AD_SITES = { "vitrine-rouge", "bluemen" }; //$NON-NLS-1$ //$NON-NLS-2$

    private static final String SVC_ADDR = "rue de la Lanterne 12"; //$NON-NLS-1$
    private static final String SVC_PHONE = "0493 55 00 17"; //$NON-NLS-1$
    private static final int DEFAULT_BATCH = 10_000;

    private static final String[] FIRST_NAMES = { "Luna", "Jade", "Bella", "Nina", "Kim", "Sasha", "Alex", "Dany", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$
            "Mia", "Lola", "Tiago", "Rafa", "Andreea", "Bianca", "Ioana", "Carla", "Paola", "Yasmine", "Kenza", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$ //$NON-NLS-9$
            "Lina", "Eva", "Noor", "Femke", "Lotte", "Jonas", "Milan", "Ruby", "Candy", "Diamond", "Tina", "Roxy", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$ //$NON-NLS-9$ //$NON-NLS-10$ //$NON-NLS-11$ //$NON-NLS-12$
            "Zara", "Maya", "Leo", "Marco", "Bruno", "Diego", "Lucas", "Enzo", "Cris", "Vicky", "Angel", "Tess" }; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$ //$NON-NLS-9$ //$NON-NLS-10$ //$NON-NLS-11$ //$NON-NLS-12$
    private static final String[] SUFFIXES = { "_bxl", "_lg", "_chrl", "69", "xx", ".officiel", "_namur", "_gent", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$
            "_antw", "_lille", "", "_vip", "_mons", ".trans", "_escort" }; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$
    private static final String[] STREETS = { "rue des Lilas", "avenue du Parc", "rue Haute", "chaussée de Mons", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
            "Kerkstraat", "rue du Moulin", "boulevard Central", "Stationsstraat", "rue de la Gare" }; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
    private static final String[] CITIES = { "1000 Bruxelles", "4000 Liège", "6000 Charleroi", "5000 Namur", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
            "7000 Mons", "9000 Gent", "2000 Antwerpen", "59000 Lille" }; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
    private static final String[] EMOJI = { "😊", "🙏", "❤️", "😘", "👍", "😅", "💋", "🥲", "😉", "🌸", "✨" }; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$ //$NON-NLS-9$ //$NON-NLS-10$ //$NON-NLS-11$
    private static final String[] WORKER_EMOJI = { "🙂", "😊", "💜", "🌸" }; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
    /** System lines, as the service's (French) phone or the platform words them. */
    private static final String WA_NOTICE = "Les messages et les appels sont chiffrés de bout en bout. Aucun tiers, pas même WhatsApp, ne peut les lire ou les écouter. Appuyez pour en savoir plus."; //$NON-NLS-1$
    private static final String[] SYS_MID = { "Le numéro de sécurité de {name} a changé.", //$NON-NLS-1$
            "{name} a changé de numéro de téléphone.", "Ce membre a mis son annonce en pause.", //$NON-NLS-1$ //$NON-NLS-2$
            "Appel vocal manqué" }; //$NON-NLS-1$

    private final long seed;
    private final ZonedDateTime now;
    private final ZoneId zone;
    private final Duration span;
    private final DemoPictures pictures;
    private volatile List<GeneratedAttachment> images;

    /** Conversations spread over the six weeks before {@code now} (follow-ups reach back months). */
    public DemoGenerator(long seed, ZonedDateTime now) {
        this(seed, now, Duration.ofDays(42));
    }

    public DemoGenerator(long seed, ZonedDateTime now, Duration span) {
        this(seed, now, span, DemoPictures.NONE);
    }

    private DemoGenerator(long seed, ZonedDateTime now, Duration span, DemoPictures pictures) {
        this.seed = seed;
        this.pictures = Objects.requireNonNull(pictures, "pictures"); //$NON-NLS-1$
        this.now = Objects.requireNonNull(now, "now").truncatedTo(ChronoUnit.SECONDS); //$NON-NLS-1$
        this.zone = now.getZone();
        if (span.isNegative() || span.toHours() < 24) {
            throw new IllegalArgumentException("span must be at least one day: " + span); //$NON-NLS-1$
        }
        this.span = span;
    }

    /**
     * The same conversations, whose flyers and photos are {@code pictures}' (by default they carry
     * none: the randomness is drawn all the same, so texts and dates do not change).
     */
    public DemoGenerator withPictures(DemoPictures pictures) {
        return new DemoGenerator(seed, now, span, pictures);
    }

    public ZonedDateTime now() {
        return now;
    }

    public long seed() {
        return seed;
    }

    // ------------------------------------------------------------------------------------------ API

    /**
     * Conversations until {@code targetMessages} messages in all (system lines included; the last
     * conversation is cut to hit the number exactly). Lazy: nothing is held beyond the current item.
     */
    public Stream<GeneratedConversation> stream(long targetMessages) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(targetMessages),
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE), false);
    }

    /** Same as {@link #stream(long)}, as an iterator. */
    public Iterator<GeneratedConversation> iterator(long targetMessages) {
        if (targetMessages < 0) {
            throw new IllegalArgumentException("targetMessages < 0"); //$NON-NLS-1$
        }
        return new Iterator<>() {
            private long index;
            private long remaining = targetMessages;

            @Override
            public boolean hasNext() {
                return remaining > 0;
            }

            @Override
            public GeneratedConversation next() {
                if (remaining <= 0) {
                    throw new NoSuchElementException();
                }
                GeneratedConversation c = conversation(index++, (int) Math.min(Integer.MAX_VALUE, remaining));
                remaining -= c.messages().size();
                return c;
            }
        };
    }

    /** Conversation number {@code index}, at most {@code maxMessages} long (at least one message). */
    public GeneratedConversation conversation(long index, int maxMessages) {
        if (maxMessages < 1 || index < 0) {
            throw new IllegalArgumentException("index " + index + ", maxMessages " + maxMessages); //$NON-NLS-1$ //$NON-NLS-2$
        }
        return new Builder(index, new SplittableRandom(mix(seed, index))).build(maxMessages);
    }

    /**
     * Dates of the automated mass SMS ("campaigns"): every three weeks, Tuesday 10:00, the latest
     * before {@code now} first.
     */
    public List<ZonedDateTime> campaignDates() {
        List<ZonedDateTime> out = new ArrayList<>();
        ZonedDateTime t = now.with(TemporalAdjusters.previousOrSame(DayOfWeek.TUESDAY)).with(LocalTime.of(10, 0));
        if (!t.isBefore(now)) {
            t = t.minusWeeks(1);
        }
        ZonedDateTime limit = now.minus(span).minusWeeks(3);
        while (t.isAfter(limit)) {
            out.add(t);
            t = t.minusWeeks(3);
        }
        return out;
    }

    /**
     * Puts contacts, conversations, messages and attachments into {@code archive}, committing every
     * 10,000 messages and at the end. Cancelling through {@code progress} commits what was added
     * (whole conversations only) and stops.
     */
    public PopulateResult populate(Archive archive, long targetMessages, DemoProgress progress) throws IOException {
        return populate(archive, targetMessages, DEFAULT_BATCH, progress);
    }

    public PopulateResult populate(Archive archive, long targetMessages, int batchSize, DemoProgress progress)
            throws IOException {
        Objects.requireNonNull(archive, "archive"); //$NON-NLS-1$
        DemoProgress p = progress == null ? DemoProgress.NONE : progress;
        long contacts = 0;
        long conversations = 0;
        long messages = 0;
        long attachments = 0;
        long sinceCommit = 0;
        long lastReport = 0;
        boolean canceled = !p.update(0, targetMessages);
        Iterator<GeneratedConversation> it = iterator(targetMessages);
        while (!canceled && it.hasNext()) {
            GeneratedConversation g = it.next();
            archive.putContact(g.contact());
            archive.putConversation(g.conversation());
            contacts++;
            conversations++;
            Map<String, Attachment> stored = new LinkedHashMap<>();
            for (GeneratedAttachment a : g.attachments().values()) {
                stored.put(a.attachment().sha256(),
                        archive.storeAttachment(a.open(), a.attachment().mediaType(), a.attachment().fileName()));
                attachments++;
            }
            for (Message m : g.messages()) {
                archive.addMessage(restored(m, stored));
            }
            messages += g.messages().size();
            sinceCommit += g.messages().size();
            if (sinceCommit >= batchSize) {
                archive.commit();
                sinceCommit = 0;
            }
            if (messages - lastReport >= 2_000 || !it.hasNext()) {
                lastReport = messages;
                canceled = !p.update(messages, targetMessages);
            }
        }
        archive.commit();
        return new PopulateResult(contacts, conversations, messages, attachments, canceled);
    }

    /** Rebuilds a message with the attachment records the archive returned, when they differ. */
    private static Message restored(Message m, Map<String, Attachment> stored) {
        if (m.attachments().isEmpty()) {
            return m;
        }
        List<Attachment> atts = new ArrayList<>();
        boolean same = true;
        for (Attachment a : m.attachments()) {
            Attachment s = stored.getOrDefault(a.sha256(), a);
            same &= s.equals(a);
            atts.add(s);
        }
        return same ? m
                : Message.of(m.conversationId(), m.direction(), m.instant(), m.author(), m.workerId(), m.text(), atts,
                        m.source());
    }

    /**
     * Writes the same conversations (for the same target) as WhatsApp Android exports in French, one
     * {@code Discussion WhatsApp avec <name>.txt} per conversation in {@code dir}: lines
     * {@code dd/MM/yyyy HH:mm - Nom: texte}, system lines without author, attachments as
     * {@code <Médias omis>} (or file names with {@code (fichier joint)} and the files beside the text,
     * in a folder per conversation, when {@code withMedia}).
     */
    public WhatsAppExportResult writeWhatsAppExport(Path dir, long targetMessages, boolean withMedia)
            throws IOException {
        return new WhatsAppExportWriter(dir, withMedia).writeAll(iterator(targetMessages));
    }

    /** Files and messages written by {@link #writeWhatsAppExport}. */
    public record WhatsAppExportResult(long files, long messages, long bytes) {
    }

    // ------------------------------------------------------------------------------------------ build

    private static long mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    List<GeneratedAttachment> images() {
        List<GeneratedAttachment> pool = images;
        if (pool == null) {
            synchronized (this) {
                pool = images;
                if (pool == null) {
                    pool = List.copyOf(pictures.pool(seed));
                    if (!pool.isEmpty() && pool.size() != DemoPictures.FLYERS + DemoPictures.PHOTOS) {
                        throw new IllegalStateException("pictures: " + pool.size()); //$NON-NLS-1$
                    }
                    images = pool;
                }
            }
        }
        return pool;
    }

    private enum Gap {
        /** The person answers an outreach message: minutes to days. */
        REPLY,
        /** A live exchange: seconds to minutes. */
        QUICK,
        /** A worker answers: minutes to a day, within office hours. */
        WORKER,
        /** A new topic days later. */
        LATER,
        /** A follow-up after months of silence. */
        MONTHS,
        /** The next mass SMS campaign. */
        CAMPAIGN
    }

    private record Step(Kind kind, Gap gap) {
    }

    /** Builds one conversation; all randomness comes from {@code r}, derived from (seed, index). */
    private final class Builder {
        private final long index;
        private final SplittableRandom r;
        private String lang;
        private Scenario scenario;
        private Platform platform;
        private String pseudo;
        private Worker worker;
        private Worker otherWorker;

        Builder(long index, SplittableRandom r) {
            this.index = index;
            this.r = r;
        }

        GeneratedConversation build(int maxMessages) {
            lang = pickLanguage();
            scenario = pickScenario();
            platform = pickPlatform();
            worker = pickWorker();
            do {
                otherWorker = WORKERS.get(r.nextInt(WORKERS.size()));
            } while (otherWorker == worker);

            String token = token(index);
            String first = FIRST_NAMES[r.nextInt(FIRST_NAMES.length)];
            pseudo = first + SUFFIXES[r.nextInt(SUFFIXES.length)];
            Contact contact = contact(first, token);
            String site = AD_SITES[r.nextInt(AD_SITES.length)];
            String threadKey = platform == Platform.AD_INBOX ? site + '/' + contact.handle()
                    : platform.key() + ':' + contact.handle();
            String title = platform == Platform.AD_INBOX ? contact.displayName() + " · " + site //$NON-NLS-1$
                    : contact.displayName();
            Conversation conv = Conversation.of(platform, threadKey, contact, title);

            List<Step> steps = script();
            boolean waiting = false;
            if (hasInbound(steps) && scenario != Scenario.NEVER_REPLIED && r.nextDouble() < 0.27) {
                steps = cutAfterInbound(steps);
                waiting = true;
            } else if (!steps.isEmpty() && steps.get(steps.size() - 1).kind() == Kind.THANKS && r.nextDouble() < 0.85) {
                // Most "merci" get a short closing word from the team; the rest stay for a worker to
                // mark "no reply needed", as in real permanences.
                steps = new ArrayList<>(steps);
                steps.add(new Step(Kind.CLOSE, Gap.WORKER));
            }
            List<ZonedDateTime> times = times(steps, waiting);
            List<Message> messages = new ArrayList<>();
            Map<String, GeneratedAttachment> atts = new LinkedHashMap<>();
            String source = "demo:" + seed + '/' + index; //$NON-NLS-1$
            int line = 1;
            if (platform == Platform.WHATSAPP) {
                messages.add(Message.of(conv.id(), Direction.SYSTEM, times.get(0).minusSeconds(1 + r.nextInt(600)),
                        "", null, WA_NOTICE, List.of(), SourceRef.ofLine(source, line++))); //$NON-NLS-1$
            }
            for (int i = 0; i < steps.size(); i++) {
                Step s = steps.get(i);
                ZonedDateTime at = times.get(i);
                if (i > 0 && i < steps.size() - 1 && r.nextDouble() < 0.03) {
                    // A platform line between two messages (never last, so waiting threads stay waiting).
                    ZonedDateTime prev = times.get(i - 1);
                    long gap = Duration.between(prev, at).getSeconds();
                    if (gap > 2) {
                        messages.add(Message.of(conv.id(), Direction.SYSTEM, prev.plusSeconds(1 + gap / 2), "", //$NON-NLS-1$
                                null, fill(SYS_MID[r.nextInt(SYS_MID.length)], at), List.of(),
                                SourceRef.ofLine(source, line++)));
                    }
                }
                messages.add(message(conv, s, at, atts, SourceRef.ofLine(source, line++)));
            }
            if (messages.size() > maxMessages) {
                messages = new ArrayList<>(messages.subList(0, maxMessages));
                Map<String, GeneratedAttachment> kept = new LinkedHashMap<>();
                for (Message m : messages) {
                    for (Attachment a : m.attachments()) {
                        kept.put(a.sha256(), atts.get(a.sha256()));
                    }
                }
                atts = kept;
            }
            return new GeneratedConversation(index, contact, conv, lang, scenario, List.copyOf(messages),
                    Map.copyOf(atts));
        }

        private String pickLanguage() {
            double x = r.nextDouble();
            if (x < 0.62) {
                return "fr"; //$NON-NLS-1$
            } else if (x < 0.74) {
                return "nl"; //$NON-NLS-1$
            } else if (x < 0.84) {
                return "en"; //$NON-NLS-1$
            } else if (x < 0.90) {
                return "es"; //$NON-NLS-1$
            } else if (x < 0.95) {
                return "pt"; //$NON-NLS-1$
            }
            return "ro"; //$NON-NLS-1$
        }

        private Scenario pickScenario() {
            boolean rich = lang.equals("fr") || lang.equals("nl") || lang.equals("en"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            double x = r.nextDouble();
            if (!rich) {
                // Fewer templates in these languages: keep to the situations they cover.
                return x < 0.30 ? Scenario.NEVER_REPLIED
                        : x < 0.40 ? Scenario.RELANCE
                                : x < 0.62 ? Scenario.KIT
                                        : x < 0.75 ? Scenario.HEALTH
                                                : x < 0.90 ? Scenario.CAMPAIGN : Scenario.INBOUND_FIRST;
            }
            double[] w = { 0.22, 0.07, 0.14, 0.10, 0.03, 0.10, 0.04, 0.03, 0.02, 0.15, 0.10 };
            Scenario[] s = Scenario.values();
            for (int i = 0; i < w.length; i++) {
                x -= w[i];
                if (x < 0) {
                    return s[i];
                }
            }
            return Scenario.INBOUND_FIRST;
        }

        private Platform pickPlatform() {
            if (scenario == Scenario.CAMPAIGN) {
                return r.nextDouble() < 0.8 ? Platform.SMS : Platform.WHATSAPP;
            }
            double x = r.nextDouble();
            if (scenario == Scenario.NEVER_REPLIED || scenario == Scenario.RELANCE || scenario == Scenario.SUSPECT) {
                return x < 0.55 ? Platform.AD_INBOX
                        : x < 0.70 ? Platform.INSTAGRAM
                                : x < 0.82 ? Platform.SMS
                                        : x < 0.92 ? Platform.WHATSAPP : x < 0.96 ? Platform.TELEGRAM : Platform.EMAIL;
            }
            return x < 0.28 ? Platform.AD_INBOX
                    : x < 0.58 ? Platform.WHATSAPP
                            : x < 0.72 ? Platform.SMS
                                    : x < 0.79 ? Platform.EMAIL
                                            : x < 0.86 ? Platform.TELEGRAM
                                                    : x < 0.92 ? Platform.SIGNAL : Platform.INSTAGRAM;
        }

        private Worker pickWorker() {
            if (lang.equals("nl") && r.nextDouble() < 0.7) { //$NON-NLS-1$
                return WORKERS.get(2);
            }
            double x = r.nextDouble();
            return WORKERS.get(x < 0.38 ? 0 : x < 0.70 ? 1 : x < 0.85 ? 2 : 3);
        }

        private Contact contact(String first, String token) {
            String base = pseudo.toLowerCase(Locale.ROOT);
            switch (platform) {
            case SMS, WHATSAPP, SIGNAL -> {
                String phone = phone(index);
                String display = r.nextDouble() < 0.3 ? phone
                        : first + ' ' + (r.nextDouble() < 0.5 ? "VR" : token.substring(0, 2).toUpperCase(Locale.ROOT)); //$NON-NLS-1$
                return Contact.of(platform, phone, display);
            }
            case EMAIL -> {
                return Contact.of(platform, base.replace('_', '.') + '.' + token + "@mail.example", pseudo); //$NON-NLS-1$
            }
            case TELEGRAM, INSTAGRAM -> {
                return Contact.of(platform, '@' + base + '_' + token, pseudo);
            }
            default -> {
                return Contact.of(platform, pseudo + '_' + token, pseudo);
            }
            }
        }

        private List<Step> script() {
            List<Step> s = new ArrayList<>();
            switch (scenario) {
            case NEVER_REPLIED -> {
                s.add(new Step(Kind.INTRO, Gap.REPLY));
                if (r.nextDouble() < 0.1) {
                    s.add(new Step(Kind.INTRO, Gap.LATER));
                }
            }
            case RELANCE -> {
                s.add(new Step(Kind.INTRO, Gap.REPLY));
                s.add(new Step(Kind.RELANCE, Gap.MONTHS));
                if (r.nextDouble() < 0.2) {
                    s.add(new Step(Kind.R_INTRO, Gap.REPLY));
                    s.add(new Step(Kind.KIT, Gap.WORKER));
                }
            }
            case KIT -> {
                if (r.nextDouble() < 0.7) {
                    s.add(new Step(Kind.INTRO, Gap.REPLY));
                    s.add(new Step(Kind.R_INTRO, Gap.REPLY));
                } else {
                    s.add(new Step(Kind.R_KIT, Gap.REPLY));
                }
                s.add(new Step(Kind.KIT, Gap.WORKER));
                s.add(new Step(Kind.R_KIT, Gap.REPLY));
                s.add(new Step(Kind.R_ADDRESS, Gap.QUICK));
                s.add(new Step(Kind.ACK, Gap.WORKER));
                if (r.nextDouble() < 0.7) {
                    s.add(new Step(Kind.KIT_SENT, Gap.LATER));
                    s.add(new Step(Kind.THANKS, Gap.REPLY));
                    if (r.nextDouble() < 0.5) {
                        s.add(new Step(Kind.CLOSE, Gap.WORKER));
                    }
                }
            }
            case HEALTH -> {
                if (r.nextDouble() < 0.4) {
                    s.add(new Step(Kind.INTRO, Gap.REPLY));
                }
                boolean prep = (lang.equals("fr") || lang.equals("nl") || lang.equals("en")) && r.nextDouble() < 0.35; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                s.add(new Step(prep ? Kind.Q_PREP : Kind.Q_DEPISTAGE, Gap.REPLY));
                s.add(new Step(prep ? Kind.PREP : Kind.DEPISTAGE, Gap.WORKER));
                s.add(new Step(Kind.Q_RDV, Gap.REPLY));
                s.add(new Step(Kind.RDV, Gap.WORKER));
                if (r.nextDouble() < 0.6) {
                    s.add(new Step(Kind.THANKS, Gap.QUICK));
                }
                if (r.nextDouble() < 0.5) {
                    s.add(new Step(Kind.Q_DEPISTAGE, Gap.LATER));
                    s.add(new Step(Kind.DEPISTAGE, Gap.WORKER));
                    s.add(new Step(Kind.THANKS, Gap.REPLY));
                }
            }
            case PEP -> {
                s.add(new Step(Kind.Q_PEP, Gap.REPLY));
                if (r.nextDouble() < 0.4) {
                    s.add(new Step(Kind.NUDGE, Gap.QUICK));
                }
                s.add(new Step(Kind.PEP, Gap.WORKER));
                s.add(new Step(Kind.THANKS, Gap.QUICK));
                s.add(new Step(Kind.PEP, Gap.LATER));
                s.add(new Step(Kind.THANKS, Gap.REPLY));
            }
            case SOCIAL -> {
                int cycles = 1 + r.nextInt(r.nextDouble() < 0.2 ? 12 : 4);
                for (int c = 0; c < cycles; c++) {
                    boolean housing = r.nextDouble() < 0.3;
                    Gap opening = c == 0 ? Gap.REPLY : Gap.LATER;
                    s.add(new Step(housing ? Kind.Q_LOGEMENT : Kind.Q_CPAS, opening));
                    s.add(new Step(housing ? Kind.LOGEMENT : Kind.CPAS, Gap.WORKER));
                    if (!housing && r.nextDouble() < 0.35) {
                        s.add(new Step(Kind.CAPTION, Gap.REPLY));
                        s.add(new Step(Kind.ACK, Gap.WORKER));
                    }
                    if (r.nextDouble() < 0.5) {
                        s.add(new Step(Kind.Q_RDV, Gap.QUICK));
                        s.add(new Step(Kind.RDV, Gap.WORKER));
                    }
                    s.add(new Step(Kind.THANKS, Gap.QUICK));
                }
            }
            case VIOLENCE -> {
                s.add(new Step(Kind.Q_VIOLENCE, Gap.REPLY));
                s.add(new Step(Kind.VIOLENCE, Gap.WORKER));
                s.add(new Step(Kind.THANKS, Gap.QUICK));
                s.add(new Step(Kind.VIOLENCE, Gap.QUICK));
                if (r.nextDouble() < 0.5) {
                    s.add(new Step(Kind.Q_RDV, Gap.REPLY));
                    s.add(new Step(Kind.RDV, Gap.WORKER));
                }
            }
            case SUSPECT -> {
                if (r.nextDouble() < 0.6) {
                    s.add(new Step(Kind.INTRO, Gap.REPLY));
                }
                s.add(new Step(Kind.FAKE, Gap.REPLY));
                s.add(new Step(Kind.CAUTION, Gap.WORKER));
                s.add(new Step(Kind.FAKE, Gap.REPLY));
            }
            case STOP -> {
                s.add(new Step(Kind.INTRO, Gap.REPLY));
                s.add(new Step(Kind.STOP, Gap.REPLY));
                if (r.nextDouble() < 0.5) {
                    s.add(new Step(Kind.ACK, Gap.WORKER));
                }
            }
            case CAMPAIGN -> {
                int sends = 1 + r.nextInt(3);
                for (int c = 0; c < sends; c++) {
                    s.add(new Step(Kind.BUS, c == 0 ? Gap.REPLY : Gap.CAMPAIGN));
                }
                if (r.nextDouble() < 0.3) {
                    double x = r.nextDouble();
                    s.add(new Step(x < 0.5 ? Kind.THANKS : x < 0.8 ? Kind.Q_DEPISTAGE : Kind.R_INTRO, Gap.REPLY));
                    s.add(new Step(x < 0.5 ? Kind.CLOSE : Kind.DEPISTAGE, Gap.WORKER));
                }
            }
            case INBOUND_FIRST -> {
                double x = r.nextDouble();
                s.add(new Step(x < 0.4 ? Kind.R_INTRO : x < 0.7 ? Kind.R_KIT : Kind.Q_DEPISTAGE, Gap.REPLY));
                if (r.nextDouble() < 0.3) {
                    s.add(new Step(Kind.NUDGE, Gap.QUICK));
                }
                s.add(new Step(x < 0.4 ? Kind.INTRO : x < 0.7 ? Kind.KIT : Kind.DEPISTAGE, Gap.WORKER));
                s.add(new Step(Kind.THANKS, Gap.REPLY));
                if (r.nextDouble() < 0.4) {
                    s.add(new Step(Kind.CLOSE, Gap.WORKER));
                }
            }
            default -> throw new IllegalStateException(scenario.name());
            }
            return s;
        }

        private boolean hasInbound(List<Step> steps) {
            for (Step s : steps) {
                if (s.kind.direction == Direction.INBOUND) {
                    return true;
                }
            }
            return false;
        }

        /** Keeps the thread up to one of its inbound messages, sometimes with a nudge ("??") after it. */
        private List<Step> cutAfterInbound(List<Step> steps) {
            List<Integer> inbound = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i).kind.direction == Direction.INBOUND) {
                    inbound.add(i);
                }
            }
            // Mostly the last inbound message: realistic threads wait at their end.
            int at = r.nextDouble() < 0.6 ? inbound.get(inbound.size() - 1) : inbound.get(r.nextInt(inbound.size()));
            List<Step> out = new ArrayList<>(steps.subList(0, at + 1));
            if (r.nextDouble() < 0.3 && out.get(out.size() - 1).kind != Kind.NUDGE) {
                out.add(new Step(Kind.NUDGE, Gap.QUICK));
            }
            return out;
        }

        // -------------------------------------------------------------------------------------- time

        private List<ZonedDateTime> times(List<Step> steps, boolean waiting) {
            List<ZonedDateTime> t = new ArrayList<>(steps.size());
            ZonedDateTime start;
            List<ZonedDateTime> campaigns = scenario == Scenario.CAMPAIGN ? campaignDates() : List.of();
            int campaign = 0;
            if (scenario == Scenario.CAMPAIGN) {
                int sends = 0;
                for (Step s : steps) {
                    sends += s.kind == Kind.BUS ? 1 : 0;
                }
                // The first send of this thread is the sends-th latest campaign or an older one.
                int max = campaigns.size() - 1;
                campaign = Math.min(max, sends - 1 + r.nextInt(Math.max(1, campaigns.size() - sends + 1)));
                start = campaigns.get(campaign).plusSeconds(index % 1800);
            } else if (scenario == Scenario.RELANCE) {
                start = now.minusDays(100 + r.nextInt(40)).with(LocalTime.of(9 + r.nextInt(9), r.nextInt(60)));
            } else {
                start = now.minusSeconds(1 + (long) (r.nextDouble() * span.getSeconds()));
            }
            ZonedDateTime cur = start;
            for (int i = 0; i < steps.size(); i++) {
                Step s = steps.get(i);
                if (i > 0) {
                    if (s.gap == Gap.CAMPAIGN && campaign > 0) {
                        campaign--;
                        cur = campaigns.get(campaign).plusSeconds(index % 1800);
                    } else {
                        cur = cur.plusSeconds(gapSeconds(s.gap == Gap.CAMPAIGN ? Gap.LATER
                                : i > 0 && steps.get(i - 1).kind.direction == s.kind.direction
                                        && s.gap == Gap.REPLY ? Gap.QUICK : s.gap));
                    }
                }
                if (s.kind.direction == Direction.OUTBOUND && s.kind != Kind.BUS) {
                    cur = officeHours(cur);
                }
                if (i > 0 && !cur.isAfter(t.get(i - 1))) {
                    cur = t.get(i - 1).plusSeconds(1 + r.nextInt(50));
                }
                t.add(cur);
            }
            if (scenario == Scenario.CAMPAIGN) {
                // Sends stay on their campaign dates; replies that would fall after now come sooner.
                for (int i = 1; i < t.size(); i++) {
                    if (!t.get(i).isBefore(now)) {
                        long room = Duration.between(t.get(i - 1), now).getSeconds();
                        t.set(i, t.get(i - 1).plusSeconds(Math.max(1, room / 2)));
                    }
                }
            } else if (waiting) {
                anchorWaitingEnd(steps, t);
            } else {
                // Keep the thread in the past: move it back by whole weeks (weekday and time of day stay).
                ZonedDateTime last = t.get(t.size() - 1);
                if (!last.isBefore(now)) {
                    long weeks = Duration.between(now, last).toDays() / 7 + 1;
                    for (int i = 0; i < t.size(); i++) {
                        t.set(i, t.get(i).minusWeeks(weeks));
                    }
                    ZonedDateTime l = t.get(t.size() - 1);
                    if (!l.isBefore(now)) { // a daylight-saving change in between: one hour more
                        for (int i = 0; i < t.size(); i++) {
                            t.set(i, t.get(i).minusHours(2));
                        }
                    }
                }
            }
            return t;
        }

        /**
         * Threads that wait for the service end at {@code now - age} (minutes to ten days); their final
         * run of inbound messages is placed there, what comes before moves by whole days to stay before.
         */
        private void anchorWaitingEnd(List<Step> steps, List<ZonedDateTime> t) {
            int n = steps.size();
            int blockStart = n - 1;
            while (blockStart > 0 && steps.get(blockStart - 1).kind.direction == Direction.INBOUND) {
                blockStart--;
            }
            // Log-uniform between 2 minutes and 10 days.
            double lo = Math.log(120);
            double hi = Math.log(10 * 86_400);
            long age = (long) Math.exp(lo + r.nextDouble() * (hi - lo));
            ZonedDateTime end = now.minusSeconds(age);
            ZonedDateTime[] block = new ZonedDateTime[n - blockStart];
            block[block.length - 1] = end;
            for (int i = block.length - 2; i >= 0; i--) {
                block[i] = block[i + 1].minusSeconds(20 + r.nextInt(1800));
            }
            if (blockStart > 0) {
                ZonedDateTime prefixEnd = t.get(blockStart - 1);
                // Whole weeks keep the weekday and time of day (office hours) of what the workers wrote.
                long weeks = Math.floorDiv(Duration.between(prefixEnd, block[0]).getSeconds() - 60, 7 * 86_400L);
                while (!prefixEnd.plusWeeks(weeks).isBefore(block[0])) {
                    weeks--;
                }
                for (int i = 0; i < blockStart; i++) {
                    t.set(i, t.get(i).plusWeeks(weeks));
                }
            }
            for (int i = 0; i < block.length; i++) {
                t.set(blockStart + i, block[i]);
            }
        }

        private long gapSeconds(Gap gap) {
            return switch (gap) {
            case QUICK -> 30 + r.nextInt(40 * 60);
            case REPLY -> logUniform(300, 3 * 86_400);
            case WORKER -> logUniform(120, 30 * 3600);
            case LATER -> 86_400L + r.nextInt(11 * 86_400);
            case MONTHS -> 88L * 86_400 + r.nextInt(30 * 86_400);
            case CAMPAIGN -> 21L * 86_400;
            };
        }

        private long logUniform(long lo, long hi) {
            return (long) Math.exp(Math.log(lo) + r.nextDouble() * (Math.log(hi) - Math.log(lo)));
        }

        /** Workers write Monday to Friday, 9:00–19:00 local time; later messages wait for the next morning. */
        private ZonedDateTime officeHours(ZonedDateTime t) {
            ZonedDateTime x = t;
            if (x.getHour() >= 19) {
                x = x.plusDays(1).with(LocalTime.of(9, r.nextInt(50), r.nextInt(60)));
            } else if (x.getHour() < 9) {
                x = x.with(LocalTime.of(9, r.nextInt(50), r.nextInt(60)));
            }
            while (x.getDayOfWeek() == DayOfWeek.SATURDAY || x.getDayOfWeek() == DayOfWeek.SUNDAY) {
                x = x.plusDays(1).with(LocalTime.of(9, r.nextInt(50), r.nextInt(60)));
            }
            return x;
        }

        // -------------------------------------------------------------------------------------- text

        private Message message(Conversation conv, Step s, ZonedDateTime at, Map<String, GeneratedAttachment> atts,
                SourceRef src) {
            String[] v = DemoTexts.variants(lang, s.kind);
            String text = fill(v[r.nextInt(v.length)], at);
            Direction d = s.kind.direction;
            String author;
            String workerId = null;
            List<Attachment> attachments = List.of();
            if (d == Direction.OUTBOUND) {
                author = SERVICE;
                boolean automated = s.kind == Kind.BUS
                        || s.kind == Kind.INTRO && platform == Platform.AD_INBOX && r.nextDouble() < 0.25;
                if (!automated) {
                    Worker w = r.nextDouble() < 0.15 ? otherWorker : worker;
                    workerId = w.id();
                    if (platform == Platform.EMAIL) {
                        text = text + "\n\n" + w.displayName() + " — " + SERVICE + "\n" + SVC_PHONE; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                    }
                } else if (platform == Platform.EMAIL) {
                    text = text + "\n\n" + SERVICE + " asbl"; //$NON-NLS-1$ //$NON-NLS-2$
                }
                text = r.nextDouble() < 0.06 ? text + ' ' + WORKER_EMOJI[r.nextInt(WORKER_EMOJI.length)] : text;
                boolean flyer = (s.kind == Kind.INTRO || s.kind == Kind.BUS) && platform != Platform.SMS
                        && platform != Platform.AD_INBOX && r.nextDouble() < 0.2;
                if (flyer) {
                    attachments = attach(atts, r.nextInt(DemoPictures.FLYERS));
                }
            } else {
                author = conv.title().isEmpty() ? pseudo : displayAuthor(conv);
                text = noisy(text);
                boolean photo = s.kind == Kind.CAPTION || s.kind == Kind.Q_CPAS && r.nextDouble() < 0.1;
                if (photo) {
                    attachments = attach(atts, DemoPictures.FLYERS + r.nextInt(DemoPictures.PHOTOS));
                }
            }
            return Message.of(conv.id(), d, at, author, workerId, text, attachments, src);
        }

        private String displayAuthor(Conversation conv) {
            int dot = conv.title().indexOf(" · "); //$NON-NLS-1$
            return dot > 0 ? conv.title().substring(0, dot) : conv.title();
        }

        private List<Attachment> attach(Map<String, GeneratedAttachment> atts, int i) {
            List<GeneratedAttachment> pool = images();
            if (pool.isEmpty()) {
                return List.of();
            }
            GeneratedAttachment a = pool.get(i);
            atts.put(a.attachment().sha256(), a);
            return List.of(a.attachment());
        }

        private String fill(String template, ZonedDateTime at) {
            if (template.indexOf('{') < 0) {
                return template;
            }
            String[] days = DemoTexts.days(lang);
            ZonedDateTime soon = at.plusDays(1 + r.nextInt(12));
            while (soon.getDayOfWeek().getValue() > 5) {
                soon = soon.plusDays(1);
            }
            // With a date, the weekday named is that date's.
            String day = template.contains("{date}") ? days[soon.getDayOfWeek().getValue() - 1] : days[r.nextInt(5)]; //$NON-NLS-1$
            int hour = 10 + r.nextInt(8);
            boolean half = r.nextBoolean();
            String h = switch (lang) {
            case "fr" -> hour + (half ? "h30" : "h"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            case "nl" -> hour + (half ? "u30" : "u"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            case "en" -> (hour > 12 ? hour - 12 : hour) + (half ? ":30" : "") + (hour >= 12 ? "pm" : "am"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
            default -> hour + (half ? ":30" : ":00"); //$NON-NLS-1$ //$NON-NLS-2$
            };
            return template.replace("{name}", pseudo.replaceAll("[._].*$", "")) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                    .replace("{w2}", otherWorker.displayName()) //$NON-NLS-1$
                    .replace("{w}", worker.displayName()) //$NON-NLS-1$
                    .replace("{svcphone}", SVC_PHONE) //$NON-NLS-1$
                    .replace("{svc}", SERVICE) //$NON-NLS-1$
                    .replace("{day}", day) //$NON-NLS-1$
                    .replace("{hour}", h) //$NON-NLS-1$
                    .replace("{date}", soon.format(DateTimeFormatter.ofPattern("dd/MM"))) //$NON-NLS-1$ //$NON-NLS-2$
                    .replace("{addr2}", STREETS[r.nextInt(STREETS.length)] + ' ' + (1 + r.nextInt(180)) + ", " //$NON-NLS-1$ //$NON-NLS-2$
                            + CITIES[r.nextInt(CITIES.length)])
                    .replace("{addr}", SVC_ADDR) //$NON-NLS-1$
                    .replace("{phone}", randomPhone()); //$NON-NLS-1$
        }

        private String randomPhone() {
            int a = 60 + r.nextInt(40);
            int b = r.nextInt(100);
            int c = r.nextInt(100);
            int d = r.nextInt(100);
            return switch (r.nextInt(3)) {
            case 0 -> String.format(Locale.ROOT, "04%02d %02d %02d %02d", a, b, c, d); //$NON-NLS-1$
            case 1 -> String.format(Locale.ROOT, "+32 4%02d %02d %02d %02d", a, b, c, d); //$NON-NLS-1$
            default -> String.format(Locale.ROOT, "06 %02d %02d %02d %02d", a, b, c, d); //$NON-NLS-1$
            };
        }

        /** People type fast on phones: lower case, no accents, typos, stretched letters, emoji. */
        private String noisy(String text) {
            String t = text;
            if (r.nextDouble() < 0.35 && !lang.equals("en") && !lang.equals("nl")) { //$NON-NLS-1$ //$NON-NLS-2$
                t = stripAccents(t);
            }
            if (r.nextDouble() < 0.4) {
                t = t.toLowerCase(Locale.ROOT);
            }
            if (r.nextDouble() < 0.12 && t.length() > 8) {
                int i = 1 + r.nextInt(t.length() - 3);
                if (Character.isLetter(t.charAt(i)) && Character.isLetter(t.charAt(i + 1))) {
                    t = t.substring(0, i) + t.charAt(i + 1) + t.charAt(i) + t.substring(i + 2);
                }
            }
            if (r.nextDouble() < 0.06) {
                t = t.replaceFirst("([aeiou])(\\s|$)", "$1$1$1$2"); //$NON-NLS-1$ //$NON-NLS-2$
            }
            if (r.nextDouble() < 0.2) {
                t = t + ' ' + EMOJI[r.nextInt(EMOJI.length)];
            }
            return t;
        }
    }

    static String stripAccents(String s) {
        String d = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder b = new StringBuilder(d.length());
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (Character.getType(c) != Character.NON_SPACING_MARK) {
                b.append(c);
            }
        }
        return Normalizer.normalize(b, Normalizer.Form.NFC);
    }

    /** A short unique token per index (bijective for indexes below 36^6). */
    static String token(long index) {
        long n = Math.floorMod(index * 7919L + 1013L, 2_176_782_336L); // 36^6
        String s = Long.toString(n, 36);
        return "000000".substring(s.length()) + s; //$NON-NLS-1$
    }

    /** A unique Belgian-looking mobile number per index (bijective below 10^8). */
    static String phone(long index) {
        long n = Math.floorMod((index % 100_000_000L) * 54_435_761L + 12_345_678L, 100_000_000L);
        String d = String.format(Locale.ROOT, "%08d", n); //$NON-NLS-1$
        return "+32 4" + d.substring(0, 2) + ' ' + d.substring(2, 4) + ' ' + d.substring(4, 6) + ' ' //$NON-NLS-1$
                + d.substring(6, 8);
    }
}
