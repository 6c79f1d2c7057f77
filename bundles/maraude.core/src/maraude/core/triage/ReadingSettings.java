package maraude.core.triage;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

import maraude.core.archive.ArchiveFiles;
import maraude.core.archive.PlainArchiveFiles;
import maraude.core.classify.ClassifierRules;
import maraude.core.classify.Languages;
import maraude.core.classify.MessageClassifier;

/**
 * How the queue reads messages, from the team's settings ({@code team.properties} beside the archive):
 * {@value #LANGUAGE_KEY}{@code =nl} is the team's default language (French when absent),
 * {@value #AUTO_CLOSE_KEY}{@code =N} closes threads that only thank or acknowledge after N hours (never
 * when absent). A team's own rule lines live in {@code classify/<lang>.txt} beside the archive (see
 * {@link ClassifierRules#load}). Values that are not understood are ignored, so that a typo never
 * stops the queue: the defaults apply.
 *
 * @param teamLanguage   null: French
 * @param autoCloseAfter null: closings stay until a worker confirms them
 */
public record ReadingSettings(String teamLanguage, Duration autoCloseAfter, MessageClassifier classifier) {

    public static final String SETTINGS_FILE = "team.properties"; //$NON-NLS-1$
    public static final String LANGUAGE_KEY = "language"; //$NON-NLS-1$
    public static final String AUTO_CLOSE_KEY = "closings_auto_close_hours"; //$NON-NLS-1$
    public static final String RULES_FOLDER = "classify"; //$NON-NLS-1$
    private static final int MAX_SETTINGS = 256 * 1024;

    public ReadingSettings {
        teamLanguage = Languages.isSupported(teamLanguage) ? teamLanguage : null;
        if (autoCloseAfter != null && (autoCloseAfter.isNegative() || autoCloseAfter.isZero())) {
            autoCloseAfter = null;
        }
        classifier = classifier == null ? MessageClassifier.shared() : classifier;
    }

    public static ReadingSettings defaults() {
        return new ReadingSettings(null, null, null);
    }

    /** From the key/value pairs of {@code team.properties}. */
    public static ReadingSettings of(Properties p, MessageClassifier classifier) {
        String lang = p.getProperty(LANGUAGE_KEY, "").strip().toLowerCase(Locale.ROOT); //$NON-NLS-1$
        Duration auto = null;
        String h = p.getProperty(AUTO_CLOSE_KEY, "").strip(); //$NON-NLS-1$
        if (h.matches("\\d{1,5}")) { //$NON-NLS-1$
            auto = Duration.ofHours(Integer.parseInt(h));
        }
        return new ReadingSettings(lang, auto, classifier);
    }

    /**
     * Reads the settings of an archive; a missing {@code team.properties} gives the defaults. The
     * team's rule lines are read from a plain archive's {@code classify/} folder.
     *
     * @throws UncheckedIOException     when the file exists but cannot be read
     * @throws IllegalArgumentException when the team's rule files are invalid (file and line named)
     */
    public static ReadingSettings load(ArchiveFiles files) {
        Properties p = new Properties();
        try {
            if (files.exists(SETTINGS_FILE)) {
                try (InputStream in = files.read(SETTINGS_FILE)) {
                    byte[] b = in.readNBytes(MAX_SETTINGS);
                    p.load(new InputStreamReader(new java.io.ByteArrayInputStream(b), StandardCharsets.UTF_8));
                }
            }
            MessageClassifier c = null;
            if (files instanceof PlainArchiveFiles plain) {
                java.nio.file.Path folder = plain.resolve(RULES_FOLDER);
                if (java.nio.file.Files.isDirectory(folder)) {
                    c = new MessageClassifier(ClassifierRules.load(folder));
                }
            }
            return of(p, c);
        } catch (IOException e) {
            throw new UncheckedIOException(SETTINGS_FILE + ": " + e.getMessage(), e); //$NON-NLS-1$
        }
    }
}
