package maraude.templates;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The team's values for placeholders ({@code permanence_hours}, {@code service_address}…): a plain
 * key/value object, readable from a UTF-8 properties file.
 */
public final class TeamSettings {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,40}"); //$NON-NLS-1$
    private static final long MAX_FILE = 256 * 1024;

    private final Map<String, String> values;

    public TeamSettings(Map<String, String> values) {
        Map<String, String> copy = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((k, v) -> {
                if (k != null && KEY.matcher(k).matches() && v != null) {
                    copy.put(k, v);
                }
            });
        }
        this.values = Collections.unmodifiableMap(copy);
    }

    public static TeamSettings empty() {
        return new TeamSettings(Map.of());
    }

    /** Reads a UTF-8 properties file; keys that are not placeholder names are reported. */
    public static TeamSettings load(Path file) throws IOException, TemplateFormatException {
        if (Files.size(file) > MAX_FILE) {
            throw new TemplateFormatException(file.toString(), 0, 0, Messages.TemplateFormat_tooLarge);
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file);
                Reader r = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IllegalArgumentException e) {
            throw new TemplateFormatException(file.toString(), 0, 0, e.getMessage(), e);
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) {
            if (!KEY.matcher(k).matches()) {
                throw new TemplateFormatException(file.toString(), 0, 0,
                        Messages.format(Messages.Settings_badKey, k));
            }
            m.put(k, p.getProperty(k));
        }
        return new TeamSettings(m);
    }

    /**
     * Reads UTF-8 properties from {@code in} (e.g. an archive's encrypted side file), at most
     * {@code MAX_FILE} bytes; {@code name} names the source in errors.
     */
    public static TeamSettings load(InputStream in, String name) throws IOException, TemplateFormatException {
        byte[] bytes = in.readNBytes((int) MAX_FILE + 1);
        if (bytes.length > MAX_FILE) {
            throw new TemplateFormatException(name, 0, 0, Messages.TemplateFormat_tooLarge);
        }
        Properties p = new Properties();
        try (Reader r = new java.io.InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IllegalArgumentException e) {
            throw new TemplateFormatException(name, 0, 0, e.getMessage(), e);
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) {
            if (!KEY.matcher(k).matches()) {
                throw new TemplateFormatException(name, 0, 0, Messages.format(Messages.Settings_badKey, k));
            }
            m.put(k, p.getProperty(k));
        }
        return new TeamSettings(m);
    }

    public String get(String key) {
        return values.get(key);
    }

    public Map<String, String> asMap() {
        return values;
    }

    public TeamSettings with(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(values);
        m.put(key, value);
        return new TeamSettings(m);
    }
}
