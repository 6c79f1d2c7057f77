package maraude.ui.conversation;

import java.util.Objects;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.e4.core.di.annotations.Creatable;

import maraude.core.archive.Archive;
import maraude.templates.DefaultTemplateService;
import maraude.templates.TemplateLibrary;
import maraude.templates.TemplateService;
import maraude.templates.TeamTemplates;

/**
 * The templates of the open archive for the workbench: the DS {@link TemplateService} (the shipped
 * library), or, when the archive has team templates (its folder's, or on a team archive the servers'),
 * a service over the merged library, kept while they do not change. One per workbench (e4 makes it on
 * first injection). Called from jobs: the suggester loads profiles and an index.
 */
@Creatable
@Singleton
public final class TemplateServices {

    /** The service of an archive's effective library, or the shipped one with the reason the team file was refused. */
    public record Loaded(TemplateService service, String error) {
    }

    /** Per archive folder and team templates' version: the suggester is costly to build. */
    private record Key(java.nio.file.Path folder, boolean shared, String version) {
    }

    private final TemplateService shipped;
    private Key cachedKey;
    private DefaultTemplateService cached;

    @Inject
    public TemplateServices(TemplateService shipped) {
        this.shipped = shipped;
    }

    /**
     * The templates of an open archive ({@link TeamTemplates#of(Archive)}): on a team archive the team's,
     * from the servers. Their version is checked at each call (one real-time get), so another worker's
     * save is in the next suggestion, without a restart.
     */
    public synchronized Loaded forArchive(Archive archive) {
        try {
            TeamTemplates templates = TeamTemplates.of(archive);
            String version = templates.version();
            if (version == null) {
                return new Loaded(shipped, null);
            }
            Key key = new Key(archive.location(), templates.shared(), version);
            if (!Objects.equals(key, cachedKey)) {
                DefaultTemplateService fresh = new DefaultTemplateService(templates.library());
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
