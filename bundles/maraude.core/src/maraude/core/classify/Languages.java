package maraude.core.classify;

import java.util.List;

/** The six languages the service writes in; the classifier never answers anything else. */
public final class Languages {

    public static final List<String> SUPPORTED = List.of("fr", "nl", "en", "es", "pt", "ro"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
    /** Brussels and Wallonia teams work in French first. */
    public static final String DEFAULT = "fr"; //$NON-NLS-1$

    private Languages() {
    }

    public static boolean isSupported(String code) {
        return code != null && SUPPORTED.contains(code);
    }
}
