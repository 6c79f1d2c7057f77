package maraude.ui.conversation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.e4.core.di.annotations.Creatable;

import maraude.templates.DefaultTemplateService;
import maraude.templates.TemplateLibrary;
import maraude.templates.TemplateService;

/**
 * The templates of the open archive for the workbench: the DS {@link TemplateService} (the shipped
 * library), or, when the archive has a team file, a service over the merged library, kept while that
 * file does not change. One per workbench (e4 makes it on first injection). Called from jobs: the
 * suggester loads profiles and an index.
 */
@Creatable
@Singleton
public final class TemplateServices {

    /** The service of an archive's effective library, or the shipped one with the reason the team file was refused. */
    public record Loaded(TemplateService service, String error) {
    }

    /** Per archive folder and team file version: the suggester is costly to build. */
    private record Key(Path folder, FileTime modified, long size) {
    }

    private final TemplateService shipped;
    private Key cachedKey;
    private DefaultTemplateService cached;

    @Inject
    public TemplateServices(TemplateService shipped) {
        this.shipped = shipped;
    }

    /**
     * The templates of an archive: the shipped library merged with the team's
     * {@code <archive>/templates.json} ({@link TemplateLibrary#forArchive}). Rebuilt when that file changes.
     */
    public synchronized Loaded forArchive(Path archiveFolder) {
        Path file = TemplateLibrary.teamFile(archiveFolder);
        if (!Files.isRegularFile(file)) {
            return new Loaded(shipped, null);
        }
        try {
            Key key = new Key(archiveFolder, Files.getLastModifiedTime(file), Files.size(file));
            if (!Objects.equals(key, cachedKey)) {
                DefaultTemplateService fresh = new DefaultTemplateService(TemplateLibrary.forArchive(archiveFolder));
                close();
                cached = fresh;
                cachedKey = key;
            }
            return new Loaded(cached, null);
        } catch (Exception e) {
            return new Loaded(shipped, TemplateLibrary.TEAM_FILE + ": " + e.getMessage()); //$NON-NLS-1$
        }
    }

    /** The team library's suggester goes with the workbench. */
    @PreDestroy
    synchronized void close() {
        if (cached != null) {
            cached.deactivate();
            cached = null;
            cachedKey = null;
        }
    }
}
