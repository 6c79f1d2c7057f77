package maraude.core.triage;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import maraude.core.archive.ArchiveFiles;
import maraude.core.archive.ConversationSummary;
import maraude.core.classify.ConversationLanguage;
import maraude.core.classify.Intent;
import maraude.core.classify.ThreadReading;
import maraude.core.classify.UrgencyKind;

/**
 * The {@link ThreadReading} of each conversation kept on disk ({@value #FILE_NAME}, a side file:
 * encrypted on a protected archive), so that the queue and {@code backlog} do not read every waiting
 * thread again in each process. A reading is used only while its conversation's summary shows the
 * same messages (count and last instants in each direction) and the rules are the same (the
 * fingerprint of the shipped and the team's rule files); anything else is read again from the thread.
 * <p>
 * It is about people (the words an urgency matched, what a thread asks): forget, purge and retention
 * {@linkplain #erase erase it whole} (it is recomputed on demand), and a process that read the file
 * before an erasure never writes its older readings back (a write happens only while the file is
 * the one it read). A damaged or unreadable file is a cache miss, never an error.
 */
public final class ReadingCache {

    /** The side file, under the archive's {@code cache/} folder (see {@code ArchiveLayout}). */
    public static final String FILE_NAME = "cache/readings.json"; //$NON-NLS-1$
    /**
     * Format and meaning: bumped when what a reading holds or how a thread is read changes (e.g.
     * {@link maraude.core.classify.ConversationReading#MAX_WAITING}), so older files are read again.
     */
    static final int VERSION = 1;
    private static final int MAX_BYTES = 64 << 20;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** What the summary must still show for a kept reading to hold. */
    record Key(long count, Instant last, Instant lastInbound, Instant lastOutbound) {
        static Key of(ConversationSummary s) {
            return new Key(s.messageCount(), s.lastMessage(), s.lastInbound(), s.lastOutbound());
        }
    }

    /** A kept reading and the thread it was read from. */
    record Kept(Key key, ThreadReading reading) {
    }

    // ---- file format (Jackson records; instants as ISO strings)

    record FileDoc(int version, String rules, List<Entry> conversations) {
    }

    record Entry(String id, long count, String last, String lastInbound, String lastOutbound, String language,
            double confidence, String intent, String waitingSince, List<Found> urgency) {
    }

    record Found(String kind, String matched, String at) {
    }

    private final ArchiveFiles files;
    private final String rules;
    private String readVersion;
    private boolean read;

    /** @param rules the {@link maraude.core.classify.MessageClassifier#rulesFingerprint()} in use */
    public ReadingCache(ArchiveFiles files, String rules) {
        this.files = Objects.requireNonNull(files, "files"); //$NON-NLS-1$
        this.rules = Objects.requireNonNull(rules, "rules"); //$NON-NLS-1$
    }

    /**
     * The kept readings when the file changed since it was last read or written here (first call:
     * when it exists), by conversation id; null when it did not change. Readings of other rules are
     * dropped; an unreadable file gives an empty map.
     */
    synchronized Map<String, Kept> readIfChanged() {
        String v = version();
        if (read && Objects.equals(v, readVersion)) {
            return null;
        }
        read = true;
        readVersion = v;
        if (v == null) {
            return new HashMap<>();
        }
        try (InputStream in = files.read(FILE_NAME)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                return new HashMap<>();
            }
            return decode(MAPPER.readValue(bytes, FileDoc.class));
        } catch (IOException | RuntimeException e) {
            return new HashMap<>(); // damaged, or written by another version: read the threads again
        }
    }

    private Map<String, Kept> decode(FileDoc doc) {
        Map<String, Kept> out = new HashMap<>();
        if (doc == null || doc.version() != VERSION || !rules.equals(doc.rules()) || doc.conversations() == null) {
            return out;
        }
        for (Entry e : doc.conversations()) {
            List<ThreadReading.Found> urgency = new ArrayList<>();
            if (e.urgency() != null) {
                for (Found f : e.urgency()) {
                    urgency.add(new ThreadReading.Found(UrgencyKind.fromKey(f.kind()), f.matched(), instant(f.at())));
                }
            }
            ConversationLanguage.Decision lang = e.language() == null ? null
                    : new ConversationLanguage.Decision(e.language(), ConversationLanguage.Source.THREAD, e.confidence());
            out.put(e.id(), new Kept(new Key(e.count(), instant(e.last()), instant(e.lastInbound()),
                    instant(e.lastOutbound())), new ThreadReading(lang, Intent.fromKey(e.intent()), urgency,
                            instant(e.waitingSince()))));
        }
        return out;
    }

    /**
     * Writes these readings (the whole file is replaced) unless another process wrote or erased the
     * file since it was read here: then its content wins and is read at the next
     * {@link #readIfChanged()}. Failures are ignored (a cache; the next process reads the threads).
     *
     * @return whether the file was written
     */
    synchronized boolean writeIfUnchanged(Map<String, Kept> readings) {
        if (!read || !Objects.equals(version(), readVersion)) {
            return false;
        }
        List<Entry> entries = new ArrayList<>(readings.size());
        readings.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(x -> {
            Key k = x.getValue().key();
            ThreadReading r = x.getValue().reading();
            List<Found> urgency = new ArrayList<>(r.urgency().size());
            for (ThreadReading.Found f : r.urgency()) {
                urgency.add(new Found(f.kind().key(), f.matched(), iso(f.sentAt())));
            }
            entries.add(new Entry(x.getKey(), k.count(), iso(k.last()), iso(k.lastInbound()), iso(k.lastOutbound()),
                    r.language() == null ? null : r.language().language(),
                    r.language() == null ? 0 : r.language().confidence(), r.intent().key(), iso(r.lastInbound()),
                    urgency));
        });
        try {
            files.writeDerivedBytes(FILE_NAME, MAPPER.writeValueAsBytes(new FileDoc(VERSION, rules, entries)));
            readVersion = version();
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Erases every kept reading: the file is replaced by an empty one (not deleted, so that a process
     * that read it before cannot write its older readings back, see {@link #writeIfUnchanged}).
     */
    public static void erase(ArchiveFiles files) throws IOException {
        if (!files.exists(FILE_NAME)) {
            return; // nothing kept (and no folder created where there is no archive)
        }
        try {
            files.writeAllBytes(FILE_NAME, MAPPER.writeValueAsBytes(new FileDoc(VERSION, "", List.of()))); //$NON-NLS-1$
        } catch (JsonProcessingException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private String version() {
        try {
            return files.version(FILE_NAME);
        } catch (IOException e) {
            return null;
        }
    }

    private static String iso(Instant i) {
        return i == null ? null : i.toString();
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }
}
