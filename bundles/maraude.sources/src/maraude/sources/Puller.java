package maraude.sources;

import org.eclipse.core.runtime.IProgressMonitor;

import maraude.core.archive.Archive;

/** Pulls one kind of source into an archive. Runs in a Job, the CLI or a test alike. */
public interface Puller {

    /**
     * Pulls what is new. Whatever was imported before a failure or a cancellation stays committed.
     *
     * @throws SourceException when the pull cannot go on (login refused, profile mismatch, network)
     */
    PullResult pull(Source source, Archive archive, IProgressMonitor monitor) throws SourceException;
}
