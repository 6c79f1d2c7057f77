package maraude.sources.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jsoup.select.QueryParser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import maraude.imports.formats.SiteProfile;

/**
 * How to walk a platform's web inbox: the optional {@code "web"} section of a site profile (the
 * same JSON file the saved-page importer reads, which ignores this section). The thread pages are
 * then read with the profile's own selectors ({@code message}, {@code author}, {@code time}…).
 *
 * <pre>
 * "web": {
 *   "login":          "/login"              page with the login form (relative to the source URL)
 *   "loginForm":      "form#login"          selector of the login form
 *   "userField":      "username"            name of the user name input
 *   "passwordField":  "password"            name of the password input
 *   "loginError":     ".login-error"        optional: shown when the platform refuses the login
 *   "loggedIn":       "a.logout"            selector present on every page once logged in
 *   "inbox":          "/inbox"              first inbox page
 *   "inboxMarker":    "ul.threads"          present on every inbox page, even an empty one
 *   "threadLink":     "ul.threads a.thread" links from an inbox page to its threads
 *   "nextPage":       "a[rel=next]"         link to the next inbox page
 *   "threadNextPage": "a.older"             optional: link to the next page of a thread
 * }
 * </pre>
 * Selectors that stop matching make the pull fail with "profile no longer matches", never a
 * silent pull of nothing.
 */
public record WebProfile(SiteProfile site, String login, String loginForm, String userField, String passwordField,
        String loginError, String loggedIn, String inbox, String inboxMarker, String threadLink, String nextPage,
        String threadNextPage) {

    /** The web section of {@code profile}, or empty when it has none. Bad selectors fail here. */
    public static Optional<WebProfile> parse(JsonNode profile) {
        JsonNode w = profile.path("web"); //$NON-NLS-1$
        if (!w.isObject()) {
            return Optional.empty();
        }
        SiteProfile site = SiteProfile.parse(profile);
        WebProfile p = new WebProfile(site, text(w, "login", "/login"), text(w, "loginForm", "form"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
                text(w, "userField", "username"), text(w, "passwordField", "password"), text(w, "loginError", null), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
                required(w, "loggedIn"), text(w, "inbox", "/inbox"), required(w, "inboxMarker"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
                required(w, "threadLink"), text(w, "nextPage", null), text(w, "threadNextPage", null)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        for (String sel : new String[] { p.loginForm, p.loginError, p.loggedIn, p.inboxMarker, p.threadLink, p.nextPage,
                p.threadNextPage }) {
            if (sel != null) {
                QueryParser.parse(sel);
            }
        }
        return Optional.of(p);
    }

    public String id() {
        return site.id();
    }

    private static String required(JsonNode w, String f) {
        String s = text(w, f, null);
        if (s == null) {
            throw new IllegalArgumentException("web profile needs \"" + f + '"'); //$NON-NLS-1$
        }
        return s;
    }

    private static String text(JsonNode n, String f, String def) {
        String s = n.path(f).asText(null);
        return s == null || s.isBlank() ? def : s;
    }

    /**
     * Finds the profile {@code id}: first in the folders given (the archive's
     * {@code import-profiles/}), then among the profiles shipped with maraude.imports.
     *
     * @throws IOException when no profile of that id with a web section exists, or it is invalid
     */
    public static WebProfile find(String id, List<Path> dirs) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<String> broken = new ArrayList<>();
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (DirectoryStream<Path> s = Files.newDirectoryStream(d, "*.json")) { //$NON-NLS-1$
                for (Path f : s) {
                    if (Files.size(f) > 1 << 20) {
                        continue;
                    }
                    JsonNode n;
                    try {
                        n = mapper.readTree(f.toFile());
                    } catch (IOException e) {
                        broken.add(f.getFileName().toString());
                        continue;
                    }
                    if (n != null && id.equals(n.path("id").asText(null))) { //$NON-NLS-1$
                        return fromNode(id, n, f.toString());
                    }
                }
            }
        }
        ClassLoader cl = SiteProfile.class.getClassLoader();
        try (InputStream idx = cl.getResourceAsStream("profiles/index.txt")) { //$NON-NLS-1$
            if (idx != null) {
                for (String name : new String(idx.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) { //$NON-NLS-1$
                    name = name.strip();
                    if (name.isEmpty() || name.startsWith("#")) { //$NON-NLS-1$
                        continue;
                    }
                    try (InputStream in = cl.getResourceAsStream("profiles/" + name)) { //$NON-NLS-1$
                        if (in == null) {
                            continue;
                        }
                        JsonNode n = mapper.readTree(in);
                        if (n != null && id.equals(n.path("id").asText(null))) { //$NON-NLS-1$
                            return fromNode(id, n, name);
                        }
                    }
                }
            }
        }
        throw new IOException("no site profile \"" + id + "\"" //$NON-NLS-1$ //$NON-NLS-2$
                + (broken.isEmpty() ? "" : " (unreadable: " + String.join(", ", broken) + ')')); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    }

    private static WebProfile fromNode(String id, JsonNode n, String where) throws IOException {
        try {
            return parse(n).orElseThrow(() -> new IOException(
                    "site profile \"" + id + "\" (" + where + ") has no \"web\" section: it reads saved pages only")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        } catch (RuntimeException e) {
            throw new IOException("site profile \"" + id + "\" (" + where + ") invalid: " + e.getMessage(), e); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        }
    }
}
