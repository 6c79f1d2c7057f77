package maraude.core.model;

import java.util.Objects;

/**
 * Where a message came from: the file it was read from and the line (1-based, 0 when unknown)
 * or byte offset (-1 when unknown). Kept so that any message can be traced back to its export.
 */
public record SourceRef(String file, long line, long offset) {

    public SourceRef {
        Objects.requireNonNull(file, "file"); //$NON-NLS-1$
    }

    public static SourceRef ofLine(String file, long line) {
        return new SourceRef(file, line, -1);
    }

    public static SourceRef ofOffset(String file, long offset) {
        return new SourceRef(file, 0, offset);
    }

    /** "file:line" or "file@offset", as shown in error reports. */
    public String describe() {
        if (line > 0) {
            return file + ':' + line;
        }
        return offset >= 0 ? file + '@' + offset : file;
    }
}
