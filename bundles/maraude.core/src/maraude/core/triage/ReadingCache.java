package maraude.core.triage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
    public static final String FILE_NAME = "cache/readings.bin"; //$NON-NLS-1$
    /**
     * Format and meaning: bumped when what a reading holds or how a thread is read changes (e.g.
     * {@link maraude.core.classify.ConversationReading#MAX_WAITING}), so older files are read again.
     */
    static final int VERSION = 1;
    private static final int MAX_BYTES = 64 << 20;
    private static final int MAGIC = 0x4d52_4447; // "MRDG"

    /** What the summary must still show for a kept reading to hold. */
    record Key(long count, Instant last, Instant lastInbound, Instant lastOutbound) {
        static Key of(ConversationSummary s) {
            return new Key(s.messageCount(), s.lastMessage(), s.lastInbound(), s.lastOutbound());
        }
    }

    /** A kept reading and the thread it was read from. */
    record Kept(Key key, ThreadReading reading) {
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
            return decode(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException | RuntimeException e) {
            return new HashMap<>(); // damaged, or written by another version: read the threads again
        }
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
        try {
            files.writeDerivedBytes(FILE_NAME, encode(rules, readings));
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
        files.writeAllBytes(FILE_NAME, encode("", Map.of())); //$NON-NLS-1$
    }

    private String version() {
        try {
            return files.version(FILE_NAME);
        } catch (IOException e) {
            return null;
        }
    }

    /*
     * The file: MAGIC, VERSION, the rules' fingerprint, the number of entries, then per conversation its
     * id, the key (count and three instants), the thread's language (or none) and confidence, the
     * intent, the newest waiting message's time and the urgencies (kind, matched words, message time).
     * Binary rather than JSON: a new process reads it first thing, and binding a thousand JSON records
     * (instants parsed from text) cost a tenth of a second of a one-second command.
     */

    private Map<String, Kept> decode(DataInputStream in) throws IOException {
        Map<String, Kept> out = new HashMap<>();
        if (in.readInt() != MAGIC || in.readInt() != VERSION || !rules.equals(SideFileFields.string(in))) {
            return out;
        }
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String id = SideFileFields.string(in);
            Key key = new Key(in.readLong(), SideFileFields.instant(in), SideFileFields.instant(in), SideFileFields.instant(in));
            String language = in.readBoolean() ? SideFileFields.string(in) : null;
            double confidence = in.readDouble();
            Intent intent = Intent.values()[in.readUnsignedByte()];
            Instant waitingSince = SideFileFields.instant(in);
            int u = in.readInt();
            List<ThreadReading.Found> urgency = new ArrayList<>(Math.min(Math.max(u, 0), 64));
            for (int j = 0; j < u; j++) {
                urgency.add(new ThreadReading.Found(UrgencyKind.values()[in.readUnsignedByte()], SideFileFields.string(in),
                        SideFileFields.instant(in)));
            }
            ConversationLanguage.Decision lang = language == null ? null
                    : new ConversationLanguage.Decision(language, ConversationLanguage.Source.THREAD, confidence);
            out.put(id, new Kept(key, new ThreadReading(lang, intent, urgency, waitingSince)));
        }
        return out;
    }

    private static byte[] encode(String rules, Map<String, Kept> readings) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + readings.size() * 160);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        SideFileFields.string(out, rules);
        out.writeInt(readings.size());
        for (Map.Entry<String, Kept> x : readings.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            Key k = x.getValue().key();
            ThreadReading r = x.getValue().reading();
            SideFileFields.string(out, x.getKey());
            out.writeLong(k.count());
            SideFileFields.instant(out, k.last());
            SideFileFields.instant(out, k.lastInbound());
            SideFileFields.instant(out, k.lastOutbound());
            out.writeBoolean(r.language() != null);
            if (r.language() != null) {
                SideFileFields.string(out, r.language().language());
            }
            out.writeDouble(r.language() == null ? 0 : r.language().confidence());
            out.writeByte(r.intent().ordinal());
            SideFileFields.instant(out, r.lastInbound());
            out.writeInt(r.urgency().size());
            for (ThreadReading.Found f : r.urgency()) {
                out.writeByte(f.kind().ordinal());
                SideFileFields.string(out, f.matched());
                SideFileFields.instant(out, f.sentAt());
            }
        }
        out.flush();
        return bytes.toByteArray();
    }
}
