package maraude.archive.maintenance;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

import org.eclipse.osgi.util.NLS;

import maraude.core.archive.ArchiveException;
import maraude.core.archive.ArchiveException.Kind;
import maraude.core.archive.ArchiveFiles;
import maraude.core.archive.PlainArchiveFiles;
import maraude.core.model.Platform;

/**
 * How long the team keeps messages, per platform: keys {@code retention_<platform>} of the team's
 * settings ({@code team.properties} beside the archive, encrypted when the archive is protected),
 * e.g. {@code retention_ad_inbox=24m}, {@code retention_whatsapp=2y}; {@code retention_default}
 * applies to every platform without its own key. No key (the default): everything is kept.
 * Periods: {@code 90d}, {@code 24m}, {@code 2y} or ISO-8601 {@code P2Y6M}.
 */
public final class RetentionPolicy {

    /** The team settings file (same name as the workbench and CLI use). */
    public static final String SETTINGS_FILE = "team.properties"; //$NON-NLS-1$
    public static final String KEY_PREFIX = "retention_"; //$NON-NLS-1$
    public static final String DEFAULT_KEY = KEY_PREFIX + "default"; //$NON-NLS-1$
    /** Settings files are small; anything larger is not a settings file. */
    private static final int MAX_FILE = 256 * 1024;

    private final Map<Platform, Period> periods;

    private RetentionPolicy(Map<Platform, Period> periods) {
        this.periods = Collections.unmodifiableMap(periods);
    }

    /** Keeps everything. */
    public static RetentionPolicy none() {
        return new RetentionPolicy(new EnumMap<>(Platform.class));
    }

    public static RetentionPolicy of(Map<Platform, Period> periods) {
        EnumMap<Platform, Period> m = new EnumMap<>(Platform.class);
        m.putAll(periods);
        return new RetentionPolicy(m);
    }

    /**
     * Reads the {@code retention_*} keys of a settings map (other keys are ignored).
     *
     * @throws IllegalArgumentException naming the key, for an unknown platform or a bad period
     */
    public static RetentionPolicy parse(Map<String, String> settings) {
        EnumMap<Platform, Period> m = new EnumMap<>(Platform.class);
        Period fallback = null;
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(settings).entrySet()) {
            String key = e.getKey().strip().toLowerCase(Locale.ROOT);
            if (!key.startsWith(KEY_PREFIX)) {
                continue;
            }
            Period p = parsePeriodFor(key, e.getValue());
            if (key.equals(DEFAULT_KEY)) {
                fallback = p;
                continue;
            }
            Platform platform;
            try {
                platform = Platform.fromKey(key.substring(KEY_PREFIX.length()));
            } catch (IllegalArgumentException unknown) {
                throw new IllegalArgumentException(NLS.bind(Messages.Retention_unknownPlatform, key,
                        Arrays.stream(Platform.values()).map(Platform::key).collect(Collectors.joining(", ")))); //$NON-NLS-1$
            }
            m.put(platform, p);
        }
        if (fallback != null) {
            for (Platform p : Platform.values()) {
                m.putIfAbsent(p, fallback);
            }
        }
        return new RetentionPolicy(m);
    }

    private static Period parsePeriodFor(String key, String value) {
        try {
            return parsePeriod(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(NLS.bind(Messages.Retention_badPeriod, key, value));
        }
    }

    /**
     * {@code 90d}, {@code 24m}, {@code 2y} (any case) or ISO {@code P2Y6M}; zero and negative
     * periods are refused (they would erase everything).
     */
    public static Period parsePeriod(String value) {
        if (value == null) {
            throw new IllegalArgumentException("no period"); //$NON-NLS-1$
        }
        String s = value.strip().toLowerCase(Locale.ROOT);
        Period p;
        try {
            if (s.startsWith("p")) { //$NON-NLS-1$
                p = Period.parse(s.toUpperCase(Locale.ROOT));
            } else {
                if (s.length() < 2) {
                    throw new IllegalArgumentException(value);
                }
                int n = Integer.parseInt(s.substring(0, s.length() - 1));
                p = switch (s.charAt(s.length() - 1)) {
                    case 'd' -> Period.ofDays(n);
                    case 'm' -> Period.ofMonths(n);
                    case 'y' -> Period.ofYears(n);
                    default -> throw new IllegalArgumentException(value);
                };
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(value, e);
        }
        if (p.isNegative() || p.isZero()) {
            throw new IllegalArgumentException(value);
        }
        return p;
    }

    /**
     * The policy in the archive's team settings; {@link #none()} when there is no settings file.
     * On a protected archive, a clear file written by hand (not yet encrypted by the workbench) is
     * read as well.
     *
     * @throws ArchiveException BAD_INPUT for a bad key or period, IO when the file cannot be read
     */
    public static RetentionPolicy load(ArchiveFiles files) {
        if (!files.exists(SETTINGS_FILE)) {
            return none();
        }
        Properties p = new Properties();
        try {
            p = read(files);
        } catch (IOException e) {
            if (files.encrypted() && files instanceof PlainArchiveFiles plain
                    && Files.isRegularFile(plain.resolve(SETTINGS_FILE))) {
                try {
                    p = read(new PlainArchiveFiles(plain.root()));
                } catch (IOException clear) {
                    throw io(files, e);
                }
            } else {
                throw io(files, e);
            }
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) {
            m.put(k, p.getProperty(k));
        }
        try {
            return parse(m);
        } catch (IllegalArgumentException e) {
            throw new ArchiveException(Kind.BAD_INPUT, SETTINGS_FILE + ": " + e.getMessage(), e); //$NON-NLS-1$
        }
    }

    /** {@link #load(ArchiveFiles)} on a folder's plain side files (tests, plain archives). */
    public static RetentionPolicy load(Path archiveFolder) {
        return load(new PlainArchiveFiles(archiveFolder));
    }

    private static Properties read(ArchiveFiles files) throws IOException {
        byte[] bytes;
        try (InputStream in = files.read(SETTINGS_FILE)) {
            bytes = in.readNBytes(MAX_FILE + 1);
        }
        if (bytes.length > MAX_FILE) {
            throw new IOException(SETTINGS_FILE + ": > " + MAX_FILE + " bytes"); //$NON-NLS-1$ //$NON-NLS-2$
        }
        Properties p = new Properties();
        try (Reader r = new InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        return p;
    }

    private static ArchiveException io(ArchiveFiles files, IOException e) {
        String where = files instanceof PlainArchiveFiles plain ? plain.root().toString() : SETTINGS_FILE;
        if (e instanceof NoSuchFileException) {
            return new ArchiveException(Kind.IO, NLS.bind(Messages.Maintenance_io, where, SETTINGS_FILE), e);
        }
        return new ArchiveException(Kind.IO, NLS.bind(Messages.Maintenance_io, where, e.getMessage()), e);
    }

    public boolean isEmpty() {
        return periods.isEmpty();
    }

    public Optional<Period> period(Platform platform) {
        return Optional.ofNullable(periods.get(platform));
    }

    public Map<Platform, Period> periods() {
        return periods;
    }

    /** Per platform with a period: messages strictly before the instant go. */
    public Map<Platform, Instant> cutoffs(Instant now, ZoneId zone) {
        Map<Platform, Instant> m = new EnumMap<>(Platform.class);
        periods.forEach((platform, p) -> m.put(platform, now.atZone(zone).minus(p).toInstant()));
        return m;
    }

    @Override
    public String toString() {
        return periods.entrySet().stream().map(e -> e.getKey().key() + "=" + e.getValue()) //$NON-NLS-1$
                .collect(Collectors.joining(", ", "{", "}")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    }
}
