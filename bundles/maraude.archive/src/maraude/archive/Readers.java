package maraude.archive;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.eclipse.osgi.util.NLS;

import maraude.core.archive.ArchiveException;
import maraude.core.archive.ArchiveException.Kind;

/**
 * Searchers on the archive's last commit, and the mapping of Lucene failures to
 * {@link ArchiveException}s that every part of {@link LuceneArchive} shares. Readers are opened on
 * commit points, never near-real-time from the writer: reads see commits only.
 */
final class Readers {

    @FunctionalInterface
    interface SearcherFunction<T> {
        T apply(IndexSearcher s) throws IOException;
    }

    /** Null for a READ_ONLY archive on a folder without index (empty archive). */
    private final SearcherManager searchers;
    private final Path location;

    Readers(SearcherManager searchers, Path location) {
        this.searchers = searchers;
        this.location = location;
    }

    /** Whether there is an index to read (false: a READ_ONLY archive on an empty folder). */
    boolean exist() {
        return searchers != null;
    }

    /** Runs {@code f} on a searcher of the last commit, {@code whenEmpty} when there is no index. */
    <T> T with(SearcherFunction<T> f, T whenEmpty) {
        if (searchers == null) {
            return whenEmpty;
        }
        IndexSearcher s;
        try {
            s = searchers.acquire();
        } catch (IOException e) {
            throw failure(e);
        }
        try {
            return f.apply(s);
        } catch (IOException e) {
            throw failure(e);
        } finally {
            try {
                searchers.release(s);
            } catch (IOException e) {
                // releasing a reader cannot lose data
            }
        }
    }

    IndexSearcher acquire() throws IOException {
        return searchers.acquire();
    }

    void release(IndexSearcher s) throws IOException {
        searchers.release(s);
    }

    /** Moves to the newest commit. */
    void refresh() throws IOException {
        if (searchers != null) {
            searchers.maybeRefreshBlocking();
        }
    }

    /** Generation of the commit readers see now. */
    long commitGeneration() throws IOException {
        IndexSearcher s = searchers.acquire();
        try {
            return ((DirectoryReader) s.getIndexReader()).getIndexCommit().getGeneration();
        } finally {
            searchers.release(s);
        }
    }

    void close() throws IOException {
        if (searchers != null) {
            searchers.close();
        }
    }

    ArchiveException failure(IOException e) {
        if (e instanceof CorruptIndexException) {
            return new ArchiveException(Kind.CORRUPT, NLS.bind(Messages.Archive_corrupt, location, e.getMessage()), e);
        }
        return new ArchiveException(Kind.IO, NLS.bind(Messages.Archive_io, location, e.getMessage()), e);
    }
}
