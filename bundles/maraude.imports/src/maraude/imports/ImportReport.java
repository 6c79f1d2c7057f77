package maraude.imports;

import java.util.List;
import java.util.Set;

/**
 * What an import did. {@code conversations} counts the conversations the import touched,
 * {@code attachments} the attachments of added messages. {@code errors} holds every problem, in
 * the order met; {@link #warnings()} are those that leave the file imported (a missing attachment,
 * a line kept in quarantine, a message cut), {@link #failures()} the others (a file that could not
 * be read or recognised). The CLI's exit code follows failures only. {@code unchangedFiles} counts
 * the files (among {@code files}) the archive had read whole already, skipped without parsing; the
 * messages they gave then are counted in {@code duplicatesSkipped}, as found already there.
 */
public record ImportReport(int files, int conversations, long messagesAdded, long duplicatesSkipped, long attachments,
        List<ImportProblem> errors, boolean cancelled, int unchangedFiles) {

    /**
     * Problems after which the file's messages are in the archive and what could not be taken as is
     * was kept (quarantine, an attachment holding a cut message's whole text) or only named.
     */
    public static final Set<String> WARNING_CODES = Set.of("missing-attachment", "text-before-first-message", //$NON-NLS-1$ //$NON-NLS-2$
            "message-too-long", "line-too-long", "invalid-encoding", "bad-date", "no-date", "bad-record"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$

    /** A report of an import that found no file recorded as read already. */
    public ImportReport(int files, int conversations, long messagesAdded, long duplicatesSkipped, long attachments,
            List<ImportProblem> errors, boolean cancelled) {
        this(files, conversations, messagesAdded, duplicatesSkipped, attachments, errors, cancelled, 0);
    }

    public ImportReport {
        errors = List.copyOf(errors);
    }

    public static boolean isWarning(ImportProblem p) {
        return WARNING_CODES.contains(p.code());
    }

    /** Problems that did not keep the file from being imported. */
    public List<ImportProblem> warnings() {
        return errors.stream().filter(ImportReport::isWarning).toList();
    }

    /** Problems that did: a file unreadable, not recognised, refused by a limit; the archive failing. */
    public List<ImportProblem> failures() {
        return errors.stream().filter(p -> !isWarning(p)).toList();
    }

    /**
     * Whether the import failed as a whole: something failed and no message was read from the inputs
     * (neither added nor found already there). A re-import of the same exports thus ends as the first
     * import did: warnings alone, or a file that was read before, never make it fail.
     */
    public boolean failed() {
        return messagesAdded == 0 && duplicatesSkipped == 0 && unchangedFiles == 0 && !failures().isEmpty();
    }

    /**
     * The CLI's JSON: {@code {files, unchanged_files, conversations, messages_added, duplicates_skipped,
     * attachments, cancelled, errors:[{file, line, code, reason}], warnings:[{file, line, code, reason}]}} (line is
     * the byte offset when no line is known).
     */
    public String toJson() {
        StringBuilder b = new StringBuilder(256);
        b.append("{\"files\":").append(files) //$NON-NLS-1$
                .append(",\"unchanged_files\":").append(unchangedFiles) //$NON-NLS-1$
                .append(",\"conversations\":").append(conversations) //$NON-NLS-1$
                .append(",\"messages_added\":").append(messagesAdded) //$NON-NLS-1$
                .append(",\"duplicates_skipped\":").append(duplicatesSkipped) //$NON-NLS-1$
                .append(",\"attachments\":").append(attachments) //$NON-NLS-1$
                .append(",\"cancelled\":").append(cancelled) //$NON-NLS-1$
                .append(",\"errors\":"); //$NON-NLS-1$
        problems(b, failures());
        b.append(",\"warnings\":"); //$NON-NLS-1$
        problems(b, warnings());
        return b.append('}').toString();
    }

    private static void problems(StringBuilder b, List<ImportProblem> list) {
        b.append('[');
        for (int i = 0; i < list.size(); i++) {
            ImportProblem p = list.get(i);
            if (i > 0) {
                b.append(',');
            }
            b.append("{\"file\":"); //$NON-NLS-1$
            quote(b, p.file());
            b.append(",\"line\":").append(p.line() > 0 ? p.line() : Math.max(p.offset(), 0)); //$NON-NLS-1$
            b.append(",\"code\":"); //$NON-NLS-1$
            quote(b, p.code());
            b.append(",\"reason\":"); //$NON-NLS-1$
            quote(b, p.reason());
            b.append('}');
        }
        b.append(']');
    }

    private static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
            case '"' -> b.append("\\\""); //$NON-NLS-1$
            case '\\' -> b.append("\\\\"); //$NON-NLS-1$
            case '\n' -> b.append("\\n"); //$NON-NLS-1$
            case '\r' -> b.append("\\r"); //$NON-NLS-1$
            case '\t' -> b.append("\\t"); //$NON-NLS-1$
            default -> {
                if (c < 0x20) {
                    b.append(String.format("\\u%04x", (int) c)); //$NON-NLS-1$
                } else {
                    b.append(c);
                }
            }
            }
        }
        b.append('"');
    }
}
