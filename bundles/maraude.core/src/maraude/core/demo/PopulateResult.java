package maraude.core.demo;

/** What {@link DemoGenerator#populate} put into the archive (committed), and whether it was cancelled. */
public record PopulateResult(long contacts, long conversations, long messages, long attachments, boolean canceled) {
}
