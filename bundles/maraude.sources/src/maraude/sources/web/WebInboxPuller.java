package maraude.sources.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.osgi.util.NLS;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import maraude.core.archive.Archive;
import maraude.imports.ImportOptions;
import maraude.imports.ImportProblem;
import maraude.imports.ImportReport;
import maraude.imports.ImportService;
import maraude.imports.formats.SavedInboxImporter;
import maraude.sources.CredentialStore;
import maraude.sources.Credentials;
import maraude.sources.Messages;
import maraude.sources.PullResult;
import maraude.sources.Puller;
import maraude.sources.Sleeper;
import maraude.sources.Source;
import maraude.sources.SourceException;
import maraude.sources.SourceState;

/**
 * Pulls a platform's web inbox: logs in (stored user name and password through the login form, or
 * a pasted session cookie), walks the inbox pages and their threads, and imports every thread page
 * through the saved-page importer with the source's site profile, so that a message pulled here and
 * the same message in a page saved by hand get the same stable id. Re-pulling adds nothing twice.
 * <p>
 * Thread pages are written for the import into a temporary folder of the archive and deleted right
 * after each inbox page. Login refused: stops at once (state LOGIN_FAILED), never retried blindly.
 * Pages that no longer match the profile: stops with PROFILE_MISMATCH, never a silent zero.
 */
public final class WebInboxPuller implements Puller {

    private static final int MAX_INBOX_PAGES = 1000;
    private static final int MAX_THREAD_PAGES = 100;
    public static final String PROFILES_DIR = "import-profiles"; //$NON-NLS-1$

    private final CredentialStore credentials;
    private final ImportOptions options;
    private final Sleeper sleeper;
    private final Clock clock;
    private final SSLContext ssl;
    private final Duration maxWait;

    /**
     * @param ssl     TLS trust (null: the JVM's)
     * @param maxWait longest Retry-After waited for within a pull; longer ones postpone the pull
     */
    public WebInboxPuller(CredentialStore credentials, ImportOptions options, Sleeper sleeper, Clock clock,
            SSLContext ssl, Duration maxWait) {
        this.credentials = credentials;
        this.options = options;
        this.sleeper = sleeper;
        this.clock = clock;
        this.ssl = ssl;
        this.maxWait = maxWait;
    }

    public WebInboxPuller(CredentialStore credentials) {
        this(credentials, ImportOptions.defaults(), Sleeper.REAL, Clock.systemUTC(), null, Duration.ofMinutes(5));
    }

    @Override
    public PullResult pull(Source source, Archive archive, IProgressMonitor monitor) throws SourceException {
        IProgressMonitor mon = monitor == null ? new NullProgressMonitor() : monitor;
        WebProfile profile = profile(source, archive);
        URI base = base(source);
        Optional<Credentials> creds;
        try {
            creds = credentials.get(source.id());
        } catch (IOException e) {
            throw new SourceException(SourceState.FAILING, NLS.bind(Messages.webCredentialsUnreadable, source.id()));
        }
        PoliteHttp http = new PoliteHttp(base, source.delay(), maxWait, sleeper, clock, ssl, mon);
        creds.filter(Credentials::hasCookie).ifPresent(c -> http.addCookies(c.cookie()));
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory(tempRoot(archive), source.id() + '-');
            return walk(source, archive, profile, base, creds, http, tmp, mon);
        } catch (IOException e) {
            throw new SourceException(SourceState.FAILING, NLS.bind(Messages.webTempFailed, e.getClass().getSimpleName()));
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    private static Path tempRoot(Archive archive) throws IOException {
        // Inside the archive folder (same protection as the archive), never in the shared /tmp.
        Path root = archive.location().resolve("sources").resolve("tmp"); //$NON-NLS-1$ //$NON-NLS-2$
        Files.createDirectories(root);
        return root;
    }

    private PullResult walk(Source source, Archive archive, WebProfile profile, URI base, Optional<Credentials> creds,
            PoliteHttp http, Path tmp, IProgressMonitor monitor) throws SourceException, IOException {
        SubMonitor sub = SubMonitor.convert(monitor, NLS.bind(Messages.webPulling, base.getHost()), 100);
        URI inboxUri = base.resolve(profile.inbox());
        Document inbox = fetch(http, inboxUri);
        if (!isLoggedIn(profile, inbox)) {
            inbox = logIn(source, profile, base, creds, http, inbox);
        }
        sub.worked(5);
        ImportService importer = new ImportService(List.of(new SavedInboxImporter(List.of(profile.site()))));
        List<String> problems = new ArrayList<>();
        Set<URI> seenPages = new HashSet<>();
        Set<URI> seenThreads = new HashSet<>();
        long added = 0;
        long duplicates = 0;
        int pageNo = 0;
        Document page = inbox;
        URI pageUri = inboxUri;
        while (page != null && pageNo < MAX_INBOX_PAGES) {
            checkCanceled(sub);
            pageNo++;
            seenPages.add(pageUri);
            if (page.selectFirst(profile.inboxMarker()) == null) {
                throw mismatch(profile, pageUri, profile.inboxMarker());
            }
            List<URI> threads = new ArrayList<>();
            for (Element a : page.select(profile.threadLink())) {
                URI t = link(a);
                if (t == null || !http.sameOrigin(t)) {
                    problems.add(NLS.bind(Messages.webOffSiteSkipped, t == null ? "?" : t.getHost())); //$NON-NLS-1$
                } else if (seenThreads.add(stripFragment(t))) {
                    threads.add(stripFragment(t));
                }
            }
            SubMonitor pageSub = sub.split(Math.max(1, 90 / Math.max(1, 10)));
            pageSub.setWorkRemaining(threads.size() + 1);
            int saved = 0;
            int withBlocks = 0;
            for (URI t : threads) {
                checkCanceled(pageSub);
                URI threadPage = t;
                Set<URI> seenThreadPages = new HashSet<>();
                for (int n = 0; threadPage != null && n < MAX_THREAD_PAGES && seenThreadPages.add(threadPage); n++) {
                    PoliteHttp.Page p = http.get(threadPage);
                    if (p.status() >= 400) {
                        problems.add(NLS.bind(Messages.webPageFailed, PoliteHttp.path(threadPage), p.status()));
                        break;
                    }
                    Document d = Jsoup.parse(p.html(), p.uri().toString());
                    if (!isLoggedIn(profile, d)) {
                        throw new SourceException(SourceState.LOGIN_FAILED,
                                NLS.bind(Messages.webSessionLost, base.getHost()));
                    }
                    if (d.select(profile.site().message()).isEmpty()) {
                        throw mismatch(profile, threadPage, profile.site().message());
                    }
                    withBlocks++;
                    save(tmp, ++saved, p);
                    URI next = profile.threadNextPage() == null ? null : link(d.selectFirst(profile.threadNextPage()));
                    threadPage = next != null && http.sameOrigin(next) ? stripFragment(next) : null;
                }
                pageSub.worked(1);
            }
            if (saved > 0) {
                ImportReport r = importer.importPaths(archive, List.of(tmp), options, pageSub.split(1));
                clear(tmp);
                added += r.messagesAdded();
                duplicates += r.duplicatesSkipped();
                if (r.cancelled()) {
                    return new PullResult(source.id(), SourceState.OK, added, duplicates, http.requests(), problems,
                            null, null, true);
                }
                int badDates = 0;
                for (ImportProblem ip : r.errors()) {
                    if ("no-messages".equals(ip.code())) { //$NON-NLS-1$
                        throw mismatch(profile, pageUri, profile.site().message());
                    }
                    if ("bad-date".equals(ip.code())) { //$NON-NLS-1$
                        badDates++;
                    } else {
                        problems.add(ip.code() + ": " + ip.reason()); //$NON-NLS-1$
                    }
                }
                if (withBlocks > 0 && r.messagesAdded() + r.duplicatesSkipped() == 0) {
                    // Blocks were there but none could be read (dates, structure): the profile is stale.
                    throw mismatch(profile, pageUri, profile.site().time() == null ? profile.site().message()
                            : profile.site().time());
                }
                if (badDates > 0) {
                    problems.add(NLS.bind(Messages.webBadDates, badDates));
                }
            }
            URI next = profile.nextPage() == null ? null : link(page.selectFirst(profile.nextPage()));
            if (next == null || !http.sameOrigin(next) || seenPages.contains(stripFragment(next))) {
                break;
            }
            pageUri = stripFragment(next);
            PoliteHttp.Page np = http.get(pageUri);
            if (np.status() >= 400) {
                problems.add(NLS.bind(Messages.webPageFailed, PoliteHttp.path(pageUri), np.status()));
                break;
            }
            page = Jsoup.parse(np.html(), np.uri().toString());
        }
        SourceState state = problems.isEmpty() ? SourceState.OK : SourceState.PARTIAL;
        return new PullResult(source.id(), state, added, duplicates, http.requests(), problems, null, null, false);
    }

    private Document logIn(Source source, WebProfile profile, URI base, Optional<Credentials> creds, PoliteHttp http,
            Document inbox) throws SourceException {
        String host = base.getHost();
        if (creds.isEmpty() || !creds.get().hasLogin()) {
            if (inbox.selectFirst(profile.loginForm()) == null) {
                throw mismatch(profile, base.resolve(profile.inbox()), profile.loggedIn());
            }
            throw new SourceException(SourceState.LOGIN_FAILED, creds.isPresent()
                    ? NLS.bind(Messages.webCookieRefused, host) : NLS.bind(Messages.webNoCredentials, source.id()));
        }
        URI loginUri = base.resolve(profile.login());
        Document loginPage = fetch(http, loginUri);
        Element form = loginPage.selectFirst(profile.loginForm());
        if (form == null) {
            throw mismatch(profile, loginUri, profile.loginForm());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element in : form.select("input[name]")) { //$NON-NLS-1$
            String type = in.attr("type").toLowerCase(Locale.ROOT); //$NON-NLS-1$
            if (type.equals("submit") || type.equals("button") || type.equals("image") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                    || ((type.equals("checkbox") || type.equals("radio")) && !in.hasAttr("checked"))) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                continue;
            }
            fields.put(in.attr("name"), in.attr("value")); //$NON-NLS-1$ //$NON-NLS-2$
        }
        if (!fields.containsKey(profile.userField()) || !fields.containsKey(profile.passwordField())) {
            throw mismatch(profile, loginUri, "input[name=" + profile.userField() + "], input[name=" //$NON-NLS-1$ //$NON-NLS-2$
                    + profile.passwordField() + ']');
        }
        fields.put(profile.userField(), creds.get().user());
        fields.put(profile.passwordField(), creds.get().password());
        String action = form.absUrl("action"); //$NON-NLS-1$
        URI target = action.isEmpty() ? loginUri : URI.create(action);
        PoliteHttp.Page after = http.post(target, fields);
        Document d = Jsoup.parse(after.html(), after.uri().toString());
        boolean refused = (profile.loginError() != null && d.selectFirst(profile.loginError()) != null)
                || after.status() == 401 || after.status() == 403;
        if (refused || !isLoggedIn(profile, d)) {
            throw new SourceException(SourceState.LOGIN_FAILED, NLS.bind(Messages.webLoginRefused, host, source.id()));
        }
        if (after.uri().equals(base.resolve(profile.inbox())) && d.selectFirst(profile.inboxMarker()) != null) {
            return d; // the platform sent us to the inbox after the login: no need to ask again
        }
        Document again = fetch(http, base.resolve(profile.inbox()));
        if (!isLoggedIn(profile, again)) {
            throw new SourceException(SourceState.LOGIN_FAILED, NLS.bind(Messages.webSessionLost, host));
        }
        return again;
    }

    private static Document fetch(PoliteHttp http, URI uri) throws SourceException {
        PoliteHttp.Page p = http.get(uri);
        if (p.status() >= 500) {
            throw new SourceException(SourceState.FAILING, NLS.bind(Messages.webHttpStatus, p.status(), PoliteHttp.path(uri)));
        }
        return Jsoup.parse(p.html(), p.uri().toString());
    }

    private static boolean isLoggedIn(WebProfile profile, Document d) {
        return d.selectFirst(profile.loggedIn()) != null;
    }

    private static SourceException mismatch(WebProfile profile, URI page, String selector) {
        return new SourceException(SourceState.PROFILE_MISMATCH,
                NLS.bind(Messages.webProfileMismatch, new Object[] { profile.id(), PoliteHttp.path(page), selector }));
    }

    private static URI link(Element a) {
        if (a == null) {
            return null;
        }
        String href = a.absUrl("href"); //$NON-NLS-1$
        if (href.isEmpty()) {
            return null;
        }
        try {
            return URI.create(href);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static URI stripFragment(URI u) {
        if (u.getRawFragment() == null) {
            return u;
        }
        String s = u.toString();
        return URI.create(s.substring(0, s.indexOf('#')));
    }

    private void save(Path dir, int n, PoliteHttp.Page p) throws IOException {
        // The saved-from comment tells the importer the site (conversation ids use the host).
        String head = "<!-- saved from url=(" + String.format(Locale.ROOT, "%04d", p.uri().toString().length()) //$NON-NLS-1$ //$NON-NLS-2$
                + ")" + p.uri() + " -->\n"; //$NON-NLS-1$ //$NON-NLS-2$
        Path f = dir.resolve(String.format(Locale.ROOT, "page-%05d.html", n)); //$NON-NLS-1$
        Files.writeString(f, head + p.html(), StandardCharsets.UTF_8);
        // Relative dates ("yesterday 14:02") are read against the time of the pull.
        Files.setLastModifiedTime(f, FileTime.from(clock.instant()));
    }

    private static void checkCanceled(IProgressMonitor m) {
        if (m.isCanceled()) {
            throw new OperationCanceledException();
        }
    }

    private static WebProfile profile(Source source, Archive archive) throws SourceException {
        if (source.profile() == null) {
            throw new SourceException(SourceState.PROFILE_MISMATCH, NLS.bind(Messages.webNoProfile, source.id()));
        }
        try {
            return WebProfile.find(source.profile(), List.of(archive.location().resolve(PROFILES_DIR)));
        } catch (IOException e) {
            throw new SourceException(SourceState.PROFILE_MISMATCH, e.getMessage());
        }
    }

    private static URI base(Source source) throws SourceException {
        try {
            URI u = URI.create(source.location().strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT); //$NON-NLS-1$
            if (!(scheme.equals("https") || scheme.equals("http")) || u.getHost() == null) { //$NON-NLS-1$ //$NON-NLS-2$
                throw new IllegalArgumentException();
            }
            return u.getRawPath() == null || u.getRawPath().isEmpty() ? u.resolve("/") : u; //$NON-NLS-1$
        } catch (RuntimeException e) {
            throw new SourceException(SourceState.FAILING, NLS.bind(Messages.webBadUrl, source.id()));
        }
    }

    private static void clear(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // left for the next pull's cleanup
                }
            });
        } catch (IOException e) {
            // nothing more to do
        }
    }
}
