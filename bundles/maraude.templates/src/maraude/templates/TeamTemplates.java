package maraude.templates;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveFiles;
import maraude.core.archive.FileChangedException;

/**
 * Where an archive's team templates ({@value TemplateLibrary#TEAM_FILE}) are read and written. A local
 * archive keeps them in its folder ({@code <archive>/templates.json}, a plain file, written atomically).
 * A team archive keeps them in its side files ({@link ArchiveFiles#shared}): a document of the
 * collection, encrypted at rest with the index, read by every worker's workbench and command line; a
 * copy an earlier version left in this machine's folder is read while the servers hold none and goes to
 * the servers with the first save. There a save is conditional on the version read
 * ({@link #write(List, String)}): when another worker saved meanwhile it is refused with a
 * {@link FileChangedException} and nothing is written.
 */
public final class TeamTemplates {

    /** The team's templates as read, and the version they were read at ({@code null}: none). */
    public record Snapshot(List<Template> templates, String version) {
    }

    private final Path folder;
    /** The archive's side files when the templates are shared; null: the folder. */
    private final ArchiveFiles files;

    private TeamTemplates(Path folder, ArchiveFiles files) {
        this.folder = folder;
        this.files = files;
    }

    /** The templates of a local archive's folder. */
    public static TeamTemplates of(Path archiveFolder) {
        return new TeamTemplates(archiveFolder, null);
    }

    /** The templates of an open archive: the servers' on a team archive, else its folder's. */
    public static TeamTemplates of(Archive archive) {
        ArchiveFiles f = archive.files();
        return f != null && f.shared(TemplateLibrary.TEAM_FILE) ? new TeamTemplates(archive.location(), f)
                : of(archive.location());
    }

    /** Whether they are the team's shared ones (a team archive), not a folder's. */
    public boolean shared() {
        return files != null;
    }

    /** What to name in messages: the file, or {@value TemplateLibrary#TEAM_FILE} on the team's servers. */
    public String where() {
        return files != null ? TemplateLibrary.TEAM_FILE : TemplateLibrary.teamFile(folder).toString();
    }

    /**
     * A token that changes whenever the templates are saved, by anyone ({@code null}: none): cheap
     * enough to check before each suggestion (one real-time get on a team archive).
     */
    public String version() throws IOException {
        if (files != null) {
            return files.version(TemplateLibrary.TEAM_FILE);
        }
        Path file = TemplateLibrary.teamFile(folder);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        return Files.getLastModifiedTime(file).toMillis() + "-" + Files.size(file); //$NON-NLS-1$
    }

    /** The team's templates and their version; empty when there are none. */
    public Snapshot read() throws IOException, TemplateFormatException {
        if (files == null) {
            String version = version();
            return new Snapshot(TemplateLibrary.loadTeam(folder), version);
        }
        // the version first: a save between the two makes the later write conflict, never overwrite
        String version = files.version(TemplateLibrary.TEAM_FILE);
        if (version == null) {
            return new Snapshot(List.of(), null);
        }
        try (InputStream in = files.read(TemplateLibrary.TEAM_FILE)) {
            return new Snapshot(List.copyOf(TemplateLibrary.parse(in, TemplateLibrary.TEAM_FILE)), version);
        } catch (NoSuchFileException e) {
            return new Snapshot(List.of(), null); // deleted meanwhile
        }
    }

    /** The effective library: the shipped one with the team's templates over it. */
    public TemplateLibrary library() throws IOException, TemplateFormatException {
        return TemplateLibrary.loadDefault().merge(read().templates());
    }

    /**
     * Replaces the team's templates. In a folder, atomically and unconditionally (as always); on a team
     * archive only over {@code readVersion} (the {@link Snapshot#version()} the change was made from).
     * Duplicate ids are refused before anything is written.
     *
     * @throws FileChangedException on a team archive, when another worker saved since that version
     * @throws java.nio.file.AccessDeniedException when the servers refuse this account any change
     */
    public void write(List<Template> templates, String readVersion) throws IOException {
        if (files == null) {
            TemplateLibrary.writeTeam(folder, templates);
            return;
        }
        new TemplateLibrary(templates);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TemplateLibrary.write(templates, bytes);
        try (OutputStream out = files.writeIfVersion(TemplateLibrary.TEAM_FILE, readVersion)) {
            bytes.writeTo(out);
        }
    }
}
