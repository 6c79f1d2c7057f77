package maraude.imports.formats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import maraude.core.model.Platform;

/**
 * How to read the saved inbox page of one site: a small JSON file of CSS selectors and date
 * patterns, so that teams add a site without code. Fields (all optional but {@code id} and
 * {@code message}):
 *
 * <pre>
 * id           unique name ("generic", "quartier-rouge")
 * platform     archive platform key (default "ad_inbox")
 * priority     higher wins when several profiles match (generic: 1)
 * urlContains  [..] the page's saved-from URL, canonical link or og:url contains one of them
 * requires     [..] CSS selectors that must all match for the profile to apply
 * title        selector of the thread title / contact name
 * message      selector of one message block
 * author       selector (inside a message) of the sender's name
 * text         selector (inside a message) of the text; default: the block's text without author and time
 * time         selector (inside a message) of the time element
 * timeAttr     attributes tried before the time element's text ("datetime", "title")
 * outbound     selector a message block (or its parent) matches when WE sent it
 * datePatterns java.time patterns tried in order; ISO and relative forms are always understood
 * locales      language tags for month names (default ["fr", "nl", "en"])
 * </pre>
 */
public record SiteProfile(String id, Platform platform, int priority, List<String> urlContains, List<String> requires,
        String title, String message, String author, String text, String time, List<String> timeAttr, String outbound,
        List<String> datePatterns, List<Locale> locales) {

    /** The profiles shipped in this bundle ({@code profiles/*.json}), listed in {@code profiles/index.txt}. */
    public static List<SiteProfile> builtIn() {
        List<SiteProfile> out = new ArrayList<>();
        ClassLoader cl = SiteProfile.class.getClassLoader();
        try (InputStream idx = cl.getResourceAsStream("profiles/index.txt")) { //$NON-NLS-1$
            if (idx == null) {
                return out;
            }
            for (String name : new String(idx.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\\R")) { //$NON-NLS-1$
                name = name.strip();
                if (name.isEmpty() || name.startsWith("#")) { //$NON-NLS-1$
                    continue;
                }
                try (InputStream in = cl.getResourceAsStream("profiles/" + name)) { //$NON-NLS-1$
                    if (in != null) {
                        out.add(parse(new ObjectMapper().readTree(in)));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // a broken built-in profile is a build error caught by tests
        }
        return out;
    }

    /** Profiles from folders (users' own); unreadable files are skipped and returned in {@code bad}. */
    public static List<SiteProfile> fromDirs(List<Path> dirs, List<Path> bad) {
        List<SiteProfile> out = new ArrayList<>();
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (DirectoryStream<Path> s = Files.newDirectoryStream(d, "*.json")) { //$NON-NLS-1$
                for (Path p : s) {
                    try {
                        if (Files.size(p) > 1 << 20) {
                            bad.add(p);
                            continue;
                        }
                        out.add(parse(new ObjectMapper().readTree(p.toFile())));
                    } catch (IOException | RuntimeException e) {
                        bad.add(p);
                    }
                }
            } catch (IOException e) {
                bad.add(d);
            }
        }
        return out;
    }

    public static SiteProfile parse(JsonNode n) {
        String id = n.path("id").asText(null); //$NON-NLS-1$
        String message = n.path("message").asText(null); //$NON-NLS-1$
        if (id == null || message == null) {
            throw new IllegalArgumentException("profile needs id and message"); //$NON-NLS-1$
        }
        org.jsoup.select.QueryParser.parse(message); // fails early on a bad selector
        List<Locale> locales = new ArrayList<>();
        for (String t : strings(n.path("locales"))) { //$NON-NLS-1$
            locales.add(Locale.forLanguageTag(t));
        }
        if (locales.isEmpty()) {
            locales = List.of(Locale.FRENCH, Locale.forLanguageTag("nl"), Locale.ENGLISH); //$NON-NLS-1$
        }
        List<String> attrs = strings(n.path("timeAttr")); //$NON-NLS-1$
        return new SiteProfile(id, Platform.fromKey(n.path("platform").asText("ad_inbox")), n.path("priority").asInt(10), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                strings(n.path("urlContains")), strings(n.path("requires")), text(n, "title"), message, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                text(n, "author"), text(n, "text"), text(n, "time"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                attrs.isEmpty() ? List.of("datetime", "title") : attrs, text(n, "outbound"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                strings(n.path("datePatterns")), locales); //$NON-NLS-1$
    }

    private static String text(JsonNode n, String f) {
        String s = n.path(f).asText(null);
        return s == null || s.isBlank() ? null : s;
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        if (a.isArray()) {
            for (JsonNode e : a) {
                out.add(e.asText());
            }
        } else if (a.isTextual()) {
            out.add(a.asText());
        }
        return out;
    }
}
