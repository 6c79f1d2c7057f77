package maraude.archive.maintenance;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.FilterMergePolicy;
import org.apache.lucene.index.MergePolicy;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.LockObtainFailedException;
import org.eclipse.osgi.util.NLS;

import maraude.archive.ArchiveSchema;
import maraude.archive.LuceneArchive;
import maraude.archive.crypto.EncryptedAttachmentStore;
import maraude.archive.storage.ArchiveStorage;
import maraude.archive.storage.AttachmentStore;
import maraude.archive.storage.FileAttachmentStore;
import maraude.core.archive.ArchiveException;
import maraude.core.archive.BlurredDerivatives;
import maraude.core.archive.ArchiveLayout;
import maraude.core.archive.QuarantineFiles;
import maraude.core.archive.RememberedIdentities;
import maraude.core.model.Direction;
import maraude.core.archive.ArchiveException.Kind;
import maraude.core.model.Platform;
import maraude.core.triage.TriageStateStore;
import maraude.core.triage.TriageStoreException;

/**
 * Retention ("nothing older than 24 months", or the team's {@link RetentionPolicy} per platform) and
 * erasure ("forget this contact"). On a closed archive (CLI) they take the archive's writer lock; on
 * an archive open for writing in this process (the workbench's) they run on the writer it holds
 * ({@link LuceneArchive#maintain}). Either way they delete documents, then
 * <b>rewrite every segment that held a deleted document</b> ({@code forceMergeDeletes} with a 0 %
 * threshold) and commit, after which Lucene deletes the old segment files: the bytes of what was
 * erased are no longer in any file of the archive. Attachments no remaining message refers to are
 * deleted too, and so are their blurred copies and scores in the blurred cache
 * ({@link BlurredDerivatives}: only the removed pictures' entries, the rest of the cache stays).
 * Whatever the file system or an SSD keeps in freed blocks is beyond the reach of any
 * program; encryption at rest covers that case.
 */
public final class Retention {

    /** What was removed: counts only. */
    public record Result(long messages, long conversations, long contacts, long attachments) {
        public static final Result NOTHING = new Result(0, 0, 0, 0);

        public Map<String, Long> counts() {
            Map<String, Long> m = new LinkedHashMap<>();
            m.put("messages", messages); //$NON-NLS-1$
            m.put("conversations", conversations); //$NON-NLS-1$
            m.put("contacts", contacts); //$NON-NLS-1$
            m.put("attachments", attachments); //$NON-NLS-1$
            return m;
        }
    }

    private Retention() {
    }

    /** Removes every message older than {@code cutoff}, then conversations and contacts left without messages. */
    public static Result purgeOlderThan(ArchiveStorage storage, Instant cutoff) {
        return purge(closed(storage), olderThan(cutoff), cutoff.toEpochMilli());
    }

    /**
     * {@link #purgeOlderThan(ArchiveStorage, Instant)} through an archive open for writing (the
     * workbench's): same erasure, on the writer it holds.
     */
    public static Result purgeOlderThan(LuceneArchive archive, Instant cutoff) {
        return purge(open(archive), olderThan(cutoff), cutoff.toEpochMilli());
    }

    /** Applies the per-platform policy on a closed archive (CLI {@code purge --retention}). */
    public static Result apply(ArchiveStorage storage, RetentionPolicy policy, Instant now, ZoneId zone) {
        Query q = policyQuery(policy, now, zone);
        return q == null ? Result.NOTHING : purge(closed(storage), q, quarantineCutoff(policy, now, zone));
    }

    /** Applies the per-platform policy through an archive open for writing (the workbench's job). */
    public static Result apply(LuceneArchive archive, RetentionPolicy policy, Instant now, ZoneId zone) {
        Query q = policyQuery(policy, now, zone);
        return q == null ? Result.NOTHING : purge(open(archive), q, quarantineCutoff(policy, now, zone));
    }

    /**
     * What {@link #apply(LuceneArchive, RetentionPolicy, Instant, ZoneId)} would remove now, without
     * removing anything (the confirmation shows it).
     */
    public static Preview preview(LuceneArchive archive, RetentionPolicy policy, Instant now, ZoneId zone) {
        Query q = policyQuery(policy, now, zone);
        if (q == null) {
            return Preview.NOTHING;
        }
        return archive.maintain((w, storage) -> {
            try (DirectoryReader r = DirectoryReader.open(w)) {
                Plan plan = plan(new IndexSearcher(r), q, null);
                return new Preview(plan.messages, plan.touchedConversations, plan.emptyConversations.size(),
                        plan.emptyContacts.size());
            }
        });
    }

    /** Counts of a {@link #preview}: messages, conversations losing messages, conversations and contacts removed whole. */
    public record Preview(long messages, long conversationsTouched, long conversations, long contacts) {
        public static final Preview NOTHING = new Preview(0, 0, 0, 0);
    }

    /** Removes the contact, its conversations, its messages and their attachments. */
    public static Result forgetContact(ArchiveStorage storage, String contactId) {
        return forget(closed(storage), contactId);
    }

    /** {@link #forgetContact(ArchiveStorage, String)} through an archive open for writing. */
    public static Result forgetContact(LuceneArchive archive, String contactId) {
        return forget(open(archive), contactId);
    }

    /**
     * What {@link #forgetContact(LuceneArchive, String)} would remove now, without removing anything
     * (the workbench's confirmation names it): the person's messages, conversations, the attachments
     * only they sent, and the team's notes about them (conversation notes and the caution note).
     */
    public static ForgetPreview previewForget(LuceneArchive archive, String contactId) {
        return archive.maintain((w, storage) -> {
            Plan plan;
            try (DirectoryReader r = DirectoryReader.open(w)) {
                Query messages = new BooleanQuery.Builder()
                        .add(new TermQuery(new Term(ArchiveSchema.CONTACT, contactId)), Occur.FILTER)
                        .add(ArchiveSchema.typeQuery(ArchiveSchema.TYPE_MESSAGE), Occur.FILTER).build();
                plan = plan(new IndexSearcher(r), messages, contactId);
            }
            long notes;
            try {
                notes = notesAbout(TriageStateStore.open(storage.files()).snapshot(), plan.emptyConversations, contactId);
            } catch (TriageStoreException e) {
                throw new IOException(e.getMessage(), e);
            }
            return new ForgetPreview(plan.messages, plan.emptyConversations.size(), plan.droppedAttachments.size(),
                    notes, !plan.emptyContacts.isEmpty());
        });
    }

    /** Counts of a {@link #previewForget}; {@code known} is false when the archive has no such contact. */
    public record ForgetPreview(long messages, long conversations, long attachments, long notes, boolean known) {
    }

    /**
     * Messages of each platform with a period, older than now minus that period; null when the
     * policy keeps everything.
     */
    static Query policyQuery(RetentionPolicy policy, Instant now, ZoneId zone) {
        Map<Platform, Instant> cutoffs = policy.cutoffs(now, zone);
        if (cutoffs.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        cutoffs.forEach((platform, cutoff) -> any.add(new BooleanQuery.Builder()
                .add(new TermQuery(new Term(ArchiveSchema.PLATFORM, platform.key())), Occur.FILTER)
                .add(LongPoint.newRangeQuery(ArchiveSchema.TIME, Long.MIN_VALUE, cutoff.toEpochMilli() - 1), Occur.FILTER)
                .build(), Occur.SHOULD));
        return new BooleanQuery.Builder().add(ArchiveSchema.typeQuery(ArchiveSchema.TYPE_MESSAGE), Occur.FILTER)
                .add(any.setMinimumNumberShouldMatch(1).build(), Occur.FILTER).build();
    }

    /**
     * Quarantined parts tell no platform: under a per-platform policy they keep for the shortest
     * period (the latest cutoff).
     */
    private static long quarantineCutoff(RetentionPolicy policy, Instant now, ZoneId zone) {
        return policy.cutoffs(now, zone).values().stream().mapToLong(Instant::toEpochMilli).max()
                .orElse(Long.MIN_VALUE);
    }

    private static Query olderThan(Instant cutoff) {
        return LongPoint.newRangeQuery(ArchiveSchema.TIME, Long.MIN_VALUE, cutoff.toEpochMilli() - 1);
    }

    private static Result purge(Target target, Query old, long quarantineCutoff) {
        Set<String> conversations = new HashSet<>();
        Set<String> contacts = new HashSet<>();
        Plan[] plan = new Plan[1];
        Result r = run(target, old, null, conversations, contacts, plan);
        // what the team noted about conversations and people that are gone goes with them
        forgetTriage(target.storage(), contacts, conversations);
        Set<String> sources = plan[0] == null ? Set.of() : plan[0].sources;
        forgetLeftovers(target.storage(), QuarantineFiles.fromSources(sources)
                .or(QuarantineFiles.quarantinedBefore(quarantineCutoff)), Set.of());
        if (r.messages() + r.conversations() + r.contacts() > 0) {
            eraseQueueSnapshot(target.storage());
        }
        AuditTrail.recordQuietly(target.storage().root(), AuditTrail.Event.PURGE, r.counts());
        return r;
    }

    private static Result forget(Target target, String contactId) {
        Query messages = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(ArchiveSchema.CONTACT, contactId)), Occur.FILTER)
                .add(ArchiveSchema.typeQuery(ArchiveSchema.TYPE_MESSAGE), Occur.FILTER).build();
        Set<String> conversations = new HashSet<>();
        Plan[] plan = new Plan[1];
        Result r = run(target, messages, contactId, conversations, new HashSet<>(), plan);
        // the team's notes, caution note and flags about the person go too (encrypted or not, the
        // file is rewritten whole without them)
        forgetTriage(target.storage(), Set.of(contactId), conversations);
        Plan p = plan[0];
        forgetLeftovers(target.storage(), QuarantineFiles.fromSources(p == null ? Set.of() : p.sources),
                p == null ? Set.of() : p.identifiers);
        eraseQueueSnapshot(target.storage());
        AuditTrail.recordQuietly(target.storage().root(), AuditTrail.Event.ERASURE, r.counts());
        return r;
    }

    /**
     * What lies outside the index and the attachment store: the quarantined parts the erasure reaches
     * ({@link QuarantineFiles#erase}: by source file, by the person's identifiers, by date), a forgotten
     * person's name or number remembered as "us" ({@link RememberedIdentities}) and the
     * folders an older restore set aside ({@code before-restore-*}: a whole former archive, plaintext
     * when it was unprotected), which no erasure could otherwise reach.
     */
    private static void forgetLeftovers(ArchiveStorage storage, java.util.function.Predicate<QuarantineFiles.Item> items,
            Set<String> identifiers) {
        try {
            QuarantineFiles.erase(storage.files(), items, identifiers);
            RememberedIdentities.forget(storage.files(), identifiers);
            // the queue's readings (what threads said) are recomputed on demand: all go, whoever they were about
            maraude.core.triage.ReadingCache.erase(storage.files());
            ArchiveLayout.deleteRestoreLeftovers(storage.root());
        } catch (IOException e) {
            throw new ArchiveException(Kind.IO, NLS.bind(Messages.Maintenance_io, storage.root(), e.getMessage()), e);
        }
    }

    /**
     * What the queue showed last (names, previews) is emptied when an erasure removed something; the
     * workbench's next queue writes it again. A purge that erased nothing keeps it, so that the daily
     * retention check does not take the next start's first screen away.
     */
    private static void eraseQueueSnapshot(ArchiveStorage storage) {
        try {
            maraude.core.triage.QueueSnapshot.erase(storage.files());
        } catch (IOException e) {
            throw new ArchiveException(Kind.IO, NLS.bind(Messages.Maintenance_io, storage.root(), e.getMessage()), e);
        }
    }

    private static void forgetTriage(ArchiveStorage storage, Set<String> contacts, Set<String> conversations) {
        if (contacts.isEmpty() && conversations.isEmpty()) {
            return;
        }
        try {
            TriageStateStore.open(storage.files()).forget(contacts, conversations);
        } catch (TriageStoreException e) {
            throw new ArchiveException(Kind.IO, NLS.bind(Messages.Maintenance_io, storage.root(), e.getMessage()), e);
        }
    }

    /** Where the erasure runs: a writer of its own on a closed archive, or the open archive's writer. */
    private interface Target {
        ArchiveStorage storage();

        /** Null when there is no index at all. */
        <T> T withWriter(LuceneArchive.WriterMaintenance<T> work);
    }

    private static Target closed(ArchiveStorage storage) {
        return new Target() {
            @Override
            public ArchiveStorage storage() {
                return storage;
            }

            @Override
            public <T> T withWriter(LuceneArchive.WriterMaintenance<T> work) {
                if (!exists(storage)) {
                    return null;
                }
                IndexWriterConfig cfg = new IndexWriterConfig(ArchiveSchema.analyzer())
                        .setMergePolicy(new RewriteDeletedSegments(new TieredMergePolicy()))
                        // Merges in this thread: a background merge already running on a segment would make
                        // forceMergeDeletes skip it, and closing without commit would abort it.
                        .setMergeScheduler(new SerialMergeScheduler())
                        .setOpenMode(IndexWriterConfig.OpenMode.APPEND).setCommitOnClose(false);
                try (IndexWriter w = new IndexWriter(storage.indexDirectory(), cfg)) {
                    return work.run(w, storage);
                } catch (LockObtainFailedException e) {
                    throw new ArchiveException(Kind.LOCKED, NLS.bind(Messages.Maintenance_inUse, storage.root()), e);
                } catch (IOException e) {
                    throw new ArchiveException(Kind.IO, NLS.bind(Messages.Maintenance_io, storage.root(), e.getMessage()), e);
                }
            }
        };
    }

    private static Target open(LuceneArchive archive) {
        return new Target() {
            @Override
            public ArchiveStorage storage() {
                return archive.storage();
            }

            @Override
            public <T> T withWriter(LuceneArchive.WriterMaintenance<T> work) {
                return archive.maintain((w, storage) -> {
                    // The archive's writer merges in the background with its own policy: for this
                    // run, forced-deletes merges rewrite every segment holding an erased document.
                    var live = w.getConfig();
                    MergePolicy before = live.getMergePolicy();
                    live.setMergePolicy(new RewriteDeletedSegments(before));
                    try {
                        return work.run(w, storage);
                    } finally {
                        live.setMergePolicy(before);
                    }
                });
            }
        };
    }

    /** What an erasure removes, computed on a reader before anything is deleted. */
    private static final class Plan {
        long messages;
        long touchedConversations;
        final Set<String> droppedAttachments = new HashSet<>();
        final Set<String> emptyConversations = new HashSet<>();
        final Set<String> emptyContacts = new HashSet<>();
        /** Source files of the erased messages (quarantined parts of these files go too). */
        final Set<String> sources = new HashSet<>();
        /** A forgotten person's names, handles and numbers (quarantined parts naming them go too). */
        final Set<String> identifiers = new HashSet<>();
    }

    private static Plan plan(IndexSearcher s, Query messagesToDelete, String forgetContact) throws IOException {
        Plan plan = new Plan();
        plan.messages = s.count(messagesToDelete);
        if (plan.messages == 0 && forgetContact == null) {
            // the daily retention run, most days: one count, no walk over every kept message
            return plan;
        }
        Set<String> dropped = new HashSet<>();
        Set<String> hitConversations = new HashSet<>();
        collect(s, messagesToDelete, dropped, hitConversations, plan.sources,
                forgetContact == null ? null : plan.identifiers);
        plan.touchedConversations = hitConversations.size();
        Query kept = new BooleanQuery.Builder().add(ArchiveSchema.typeQuery(ArchiveSchema.TYPE_MESSAGE), Occur.FILTER)
                .add(messagesToDelete, Occur.MUST_NOT).build();
        Set<String> remaining = new HashSet<>();
        Set<String> liveConversations = new HashSet<>();
        collect(s, kept, remaining, liveConversations, null, null);
        dropped.removeAll(remaining);
        plan.droppedAttachments.addAll(dropped);
        if (forgetContact == null) {
            // conversations and contacts left without any message go too
            int all = Math.max(1, s.getIndexReader().maxDoc());
            Set<String> liveContacts = new HashSet<>();
            for (ScoreDoc d : s.search(ArchiveSchema.typeQuery(ArchiveSchema.TYPE_CONVERSATION), all).scoreDocs) {
                Document doc = s.storedFields().document(d.doc);
                if (!liveConversations.contains(doc.get(ArchiveSchema.ID))) {
                    plan.emptyConversations.add(doc.get(ArchiveSchema.ID));
                } else {
                    liveContacts.add(doc.get(ArchiveSchema.CONTACT));
                }
            }
            for (ScoreDoc d : s.search(ArchiveSchema.typeQuery(ArchiveSchema.TYPE_CONTACT), all).scoreDocs) {
                String id = s.storedFields().document(d.doc).get(ArchiveSchema.ID);
                if (!liveContacts.contains(id)) {
                    plan.emptyContacts.add(id);
                }
            }
        } else {
            for (ScoreDoc d : s.search(new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(ArchiveSchema.CONTACT, forgetContact)), Occur.FILTER)
                    .add(ArchiveSchema.typeQuery(ArchiveSchema.TYPE_CONVERSATION), Occur.FILTER).build(),
                    Integer.MAX_VALUE).scoreDocs) {
                Document doc = s.storedFields().document(d.doc);
                plan.emptyConversations.add(doc.get(ArchiveSchema.ID));
                addIdentifier(plan.identifiers, doc.get(ArchiveSchema.TITLE));
            }
            for (ScoreDoc d : s.search(new TermQuery(ArchiveSchema.idTerm(forgetContact)), 10).scoreDocs) {
                Document doc = s.storedFields().document(d.doc);
                plan.emptyContacts.add(forgetContact);
                addIdentifier(plan.identifiers, doc.get(ArchiveSchema.NAME));
                addIdentifier(plan.identifiers, doc.get(ArchiveSchema.HANDLE));
            }
        }
        return plan;
    }

    /** Most rounds of forced-deletes merges before giving up (a background merge may race the first). */
    private static final int REWRITE_ROUNDS = 10;

    private static Result run(Target target, Query messagesToDelete, String forgetContact,
            Set<String> removedConversations, Set<String> removedContacts, Plan[] planOut) {
        Result result = target.withWriter((w, storage) -> {
            Plan plan;
            try (DirectoryReader r = DirectoryReader.open(w)) {
                plan = plan(new IndexSearcher(r), messagesToDelete, forgetContact);
            }
            planOut[0] = plan;
            if (plan.messages == 0 && plan.emptyConversations.isEmpty() && plan.emptyContacts.isEmpty()) {
                return Result.NOTHING;
            }
            removedConversations.addAll(plan.emptyConversations);
            removedContacts.addAll(plan.emptyContacts);
            w.deleteDocuments(messagesToDelete);
            for (String id : plan.emptyConversations) {
                w.deleteDocuments(ArchiveSchema.idTerm(id));
            }
            for (String id : plan.emptyContacts) {
                w.deleteDocuments(ArchiveSchema.idTerm(id));
            }
            // Which files imports read whole goes too (maraude.core.archive.ImportedFiles): the next
            // import reads every file again, so what is erased here comes back only if imported again.
            w.deleteDocuments(ArchiveSchema.typeQuery(ArchiveSchema.TYPE_IMPORTED_FILE));
            rewriteDeleted(w);
            w.commit();
            // the old segments' files go now (only the last commit is kept)
            w.deleteUnusedFiles();
            long atts = 0;
            for (String sha : plan.droppedAttachments) {
                if (deleteAttachment(storage.attachments(), sha)) {
                    atts++;
                }
            }
            forgetDerivatives(storage, plan.droppedAttachments);
            return new Result(plan.messages, plan.emptyConversations.size(), plan.emptyContacts.size(), atts);
        });
        return result == null ? Result.NOTHING : result;
    }

    /**
     * Rewrites every segment that holds a deleted document. A merge the writer was already running
     * in the background carries deletions made meanwhile into its new segment as deletions (the
     * erased text still inside): it is waited for and such segments are rewritten in a further
     * round (without the wait, a small open archive failed: its only segment was being merged).
     */
    private static void rewriteDeleted(IndexWriter w) throws IOException {
        int rounds = 0;
        while (true) {
            w.forceMergeDeletes(true);
            if (!hasDeletions(w)) {
                return;
            }
            if (w.hasPendingMerges() || !w.getMergingSegments().isEmpty()) {
                // The open archive's writer merges in the background: a merge it started (e.g. on
                // the flush that applied the deletions) holds a segment with erased documents, which
                // forceMergeDeletes skips and does not wait for. Wait for it, then rewrite its result.
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("erasure interrupted while a merge ran"); //$NON-NLS-1$
                }
                continue;
            }
            if (++rounds >= REWRITE_ROUNDS) {
                throw new IOException("segments with erased documents could not be rewritten"); //$NON-NLS-1$
            }
        }
    }

    private static boolean hasDeletions(IndexWriter w) throws IOException {
        try (DirectoryReader r = DirectoryReader.open(w)) {
            return r.numDeletedDocs() > 0;
        }
    }

    /**
     * {@code forceMergeDeletes} rewrites every segment holding a deleted document, each on its own.
     * (TieredMergePolicy, even with a 0 % threshold, may leave a segment with deletions as it is, its
     * erased documents still in the file and merely marked deleted.)
     */
    static final class RewriteDeletedSegments extends FilterMergePolicy {
        RewriteDeletedSegments(MergePolicy in) {
            super(in);
        }

        @Override
        public MergeSpecification findForcedDeletesMerges(SegmentInfos infos, MergeContext ctx) throws IOException {
            MergeSpecification spec = new MergeSpecification();
            for (SegmentCommitInfo info : infos) {
                if (ctx.numDeletesToMerge(info) > 0 && !ctx.getMergingSegments().contains(info)) {
                    spec.add(new OneMerge(List.of(info)));
                }
            }
            return spec.merges.isEmpty() ? null : spec;
        }
    }

    private static boolean exists(ArchiveStorage storage) {
        try {
            return storage.indexExists();
        } catch (IOException e) {
            throw new ArchiveException(Kind.IO, NLS.bind(Messages.Maintenance_io, storage.root(), e.getMessage()), e);
        }
    }

    /**
     * Attachment hashes and conversation ids of the messages matching {@code q}; their source files
     * and the authors of their inbound messages when asked (null: not wanted).
     */
    private static void collect(IndexSearcher s, Query q, Set<String> attachments, Set<String> conversations,
            Set<String> sources, Set<String> inboundAuthors) throws IOException {
        Set<String> fields = Set.of(ArchiveSchema.ATTACHMENT, ArchiveSchema.CONVERSATION, ArchiveSchema.SOURCE_FILE,
                ArchiveSchema.AUTHOR, ArchiveSchema.DIRECTION);
        for (ScoreDoc d : s.search(q, Math.max(1, s.getIndexReader().maxDoc())).scoreDocs) {
            Document doc = s.storedFields().document(d.doc, fields);
            conversations.add(doc.get(ArchiveSchema.CONVERSATION));
            if (sources != null && doc.get(ArchiveSchema.SOURCE_FILE) != null) {
                sources.add(doc.get(ArchiveSchema.SOURCE_FILE));
            }
            IndexableField dir = doc.getField(ArchiveSchema.DIRECTION);
            if (inboundAuthors != null && dir != null && dir.numericValue() != null
                    && dir.numericValue().intValue() == Direction.INBOUND.ordinal()) {
                addIdentifier(inboundAuthors, doc.get(ArchiveSchema.AUTHOR));
            }
            for (IndexableField f : doc.getFields(ArchiveSchema.ATTACHMENT)) {
                String v = f.stringValue();
                int bar = v.indexOf('|');
                attachments.add(bar < 0 ? v : v.substring(0, bar));
            }
        }
    }

    /**
     * Deletes the blurred copies and scores of the removed pictures from the blurred cache. When the
     * cache's naming secret cannot be read (damaged), the removed pictures' entries cannot be told
     * apart: the whole cache goes (it is recomputed on demand), never a copy of an erased picture kept.
     */
    private static void forgetDerivatives(ArchiveStorage storage, Set<String> sha256s) throws IOException {
        if (sha256s.isEmpty()) {
            return;
        }
        forgetRevealLines(storage.root(), sha256s);
        try {
            BlurredDerivatives.forget(storage.files(), sha256s);
        } catch (IOException unreadableSecret) {
            BlurredDerivatives.clear(storage.files());
        }
    }

    /** The pictures' audit trail written by the workbench: {@code instant TAB kind TAB sha256} per line. */
    static final String PICTURE_AUDIT = "audit/images.log"; //$NON-NLS-1$
    /** What an erased picture's hash becomes in {@link #PICTURE_AUDIT}: the line (when, what) stays. */
    static final String ERASED_PICTURE = "erased"; //$NON-NLS-1$

    /**
     * Replaces the hashes of the erased pictures in the pictures' audit trail by {@value #ERASED_PICTURE}:
     * a known picture's SHA-256 must not tell that it was in the archive once it is gone, while the
     * trail keeps that a reveal happened and when. The file is replaced atomically (owner only).
     */
    static void forgetRevealLines(Path root, Set<String> sha256s) throws IOException {
        Path log = root.resolve(PICTURE_AUDIT);
        if (sha256s.isEmpty() || !Files.isRegularFile(log)) {
            return;
        }
        List<String> lines = Files.readAllLines(log, java.nio.charset.StandardCharsets.US_ASCII);
        StringBuilder out = new StringBuilder();
        boolean changed = false;
        for (String line : lines) {
            int tab = line.lastIndexOf('\t');
            if (tab >= 0 && sha256s.contains(line.substring(tab + 1))) {
                line = line.substring(0, tab + 1) + ERASED_PICTURE;
                changed = true;
            }
            out.append(line).append('\n');
        }
        if (!changed) {
            return;
        }
        Path tmp = log.resolveSibling(log.getFileName() + "." + System.nanoTime() + ".tmp"); //$NON-NLS-1$ //$NON-NLS-2$
        Files.writeString(tmp, out, java.nio.charset.StandardCharsets.US_ASCII);
        ArchiveLayout.restrict(tmp);
        Files.move(tmp, log, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void addIdentifier(Set<String> into, String value) {
        if (value != null && !value.isBlank()) {
            into.add(value);
        }
    }

    private static boolean deleteAttachment(AttachmentStore store, String sha) throws IOException {
        if (store instanceof EncryptedAttachmentStore e) {
            return e.delete(sha);
        }
        if (store instanceof FileAttachmentStore f) {
            return Files.deleteIfExists(f.pathOf(sha));
        }
        return false;
    }

    /** The team's notes about one person: her conversations' notes and the contact's caution note. */
    static long notesAbout(maraude.core.triage.TriageState triage, java.util.Collection<String> conversations,
            String contactId) {
        long notes = 0;
        for (String conversation : conversations) {
            var state = triage.conversation(conversation);
            notes += state == null ? 0 : state.notes().size();
        }
        var flags = triage.contact(contactId);
        if (flags != null && flags.cautionNote() != null && !flags.cautionNote().isBlank()) {
            notes++;
        }
        return notes;
    }
}
