package maraude.imports;

import java.util.List;

/**
 * What an import did. {@code conversations} counts the conversations the import touched,
 * {@code attachments} the attachments of added messages.
 */
public record ImportReport(int files, int conversations, long messagesAdded, long duplicatesSkipped, long attachments,
        List<ImportProblem> errors, boolean cancelled) {

    public ImportReport {
        errors = List.copyOf(errors);
    }

    /**
     * The CLI's JSON: {@code {files, conversations, messages_added, duplicates_skipped, attachments,
     * errors:[{file, line, reason}], cancelled}} (line is the byte offset when no line is known).
     */
    public String toJson() {
        StringBuilder b = new StringBuilder(256);
        b.append("{\"files\":").append(files) //$NON-NLS-1$
                .append(",\"conversations\":").append(conversations) //$NON-NLS-1$
                .append(",\"messages_added\":").append(messagesAdded) //$NON-NLS-1$
                .append(",\"duplicates_skipped\":").append(duplicatesSkipped) //$NON-NLS-1$
                .append(",\"attachments\":").append(attachments) //$NON-NLS-1$
                .append(",\"cancelled\":").append(cancelled) //$NON-NLS-1$
                .append(",\"errors\":["); //$NON-NLS-1$
        for (int i = 0; i < errors.size(); i++) {
            ImportProblem p = errors.get(i);
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
        return b.append("]}").toString(); //$NON-NLS-1$
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
