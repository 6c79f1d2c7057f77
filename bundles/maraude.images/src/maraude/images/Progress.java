package maraude.images;

/**
 * Plain progress callback (this bundle has no Eclipse dependency, so that the CLI and benchmarks
 * run it on a bare class path); a UI wraps an {@code IProgressMonitor} in it.
 */
public interface Progress {

    Progress NONE = new Progress() {
        @Override
        public void worked(int done, int total) {
            // nothing
        }

        @Override
        public boolean isCanceled() {
            return false;
        }
    };

    void worked(int done, int total);

    boolean isCanceled();
}
