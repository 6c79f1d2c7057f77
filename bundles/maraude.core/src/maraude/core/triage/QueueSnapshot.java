package maraude.core.triage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import maraude.core.archive.ArchiveFiles;
import maraude.core.classify.Urgency;

/**
 * What the queue showed last ({@value #FILE_NAME}, a side file: encrypted on a protected archive), so
 * that the workbench can draw its queue at once at the next start, while the archive itself opens in
 * the background; it is replaced by the live queue as soon as that is computed, and is never acted
 * on. Each row holds what a queue line shows (band, waiting since, what it asks, language, platform,
 * contact name, expiry, a cut preview), no more.
 * <p>
 * It is about people (names, previews): forget, purge and retention {@linkplain #erase empty it}
 * (the next queue computed writes it again), and a writer that started before an erasure never
 * writes its older queue back ({@link #writeIfUnchanged}: only over the file version it saw). A
 * damaged or unreadable file reads as an empty snapshot.
 */
public final class QueueSnapshot {

    /** The side file, under the archive's {@code cache/} folder (see {@code ArchiveLayout}). */
    public static final String FILE_NAME = "cache/queue.bin"; //$NON-NLS-1$
    /** Rows kept: more than a screen shows; the counters hold the whole queue's figures. */
    public static final int MAX_ROWS = 500;
    /** Characters of each row's preview kept (a queue line shows 120). */
    public static final int PREVIEW_CHARS = 120;
    private static final int MAX_BYTES = 4 << 20;
    private static final int MAGIC = 0x4d51_534e; // "MQSN"
    private static final int VERSION = 1;

    /** What a row asks, as the queue's "what" column says it. */
    public enum What {
        PEP, VIOLENCE, POLICE, HEALTH, DO_NOT_CONTACT, REPLY, CLOSING, OPT_OUT
    }

    /**
     * One queue line.
     *
     * @param pepHoursLeft hours left for PEP (what = PEP), else -1
     * @param closing      gathered under the "no reply needed?" line
     * @param alert        the expiry is near or past (shown in red)
     */
    public record Row(String conversationId, int band, Instant waitingSince, What what, int pepHoursLeft,
            String language, String platform, String contactName, boolean caution, Instant expiresAt, String preview,
            boolean closing, boolean alert) {
    }

    /** The whole queue's counters when the snapshot was taken. */
    public record Counts(int size, int needsReply, int urgent, int closings, int optOuts, int overdue, int expiringSoon,
            int fresh) {
    }

    private static final QueueSnapshot EMPTY = new QueueSnapshot(null, List.of(), new Counts(0, 0, 0, 0, 0, 0, 0, 0));

    private final Instant takenAt;
    private final List<Row> rows;
    private final Counts counts;

    private QueueSnapshot(Instant takenAt, List<Row> rows, Counts counts) {
        this.takenAt = takenAt;
        this.rows = List.copyOf(rows);
        this.counts = counts;
    }

    /** When the queue was computed; null for an empty snapshot. */
    public Instant takenAt() {
        return takenAt;
    }

    public List<Row> rows() {
        return rows;
    }

    public Counts counts() {
        return counts;
    }

    /** No snapshot (none written, erased, or damaged). */
    public boolean isEmpty() {
        return takenAt == null;
    }

    /** The rows of a queue (at most {@link #MAX_ROWS}, in its order) and its counters. */
    public static QueueSnapshot of(PermanenceQueue q) {
        List<Row> rows = new ArrayList<>();
        for (QueueItem i : q.items()) {
            if (rows.size() == MAX_ROWS) {
                break;
            }
            Integer pep = i.reading() == null ? null : i.reading().pepHoursLeft();
            String preview = i.summary().lastMessagePreview();
            if (preview != null && preview.length() > PREVIEW_CHARS) {
                preview = preview.substring(0, PREVIEW_CHARS);
            }
            What what = what(i);
            rows.add(new Row(i.conversationId(), i.band(), i.waitingSince(), what, pep == null ? -1 : pep,
                    i.language(), i.summary().platform().key(), i.summary().contactName(),
                    i.contact() != null && i.contact().caution(), i.expiresAt(), preview == null ? "" : preview, //$NON-NLS-1$
                    i.intent() == maraude.core.classify.Intent.CLOSING && !i.urgent(), i.expiringSoon() || i.expired()));
        }
        return new QueueSnapshot(q.now(), rows, new Counts(q.size(), q.needsReply(), q.urgent(), q.closings(),
                q.optOuts(), q.overdue(), q.expiringSoon(), q.fresh()));
    }

    private static What what(QueueItem q) {
        if (q.urgent()) {
            Urgency u = q.reading().urgency().get(0);
            return switch (u.kind()) {
            case PEP -> What.PEP;
            case VIOLENCE -> What.VIOLENCE;
            case POLICE -> What.POLICE;
            case HEALTH -> What.HEALTH;
            };
        }
        if (q.contact() != null && q.contact().doNotContact()) {
            return What.DO_NOT_CONTACT;
        }
        return switch (q.intent()) {
        case REPLY -> What.REPLY;
        case CLOSING -> What.CLOSING;
        case OPT_OUT -> What.OPT_OUT;
        };
    }

    /** The snapshot kept beside the archive; empty when there is none or it cannot be read. */
    public static QueueSnapshot read(ArchiveFiles files) {
        if (!files.exists(FILE_NAME)) {
            return EMPTY;
        }
        try (InputStream in = files.read(FILE_NAME)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                return EMPTY;
            }
            return decode(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException | RuntimeException e) {
            return EMPTY; // damaged, or of another version: nothing to show before the live queue
        }
    }

    /**
     * The token to give {@link #writeIfUnchanged} for a queue about to be computed: taken before the
     * computation, so that an erasure meanwhile makes the write a no-op.
     */
    public static String version(ArchiveFiles files) {
        try {
            return files.version(FILE_NAME);
        } catch (IOException e) {
            return "unreadable"; //$NON-NLS-1$
        }
    }

    /**
     * Replaces the file by this snapshot unless it changed since {@code version} was taken (an
     * erasure, another writer); failures are ignored (the next start shows nothing before the live
     * queue).
     *
     * @return whether the file was written
     */
    public boolean writeIfUnchanged(ArchiveFiles files, String version) {
        try {
            synchronized (QueueSnapshot.class) {
                if (!Objects.equals(files.version(FILE_NAME), version)) {
                    return false;
                }
                files.writeDerivedBytes(FILE_NAME, encode(this));
                return true;
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Empties the snapshot: an empty one is written (also where there was none), so that a writer
     * that took its version before cannot write its older queue back.
     */
    public static void erase(ArchiveFiles files) throws IOException {
        synchronized (QueueSnapshot.class) {
            files.writeAllBytes(FILE_NAME, encode(EMPTY));
        }
    }

    /*
     * The file: MAGIC, VERSION, then whether a queue follows, its instant, the counters, the number of
     * rows and each row's fields in the record's order (strings as UTF-8 with their length).
     */

    private static byte[] encode(QueueSnapshot s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + s.rows.size() * 200);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeBoolean(!s.isEmpty());
        if (!s.isEmpty()) {
            SideFileFields.instant(out, s.takenAt);
            Counts c = s.counts;
            for (int v : new int[] { c.size(), c.needsReply(), c.urgent(), c.closings(), c.optOuts(), c.overdue(),
                    c.expiringSoon(), c.fresh() }) {
                out.writeInt(v);
            }
            out.writeInt(s.rows.size());
            for (Row r : s.rows) {
                SideFileFields.nullableString(out, r.conversationId());
                out.writeInt(r.band());
                SideFileFields.instant(out, r.waitingSince());
                out.writeByte(r.what().ordinal());
                out.writeInt(r.pepHoursLeft());
                SideFileFields.nullableString(out, r.language());
                SideFileFields.nullableString(out, r.platform());
                SideFileFields.nullableString(out, r.contactName());
                out.writeBoolean(r.caution());
                SideFileFields.instant(out, r.expiresAt());
                SideFileFields.nullableString(out, r.preview());
                out.writeBoolean(r.closing());
                out.writeBoolean(r.alert());
            }
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static QueueSnapshot decode(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC || in.readInt() != VERSION || !in.readBoolean()) {
            return EMPTY;
        }
        Instant at = SideFileFields.instant(in);
        Counts c = new Counts(in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt(),
                in.readInt(), in.readInt());
        int n = in.readInt();
        if (n < 0 || n > MAX_ROWS) {
            throw new IOException("damaged"); //$NON-NLS-1$
        }
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = SideFileFields.nullableString(in);
            int band = in.readInt();
            Instant waiting = SideFileFields.instant(in);
            int what = in.readUnsignedByte();
            if (what >= What.values().length || band < 0) {
                throw new IOException("damaged"); //$NON-NLS-1$
            }
            rows.add(new Row(id, band, waiting, What.values()[what], in.readInt(), SideFileFields.nullableString(in), SideFileFields.nullableString(in), SideFileFields.nullableString(in),
                    in.readBoolean(), SideFileFields.instant(in), SideFileFields.nullableString(in), in.readBoolean(), in.readBoolean()));
        }
        if (incomplete(rows)) {
            throw new IOException("damaged"); //$NON-NLS-1$
        }
        return new QueueSnapshot(at, rows, c);
    }

    /** A row without an id or a name: the file is not one this class wrote. */
    private static boolean incomplete(List<Row> rows) {
        for (Row r : rows) {
            if (r.conversationId() == null || r.platform() == null || r.contactName() == null || r.preview() == null) {
                return true;
            }
        }
        return false;
    }
}
