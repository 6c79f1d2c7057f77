package maraude.sources;

import java.util.Locale;

/** Where messages come from. Keys are lower-case with underscores, as in {@code sources.json} and the CLI. */
public enum SourceKind {
    /** A folder on disk: every export dropped in it is imported once, then moved away. */
    WATCHED_FOLDER,
    /** The team's inbox on a platform, pulled over HTTP(S) through a site profile. */
    WEB_INBOX,
    /** Exports sent from a phone to the workbench over the local network (never through a cloud). */
    PHONE_DROP;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SourceKind fromKey(String key) {
        String k = key.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (SourceKind s : values()) {
            if (s.name().equals(k)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown source kind: " + key); //$NON-NLS-1$
    }
}
