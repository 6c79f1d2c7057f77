package maraude.archive.maintenance;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.Bits;

import maraude.archive.ArchiveSchema;
import maraude.archive.storage.AttachmentStore;

/**
 * Checks every attachment file against its content address: each stored file is read whole (on a
 * protected archive every chunk is authenticated) and its SHA-256 compared with its name; each
 * attachment the last commit refers to must be there. Reports name files by their store names and
 * hashes only (never a file name given by an export, which may hold a person's name).
 */
public final class AttachmentCheck {

    /** One damaged or missing attachment: {@code file} is the store's relative name, or the SHA-256 when missing. */
    public record Problem(String kind, String file, String reason) {
        public static final String DAMAGED = "damaged"; //$NON-NLS-1$
        public static final String MISSING = "missing"; //$NON-NLS-1$
    }

    /** How many stored files were read, and what is wrong. */
    public record Report(long checked, List<Problem> problems) {
        public boolean intact() {
            return problems.isEmpty();
        }
    }

    private AttachmentCheck() {
    }

    /**
     * @param index the last commit's index (null or without commit: only the stored files are checked)
     */
    public static Report check(Directory index, AttachmentStore store) throws IOException {
        List<Problem> problems = new ArrayList<>();
        long checked = 0;
        for (String f : store.storedFiles()) {
            String reason;
            try {
                reason = store.damage(f);
            } catch (NoSuchFileException e) {
                continue; // erased meanwhile
            }
            checked++;
            if (reason != null) {
                problems.add(new Problem(Problem.DAMAGED, f, reason));
            }
        }
        for (String sha : referenced(index)) {
            boolean there;
            try {
                there = store.contains(sha);
            } catch (IllegalArgumentException e) {
                there = false;
            }
            if (!there) {
                problems.add(new Problem(Problem.MISSING, sha, "referenced by a message, not in the store")); //$NON-NLS-1$
            }
        }
        return new Report(checked, List.copyOf(problems));
    }

    /** The SHA-256 of every attachment the live messages of the last commit carry. */
    static Set<String> referenced(Directory index) throws IOException {
        Set<String> out = new TreeSet<>();
        if (index == null || !DirectoryReader.indexExists(index)) {
            return out;
        }
        Set<String> fields = Set.of(ArchiveSchema.ATTACHMENT);
        try (DirectoryReader r = DirectoryReader.open(index)) {
            for (LeafReaderContext ctx : r.leaves()) {
                LeafReader leaf = ctx.reader();
                Bits live = leaf.getLiveDocs();
                StoredFields sf = leaf.storedFields();
                for (int d = 0; d < leaf.maxDoc(); d++) {
                    if (live != null && !live.get(d)) {
                        continue;
                    }
                    for (IndexableField f : sf.document(d, fields).getFields(ArchiveSchema.ATTACHMENT)) {
                        String v = f.stringValue();
                        if (v != null) {
                            int bar = v.indexOf('|');
                            out.add(bar < 0 ? v : v.substring(0, bar));
                        }
                    }
                }
            }
        }
        return out;
    }
}
