package maraude.archive.maintenance;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.store.Directory;
import org.eclipse.osgi.util.NLS;

import maraude.core.archive.ArchiveException;
import maraude.core.archive.ArchiveException.Kind;

/**
 * Reads every byte of the last commit and checks it: Lucene's per-file CRC32 footers and, on a
 * protected archive, every chunk's authentication tag. What a normal open does not read (it checks
 * only headers, footers' placement and the segments file) this finds.
 */
public final class IntegrityCheck {

    private IntegrityCheck() {
    }

    /**
     * @return number of documents in the verified commit
     * @throws ArchiveException CORRUPT with the way back (restore from a backup)
     */
    public static long verify(Directory index, Path where) {
        try (DirectoryReader r = DirectoryReader.open(index)) {
            for (LeafReaderContext leaf : r.leaves()) {
                leaf.reader().checkIntegrity();
            }
            return r.numDocs();
        } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException | EOFException
                | NoSuchFileException e) {
            throw new ArchiveException(Kind.CORRUPT, NLS.bind(Messages.Maintenance_corrupt, where, e.getMessage()), e);
        } catch (IOException e) {
            throw new ArchiveException(Kind.IO, NLS.bind(Messages.Maintenance_io, where, e.getMessage()), e);
        }
    }
}
