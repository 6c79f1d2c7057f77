package maraude.images;

import java.util.Objects;

import org.eclipse.osgi.util.NLS;

/**
 * What is shown instead of a picture that cannot or must not be decoded. Carries the reason and a
 * technical detail (format, dimensions, offset: never pixels or message text).
 */
public record ImagePlaceholder(Reason reason, String detail) implements DecodeResult, BlurResult, RevealResult {

    public enum Reason {
        /** No bytes at all. */
        EMPTY,
        /** No decoder recognises the bytes (or a format we refuse, e.g. CMYK JPEG). */
        UNSUPPORTED_FORMAT,
        /** Header dimensions or byte size above {@link ImageLimits}. */
        TOO_LARGE,
        /** The decoder failed on malformed data. */
        CORRUPT,
        /** The data ends before the picture does. */
        TRUNCATED,
        /** The stored bytes could not be read. */
        IO_ERROR,
        /** The worker's profile may not reveal pictures. */
        REVEAL_FORBIDDEN,
        /** A likely explicit picture is revealed only after a second confirmation. */
        CONFIRMATION_REQUIRED
    }

    public ImagePlaceholder {
        Objects.requireNonNull(reason, "reason"); //$NON-NLS-1$
        detail = detail == null ? "" : detail; //$NON-NLS-1$
    }

    /** A sentence for the worker, in the platform's language. */
    public String message() {
        String text = switch (reason) {
            case EMPTY -> Messages.Placeholder_empty;
            case UNSUPPORTED_FORMAT -> Messages.Placeholder_unsupported;
            case TOO_LARGE -> Messages.Placeholder_tooLarge;
            case CORRUPT -> Messages.Placeholder_corrupt;
            case TRUNCATED -> Messages.Placeholder_truncated;
            case IO_ERROR -> Messages.Placeholder_ioError;
            case REVEAL_FORBIDDEN -> Messages.Placeholder_revealForbidden;
            case CONFIRMATION_REQUIRED -> Messages.Placeholder_confirmationRequired;
        };
        return detail.isEmpty() ? text : NLS.bind(Messages.Placeholder_withDetail, text, detail);
    }
}
