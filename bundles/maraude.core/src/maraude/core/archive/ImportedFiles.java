package maraude.core.archive;

/**
 * What an archive may also offer ({@code archive instanceof ImportedFiles}): it remembers which source
 * files an import read whole, by a key the importer derives from the file's bytes and from what
 * shaped their reading (format, options), never from the file's name or path. A re-import then skips
 * an unchanged file without parsing it. An archive without it has every file read again, which stable
 * ids make correct, only slower.
 * <p>
 * Rules an implementation keeps:
 * <ul>
 * <li>a key recorded by {@link #markImported} is part of the next commit, with the messages pending
 * then: a killed import leaves a file's last messages and its key both, or neither;</li>
 * <li>{@link #importedMessages} answers from the last commit only, like every read of the archive;</li>
 * <li>an erasure (purge, forget, retention) drops every key in the same commit as the messages it
 * removes: the next import reads every file again, so a message erased and then imported again is
 * back, as it would be without this record;</li>
 * <li>keys are kept where the messages are (the index), protected like them, never in a clear side
 * file.</li>
 * </ul>
 */
public interface ImportedFiles {

    /**
     * The number of messages the file gave when {@code key} (64 hex digits) was recorded, as of the
     * last commit; -1 when it is not recorded. A re-import reports them as found already there.
     */
    long importedMessages(String key);

    /**
     * Records {@code key} and the number of messages the file gave with the writes pending now: it
     * takes effect at the next commit.
     */
    void markImported(String key, long messages);
}
