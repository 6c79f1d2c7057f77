package maraude.images;

import java.nio.file.Path;
import java.time.Clock;

import org.osgi.service.component.annotations.Component;

/**
 * The bundle's OSGi service (a DS component): builds an {@link ImageService}
 * for an opened archive, whose folder and attachment store only the caller knows. Plain
 * construction works too (tests, CLI).
 */
@Component(service = ImageServices.class)
public class ImageServices {

    private volatile ImageLimits limits = ImageLimits.DEFAULT;

    /** @param cacheDir where blurred derivatives live, e.g. {@code archive.location().resolve("blurred")} */
    public ImageService create(Path cacheDir, AttachmentSource source, AuditSink audit, RevealPolicy policy) {
        return new ImageService(cacheDir, source, audit, policy, limits, Clock.systemUTC());
    }

    /** An image service whose blurred cache is kept (encrypted when protected) in the archive's side files. */
    public ImageService create(maraude.core.archive.ArchiveFiles files, AttachmentSource source, AuditSink audit,
            RevealPolicy policy) {
        return new ImageService(files, ImageService.ARCHIVE_CACHE_FOLDER, source, audit, policy, limits,
                Clock.systemUTC());
    }

    public ImageLimits limits() {
        return limits;
    }

    public void setLimits(ImageLimits limits) {
        this.limits = limits;
    }
}
