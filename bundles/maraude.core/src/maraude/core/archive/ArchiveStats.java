package maraude.core.archive;

/** Counts of what an archive holds at its last commit. */
public record ArchiveStats(long contacts, long conversations, long messages, long attachments) {
}
