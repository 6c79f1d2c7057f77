package maraude.ui.conversation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

import maraude.templates.DefaultTemplateService;
import maraude.templates.TemplateLibrary;
import maraude.templates.TemplateService;

/**
 * The templates' DS service, shared with the rest of the workbench; built directly when OSGi does not
 * serve it (tests outside a framework). Called from jobs: the suggester loads profiles and an index.
 */
public final class TemplateServices {

    private static TemplateService own;

    /** The service of an archive's effective library, or the shipped one with the reason the team file was refused. */
    public record Loaded(TemplateService service, String error) {
    }

    /** Cached per archive folder and team file version: the suggester is costly to build. */
    private record Key(Path folder, FileTime modified, long size) {
    }

    private static Key cachedKey;
    private static DefaultTemplateService cached;

    private TemplateServices() {
    }

    /**
     * The templates of an archive: the shipped library merged with the team's
     * {@code <archive>/templates.json} ({@link TemplateLibrary#forArchive}). Rebuilt when that file changes.
     */
    public static synchronized Loaded forArchive(Path archiveFolder) {
        Path file = TemplateLibrary.teamFile(archiveFolder);
        if (!Files.isRegularFile(file)) {
            return new Loaded(get(), null);
        }
        try {
            Key key = new Key(archiveFolder, Files.getLastModifiedTime(file), Files.size(file));
            if (!Objects.equals(key, cachedKey)) {
                DefaultTemplateService fresh = new DefaultTemplateService(TemplateLibrary.forArchive(archiveFolder));
                if (cached != null) {
                    cached.deactivate();
                }
                cached = fresh;
                cachedKey = key;
            }
            return new Loaded(cached, null);
        } catch (Exception e) {
            return new Loaded(get(), TemplateLibrary.TEAM_FILE + ": " + e.getMessage()); //$NON-NLS-1$
        }
    }

    static synchronized TemplateService get() {
        Bundle bundle = FrameworkUtil.getBundle(TemplateServices.class);
        BundleContext bc = bundle == null ? null : bundle.getBundleContext();
        if (bc != null) {
            ServiceReference<TemplateService> ref = bc.getServiceReference(TemplateService.class);
            TemplateService s = ref == null ? null : bc.getService(ref); // held for the session
            if (s != null) {
                return s;
            }
        }
        if (own == null) {
            own = new DefaultTemplateService();
        }
        return own;
    }
}
