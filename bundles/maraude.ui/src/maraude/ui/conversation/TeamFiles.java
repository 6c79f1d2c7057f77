package maraude.ui.conversation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import maraude.core.archive.ArchiveFiles;
import maraude.core.archive.PlainArchiveFiles;
import maraude.templates.TeamSettings;

/**
 * The team's settings beside the archive ({@code <archive>/team.properties}, as the command line
 * reads them): placeholder values, and {@code images_reveal_forbidden}, a comma-separated list of
 * worker names whose profile may not reveal pictures.
 */
public final class TeamFiles {

    public static final String SETTINGS_FILE = "team.properties"; //$NON-NLS-1$
    public static final String REVEAL_FORBIDDEN = "images_reveal_forbidden"; //$NON-NLS-1$

    /** Settings read, or empty ones with the reason they could not be read. */
    public record Loaded(TeamSettings settings, String error) {
    }

    private TeamFiles() {
    }

    public static Loaded load(Path archiveFolder) {
        Path file = archiveFolder.resolve(SETTINGS_FILE);
        if (!Files.isRegularFile(file)) {
            return new Loaded(TeamSettings.empty(), null);
        }
        try {
            return new Loaded(TeamSettings.load(file), null);
        } catch (Exception e) {
            return new Loaded(TeamSettings.empty(), SETTINGS_FILE + ": " + e.getMessage()); //$NON-NLS-1$
        }
    }

    /**
     * Reads the settings from the archive's side files. On a protected archive a clear
     * {@code team.properties} (written by hand) is read once, then replaced by its encrypted copy, so
     * that the names it may hold do not stay in clear text.
     */
    public static Loaded load(ArchiveFiles files) {
        if (!files.exists(SETTINGS_FILE)) {
            return new Loaded(TeamSettings.empty(), null);
        }
        try (InputStream in = files.read(SETTINGS_FILE)) {
            return new Loaded(TeamSettings.load(in, SETTINGS_FILE), null);
        } catch (IOException e) {
            if (files.encrypted() && files instanceof PlainArchiveFiles plain) {
                Loaded clear = load(new PlainArchiveFiles(plain.root()));
                if (clear.error() == null) {
                    try {
                        files.writeAllBytes(SETTINGS_FILE, Files.readAllBytes(plain.resolve(SETTINGS_FILE)));
                    } catch (IOException notEncrypted) {
                        return new Loaded(clear.settings(), SETTINGS_FILE + ": " + notEncrypted.getMessage()); //$NON-NLS-1$
                    }
                    return clear;
                }
            }
            return new Loaded(TeamSettings.empty(), SETTINGS_FILE + ": " + e.getMessage()); //$NON-NLS-1$
        } catch (Exception e) {
            return new Loaded(TeamSettings.empty(), SETTINGS_FILE + ": " + e.getMessage()); //$NON-NLS-1$
        }
    }

    public static boolean mayReveal(TeamSettings settings, String worker) {
        String list = settings == null ? null : settings.get(REVEAL_FORBIDDEN);
        if (list == null || list.isBlank()) {
            return true;
        }
        String w = worker == null ? "" : worker.strip().toLowerCase(Locale.ROOT); //$NON-NLS-1$
        return Arrays.stream(list.split(",")).map(s -> s.strip().toLowerCase(Locale.ROOT)) //$NON-NLS-1$
                .noneMatch(s -> s.equals(w) || s.equals("*")); //$NON-NLS-1$
    }

    /**
     * The team's picture reveal rules ({@value maraude.images.PictureRules#SETTING}); the default rules
     * when the setting is absent or not understood (never weaker by mistake: the default is cautious).
     */
    public static maraude.images.PictureRules pictureRules(TeamSettings settings) {
        try {
            return maraude.images.PictureRules.parse(settings == null ? null : settings.get(maraude.images.PictureRules.SETTING));
        } catch (IllegalArgumentException e) {
            return maraude.images.PictureRules.DEFAULT;
        }
    }
}
