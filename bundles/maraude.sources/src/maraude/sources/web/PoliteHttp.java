package maraude.sources.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.osgi.util.NLS;

import maraude.sources.Messages;
import maraude.sources.Sleeper;
import maraude.sources.SourceException;
import maraude.sources.SourceState;

/**
 * HTTP as a polite guest of one platform: one origin only (redirects elsewhere are refused), a
 * delay between requests, a User-Agent that names the tool, HTTP 429/503 with Retry-After
 * honoured (or the pull postponed when the wait is long), HTML pages only and of bounded size.
 * Nothing else is ever fetched: no images, scripts or style sheets.
 */
public final class PoliteHttp {

    public static final String USER_AGENT = "Maraude/0.1 (archiving tool of an outreach service; " //$NON-NLS-1$
            + "pulls its own inbox, slowly)"; //$NON-NLS-1$

    /** Large inbox pages are ~200 KB; anything past this is not an inbox page. */
    public static final int MAX_PAGE_BYTES = 8 << 20;
    private static final int MAX_REDIRECTS = 5;
    private static final int MAX_RETRIES = 3;

    /** A fetched page. */
    public record Page(URI uri, int status, String html) {
    }

    private final URI origin;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ORIGINAL_SERVER);
    private final HttpClient client;
    private final Duration delay;
    private final Duration maxWait;
    private final Sleeper sleeper;
    private final Clock clock;
    private final IProgressMonitor monitor;
    private long lastRequestNanos;
    private int requests;

    /**
     * @param origin  scheme, host and port of the platform; every URL must share them
     * @param delay   pause between two requests
     * @param maxWait longest Retry-After honoured by waiting; longer ones postpone the pull
     * @param ssl     the TLS context (null: the JVM's default trust)
     */
    public PoliteHttp(URI origin, Duration delay, Duration maxWait, Sleeper sleeper, Clock clock, SSLContext ssl,
            IProgressMonitor monitor) {
        this.origin = URI.create(origin.getScheme() + "://" + origin.getRawAuthority() + '/'); //$NON-NLS-1$
        this.delay = delay;
        this.maxWait = maxWait;
        this.sleeper = sleeper;
        this.clock = clock;
        this.monitor = monitor;
        HttpClient.Builder b = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(20));
        if (ssl != null) {
            b.sslContext(ssl);
        }
        this.client = b.build();
    }

    public URI origin() {
        return origin;
    }

    public int requests() {
        return requests;
    }

    /** Adds a pasted browser cookie ({@code a=1; b=2}) for the origin. */
    public void addCookies(String header) {
        for (String part : header.split(";")) { //$NON-NLS-1$
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            HttpCookie c = new HttpCookie(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            c.setPath("/"); //$NON-NLS-1$
            c.setVersion(0);
            c.setDomain(origin.getHost());
            cookies.getCookieStore().add(origin, c);
        }
    }

    public boolean sameOrigin(URI u) {
        return u != null && u.getScheme() != null && u.getScheme().equalsIgnoreCase(origin.getScheme())
                && u.getHost() != null && u.getHost().equalsIgnoreCase(origin.getHost()) && port(u) == port(origin);
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80; //$NON-NLS-1$
    }

    public Page get(URI uri) throws SourceException {
        return send(uri, null);
    }

    /** Posts a form ({@code application/x-www-form-urlencoded}) and follows the redirect after it. */
    public Page post(URI uri, Map<String, String> form) throws SourceException {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : form.entrySet()) {
            if (b.length() > 0) {
                b.append('&');
            }
            b.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return send(uri, b.toString());
    }

    private Page send(URI uri, String form) throws SourceException {
        URI current = uri;
        String body = form;
        for (int redirects = 0; redirects <= MAX_REDIRECTS; redirects++) {
            if (!sameOrigin(current)) {
                throw new SourceException(SourceState.PROFILE_MISMATCH, NLS.bind(Messages.webOffSite, current.getHost()));
            }
            HttpResponse<InputStream> r = exchange(current, body);
            int status = r.statusCode();
            if (status >= 300 && status < 400 && status != 304) {
                Optional<String> loc = r.headers().firstValue("Location"); //$NON-NLS-1$
                close(r);
                if (loc.isEmpty()) {
                    throw new SourceException(SourceState.FAILING, NLS.bind(Messages.webHttpStatus, status, path(current)));
                }
                current = current.resolve(loc.get().strip());
                if (status != 307 && status != 308) {
                    body = null; // 301/302/303 after a POST: GET the new location
                }
                continue;
            }
            String html = read(r, current);
            return new Page(current, status, html);
        }
        throw new SourceException(SourceState.FAILING, NLS.bind(Messages.webTooManyRedirects, path(uri)));
    }

    /** One request, with politeness and 429/503 handling. */
    private HttpResponse<InputStream> exchange(URI uri, String form) throws SourceException {
        for (int attempt = 0;; attempt++) {
            pause(delay);
            HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                    .header("User-Agent", USER_AGENT) //$NON-NLS-1$
                    .header("Accept", "text/html,application/xhtml+xml"); //$NON-NLS-1$ //$NON-NLS-2$
            if (form != null) {
                rb.header("Content-Type", "application/x-www-form-urlencoded") //$NON-NLS-1$ //$NON-NLS-2$
                        .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
            } else {
                rb.GET();
            }
            HttpResponse<InputStream> r;
            try {
                requests++;
                r = client.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw new SourceException(SourceState.FAILING,
                        NLS.bind(Messages.webNetwork, origin.getHost(), e.getClass().getSimpleName()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OperationCanceledException();
            } finally {
                lastRequestNanos = System.nanoTime();
            }
            int status = r.statusCode();
            if (status != 429 && status != 503) {
                return r;
            }
            close(r);
            Duration wait = retryAfter(r.headers().firstValue("Retry-After").orElse(null)); //$NON-NLS-1$
            Instant until = clock.instant().plus(wait);
            if (attempt >= MAX_RETRIES || wait.compareTo(maxWait) > 0) {
                throw new SourceException(SourceState.FAILING,
                        NLS.bind(Messages.webRateLimited, origin.getHost(), wait.toSeconds()), until);
            }
            sleepChecked(wait);
        }
    }

    /** Retry-After as seconds or an HTTP date; absent or unreadable: one minute, a modest guess. */
    Duration retryAfter(String v) {
        if (v == null || v.isBlank()) {
            return Duration.ofMinutes(1);
        }
        String s = v.strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(s)));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException e2) {
                return Duration.ofMinutes(1);
            }
        }
    }

    private void pause(Duration d) {
        if (lastRequestNanos == 0) {
            return;
        }
        long elapsed = System.nanoTime() - lastRequestNanos;
        long remaining = d.toNanos() - elapsed;
        if (remaining > 0) {
            sleepChecked(Duration.ofNanos(remaining));
        }
    }

    private void sleepChecked(Duration d) {
        // Sleep in slices so that a cancel is seen within a second.
        Duration left = d;
        try {
            while (!left.isNegative() && !left.isZero()) {
                if (monitor != null && monitor.isCanceled()) {
                    throw new OperationCanceledException();
                }
                Duration slice = left.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : left;
                sleeper.sleep(slice);
                left = left.minus(slice);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationCanceledException();
        }
    }

    private static String read(HttpResponse<InputStream> r, URI uri) throws SourceException {
        String type = r.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT); //$NON-NLS-1$ //$NON-NLS-2$
        try (InputStream in = r.body()) {
            if (!(type.startsWith("text/html") || type.startsWith("application/xhtml+xml"))) { //$NON-NLS-1$ //$NON-NLS-2$
                if (r.statusCode() >= 400) {
                    throw new SourceException(SourceState.FAILING,
                            NLS.bind(Messages.webHttpStatus, r.statusCode(), path(uri)));
                }
                throw new SourceException(SourceState.FAILING, NLS.bind(Messages.webNotHtml, path(uri)));
            }
            byte[] b = in.readNBytes(MAX_PAGE_BYTES + 1);
            if (b.length > MAX_PAGE_BYTES) {
                throw new SourceException(SourceState.FAILING, NLS.bind(Messages.webTooLarge, path(uri)));
            }
            return new String(b, charset(type));
        } catch (IOException e) {
            throw new SourceException(SourceState.FAILING,
                    NLS.bind(Messages.webNetwork, uri.getHost(), e.getClass().getSimpleName()));
        }
    }

    private static Charset charset(String contentType) {
        int i = contentType.indexOf("charset="); //$NON-NLS-1$
        if (i >= 0) {
            String cs = contentType.substring(i + 8).replace("\"", "").split("[;\\s]")[0]; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            try {
                return Charset.forName(cs);
            } catch (RuntimeException e) {
                // fall through
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static void close(HttpResponse<InputStream> r) {
        try {
            r.body().close();
        } catch (IOException e) {
            // nothing to keep
        }
    }

    /** The path of a URL for messages: no query string (it may hold ids or tokens). */
    public static String path(URI u) {
        return u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath(); //$NON-NLS-1$
    }

    /** For tests: the cookies held for the origin (names only). */
    List<String> cookieNames() {
        List<String> out = new ArrayList<>();
        for (HttpCookie c : cookies.getCookieStore().get(origin)) {
            out.add(c.getName());
        }
        return out;
    }
}
