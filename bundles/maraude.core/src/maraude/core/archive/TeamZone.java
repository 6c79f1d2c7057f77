package maraude.core.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Properties;

/**
 * The team's time zone, one setting for the workbench, the CLI and the importers: key
 * {@code time_zone} of the team settings ({@code team.properties} beside the archive, encrypted
 * when the archive is protected); the system zone when the key is absent or unreadable. The zone
 * decides days, weeks, daylight-saving changes and the reading of export times written without a
 * zone. No zone is kept per process: whoever holds an archive asks for its team's zone (the
 * workbench puts it in its context, the CLI's commands ask for the archive they opened).
 * {@code -Dmaraude.zone} overrides it, for tests and diagnostics only.
 */
public final class TeamZone {

    public static final String SETTINGS_FILE = "team.properties"; //$NON-NLS-1$
    public static final String KEY = "time_zone"; //$NON-NLS-1$
    public static final String PROPERTY = "maraude.zone"; //$NON-NLS-1$
    private static final int MAX_FILE = 256 * 1024;

    private TeamZone() {
    }

    /** The zone of the team whose settings are in {@code files}. */
    public static ZoneId of(ArchiveFiles files) {
        ZoneId forced = forced();
        if (forced != null) {
            return forced;
        }
        String v = files == null ? null : read(files).getProperty(KEY);
        return parse(v);
    }

    /** The zone of the team of the (unprotected) archive folder {@code folder}. */
    public static ZoneId of(Path folder) {
        return of(folder == null ? null : new PlainArchiveFiles(folder));
    }

    /** A zone id as the setting writes it; the system zone for nothing or nonsense. */
    public static ZoneId parse(String value) {
        if (value == null || value.isBlank()) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(value.strip());
        } catch (DateTimeException e) {
            return ZoneId.systemDefault();
        }
    }

    /** Whether {@code value} names a zone Java knows (the preference page refuses the others). */
    public static boolean isValid(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        try {
            ZoneId.of(value.strip());
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** The value written in the settings, or null when the team did not choose one. */
    public static String setting(ArchiveFiles files) {
        String v = read(files).getProperty(KEY);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /**
     * Writes {@code key=value} into the team settings (null removes the key), keeping every other
     * key; the file is replaced atomically through {@link ArchiveFiles}, encrypted when the archive
     * is. Comments of a hand-written file are not kept.
     */
    public static void write(ArchiveFiles files, String key, String value) throws IOException {
        Properties p = read(files);
        if (value == null || value.isBlank()) {
            p.remove(key);
        } else {
            p.setProperty(key, value.strip());
        }
        try (OutputStream out = files.write(SETTINGS_FILE);
                Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            // sorted, so that a diff of the file shows only what changed
            Properties sorted = new Properties() {
                private static final long serialVersionUID = 1L;

                @Override
                public java.util.Set<java.util.Map.Entry<Object, Object>> entrySet() {
                    java.util.Set<java.util.Map.Entry<Object, Object>> s = new java.util.TreeSet<>(
                            (a, b) -> a.getKey().toString().compareTo(b.getKey().toString()));
                    s.addAll(super.entrySet());
                    return s;
                }
            };
            sorted.putAll(p);
            sorted.store(w, null);
        }
    }

    /** Reads the team settings; empty when absent or unreadable (a bad file never stops the workbench). */
    public static Properties read(ArchiveFiles files) {
        Properties p = new Properties();
        if (files == null || !files.exists(SETTINGS_FILE)) {
            return p;
        }
        try (InputStream in = files.read(SETTINGS_FILE)) {
            byte[] bytes = in.readNBytes(MAX_FILE + 1);
            if (bytes.length > MAX_FILE) {
                return p;
            }
            try (Reader r = new InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
                p.load(r);
            }
        } catch (IOException | RuntimeException e) {
            return new Properties();
        }
        return p;
    }

    private static ZoneId forced() {
        String v = System.getProperty(PROPERTY);
        return v == null || v.isBlank() ? null : parse(v);
    }
}
