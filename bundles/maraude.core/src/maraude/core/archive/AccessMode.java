package maraude.core.archive;

/** How an archive is opened. */
public enum AccessMode {
    /** Takes the single-writer lock. */
    READ_WRITE,
    /** Sees the last commit; takes no lock; every write throws. */
    READ_ONLY
}
