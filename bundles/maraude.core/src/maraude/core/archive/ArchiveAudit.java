package maraude.core.archive;

/**
 * What an archive may also offer ({@code archive instanceof ArchiveAudit}): it keeps its audit trail
 * itself, shared by everyone who opens it (a team archive keeps it on the servers). An archive without
 * it has the trail in a file of its folder.
 */
public interface ArchiveAudit {

    /** The audit trail kept with this archive; the acting user is the one who opened it. */
    AuditLog audit();
}
