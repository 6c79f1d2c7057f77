package maraude.archive.maintenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
import maraude.archive.crypto.EncryptedAttachmentStore;
import maraude.archive.storage.ArchiveStorage;
import maraude.archive.storage.AttachmentStore;
import maraude.archive.storage.FileAttachmentStore;
import maraude.core.archive.ArchiveException;
import maraude.core.archive.ArchiveException.Kind;
import maraude.core.triage.TriageStateStore;
import maraude.core.triage.TriageStoreException;

/**
 * Retention ("nothing older than 24 months") and erasure ("forget this contact"). Both take the
 * archive's writer lock (the archive must not be open for writing elsewhere), delete documents, then
 * <b>rewrite every segment that held a deleted document</b> ({@code forceMergeDeletes} with a 0 %
 * threshold) and commit, after which Lucene deletes the old segment files: the bytes of what was
 * erased are no longer in any file of the archive. Attachments no remaining message refers to are
 * deleted too. Whatever the file system or an SSD keeps in freed blocks is beyond the reach of any
 * program; encryption at rest covers that case.
 */
public final class Retention {

    /** What was removed: counts only. */
    public record Result(long messages, long conversations, long contacts, long attachments) {
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
        Query old = LongPoint.newRangeQuery(ArchiveSchema.TIME, Long.MIN_VALUE, cutoff.toEpochMilli() - 1);
        Set<String> conversations = new HashSet<>();
        Set<String> contacts = new HashSet<>();
        Result r = run(storage, old, null, conversations, contacts);
        // what the team noted about conversations and people that are gone goes with them
        forgetTriage(storage, contacts, conversations);
        AuditTrail.recordQuietly(storage.root(), AuditTrail.Event.PURGE, r.counts());
        return r;
    }

    /** Removes the contact, its conversations, its messages and their attachments. */
    public static Result forgetContact(ArchiveStorage storage, String contactId) {
        Query messages = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(ArchiveSchema.CONTACT, contactId)), Occur.FILTER)
                .add(ArchiveSchema.typeQuery(ArchiveSchema.TYPE_MESSAGE), Occur.FILTER).build();
        Set<String> conversations = new HashSet<>();
        Result r = run(storage, messages, contactId, conversations, new HashSet<>());
        // the team's notes, caution note and flags about the person go too (encrypted or not, the
        // file is rewritten whole without them)
        forgetTriage(storage, Set.of(contactId), conversations);
        AuditTrail.recordQuietly(storage.root(), AuditTrail.Event.ERASURE, r.counts());
        return r;
    }

    private static void forgetTriage(ArchiveStorage storage, Set<String> contacts, Set<String> conversations) {
        try {
            TriageStateStore.open(storage.files()).forget(contacts, conversations);
        } catch (TriageStoreException e) {
            throw new ArchiveException(Kind.IO, NLS.bind(Messages.Maintenance_io, storage.root(), e.getMessage()), e);
        }
    }

    private static Result run(ArchiveStorage storage, Query messagesToDelete, String forgetContact,
            Set<String> removedConversations, Set<String> removedContacts) {
        Path root = storage.root();
        if (!exists(storage)) {
            return new Result(0, 0, 0, 0);
        }
        IndexWriterConfig cfg = new IndexWriterConfig(ArchiveSchema.analyzer()).setMergePolicy(new RewriteDeletedSegments())
                // Merges in this thread: a background merge already running on a segment would make
                // forceMergeDeletes skip it, and closing without commit would abort it.
                .setMergeScheduler(new SerialMergeScheduler())
                .setOpenMode(IndexWriterConfig.OpenMode.APPEND).setCommitOnClose(false);
        try (IndexWriter w = new IndexWriter(storage.indexDirectory(), cfg)) {
            long messages;
            Set<String> dropped = new HashSet<>();
            Set<String> remaining = new HashSet<>();
            Set<String> emptyConversations = new HashSet<>();
            Set<String> emptyContacts = new HashSet<>();
            try (DirectoryReader r = DirectoryReader.open(w)) {
                IndexSearcher s = new IndexSearcher(r);
                messages = s.count(messagesToDelete);
                Set<String> hitConversations = new HashSet<>();
                collect(s, messagesToDelete, dropped, hitConversations);
                Query kept = new BooleanQuery.Builder().add(ArchiveSchema.typeQuery(ArchiveSchema.TYPE_MESSAGE), Occur.FILTER)
                        .add(messagesToDelete, Occur.MUST_NOT).build();
                Set<String> liveConversations = new HashSet<>();
                collect(s, kept, remaining, liveConversations);
                if (forgetContact == null) {
                    // conversations and contacts left without any message go too
                    for (ScoreDoc d : s.search(ArchiveSchema.typeQuery(ArchiveSchema.TYPE_CONVERSATION), Integer.MAX_VALUE).scoreDocs) {
                        Document doc = s.storedFields().document(d.doc);
                        if (!liveConversations.contains(doc.get(ArchiveSchema.ID))) {
                            emptyConversations.add(doc.get(ArchiveSchema.ID));
                        }
                    }
                    Set<String> liveContacts = new HashSet<>();
                    for (ScoreDoc d : s.search(ArchiveSchema.typeQuery(ArchiveSchema.TYPE_CONVERSATION), Integer.MAX_VALUE).scoreDocs) {
                        Document doc = s.storedFields().document(d.doc);
                        if (!emptyConversations.contains(doc.get(ArchiveSchema.ID))) {
                            liveContacts.add(doc.get(ArchiveSchema.CONTACT));
                        }
                    }
                    for (ScoreDoc d : s.search(ArchiveSchema.typeQuery(ArchiveSchema.TYPE_CONTACT), Integer.MAX_VALUE).scoreDocs) {
                        String id = s.storedFields().document(d.doc).get(ArchiveSchema.ID);
                        if (!liveContacts.contains(id)) {
                            emptyContacts.add(id);
                        }
                    }
                } else {
                    for (ScoreDoc d : s.search(new BooleanQuery.Builder()
                            .add(new TermQuery(new Term(ArchiveSchema.CONTACT, forgetContact)), Occur.FILTER)
                            .add(ArchiveSchema.typeQuery(ArchiveSchema.TYPE_CONVERSATION), Occur.FILTER).build(),
                            Integer.MAX_VALUE).scoreDocs) {
                        emptyConversations.add(s.storedFields().document(d.doc).get(ArchiveSchema.ID));
                    }
                    if (s.count(new TermQuery(ArchiveSchema.idTerm(forgetContact))) > 0) {
                        emptyContacts.add(forgetContact);
                    }
                }
            }
            removedConversations.addAll(emptyConversations);
            removedContacts.addAll(emptyContacts);
            w.deleteDocuments(messagesToDelete);
            for (String id : emptyConversations) {
                w.deleteDocuments(ArchiveSchema.idTerm(id));
            }
            for (String id : emptyContacts) {
                w.deleteDocuments(ArchiveSchema.idTerm(id));
            }
            w.forceMergeDeletes(true);
            w.commit();
            // the old segments' files go now (only the last commit is kept)
            w.deleteUnusedFiles();
            long atts = 0;
            dropped.removeAll(remaining);
            for (String sha : dropped) {
                if (deleteAttachment(storage.attachments(), sha)) {
                    atts++;
                }
            }
            return new Result(messages, emptyConversations.size(), emptyContacts.size(), atts);
        } catch (LockObtainFailedException e) {
            throw new ArchiveException(Kind.LOCKED, NLS.bind(Messages.Maintenance_inUse, root), e);
        } catch (IOException e) {
            throw new ArchiveException(Kind.IO, NLS.bind(Messages.Maintenance_io, root, e.getMessage()), e);
        }
    }

    /**
     * {@code forceMergeDeletes} rewrites every segment holding a deleted document, each on its own.
     * (TieredMergePolicy, even with a 0 % threshold, may leave a segment with deletions as it is, its
     * erased documents still in the file and merely marked deleted.)
     */
    static final class RewriteDeletedSegments extends FilterMergePolicy {
        RewriteDeletedSegments() {
            super(new TieredMergePolicy());
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

    /** Attachment hashes and conversation ids of the messages matching {@code q}. */
    private static void collect(IndexSearcher s, Query q, Set<String> attachments, Set<String> conversations)
            throws IOException {
        Set<String> fields = Set.of(ArchiveSchema.ATTACHMENT, ArchiveSchema.CONVERSATION);
        for (ScoreDoc d : s.search(q, Math.max(1, s.getIndexReader().maxDoc())).scoreDocs) {
            Document doc = s.storedFields().document(d.doc, fields);
            conversations.add(doc.get(ArchiveSchema.CONVERSATION));
            for (IndexableField f : doc.getFields(ArchiveSchema.ATTACHMENT)) {
                String v = f.stringValue();
                int bar = v.indexOf('|');
                attachments.add(bar < 0 ? v : v.substring(0, bar));
            }
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
}
