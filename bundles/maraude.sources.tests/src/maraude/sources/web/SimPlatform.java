package maraude.sources.web;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

import maraude.sources.MutableClock;

/**
 * An ad platform's web inbox served by a real Jetty on 127.0.0.1, for tests: a login form with a
 * CSRF field and a session cookie, inbox pages of {@code pageSize} threads with a next link,
 * threads of messages, messages deleted one retention after they were sent (on the test clock),
 * and knobs for a 429 with Retry-After, a broken page and a changed layout. Every request is
 * logged with its arrival time.
 */
public final class SimPlatform implements AutoCloseable {

    public record Msg(Instant at, String author, String text, boolean outbound) {
    }

    public record Hit(String method, String path, long nanos, String userAgent, int status) {
    }

    public static final class Thread {
        final int id;
        final String title;
        final List<Msg> messages = new CopyOnWriteArrayList<>();

        Thread(int id, String title) {
            this.id = id;
            this.title = title;
        }
    }

    public static final String USER = "equipe"; //$NON-NLS-1$
    public static final String PASSWORD = "s3cret pass"; //$NON-NLS-1$
    public static final String CSRF = "csrf-42"; //$NON-NLS-1$

    private final MutableClock clock;
    private final Server server;
    private final ServerConnector connector;
    private final Map<Integer, Thread> threads = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    public final List<Hit> log = new CopyOnWriteArrayList<>();
    public volatile Duration retention = Duration.ofDays(7);
    public volatile int pageSize = 3;
    public volatile boolean inboxLayoutChanged;
    public volatile boolean threadLayoutChanged;
    public volatile int brokenThread = -1;
    /** Path (with query) answered once with 429 and this Retry-After. */
    public final Map<String, Long> tooManyOnce = new ConcurrentHashMap<>();
    private int deleted;
    /** Texts of the messages the platform deleted. */
    public final List<String> deletedTexts = new CopyOnWriteArrayList<>();

    public SimPlatform(MutableClock clock) throws Exception {
        this.clock = clock;
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1"); //$NON-NLS-1$
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                serve(request, response, callback);
                return true;
            }
        });
        server.start();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"); //$NON-NLS-1$ //$NON-NLS-2$
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    public synchronized Thread thread(int id, String title) {
        return threads.computeIfAbsent(id, i -> new Thread(i, title));
    }

    /** A message sent now (test clock) in thread {@code id}. */
    public synchronized Msg post(int id, String title, String author, String text, boolean outbound) {
        Msg m = new Msg(clock.instant(), author, text, outbound);
        thread(id, title).messages.add(m);
        return m;
    }

    /** Deletes what is older than the retention, as the platform does; returns the total deleted. */
    public synchronized int expire() {
        Instant limit = clock.instant().minus(retention);
        for (Thread t : new ArrayList<>(threads.values())) {
            for (Msg m : t.messages) {
                if (m.at().isBefore(limit)) {
                    t.messages.remove(m);
                    deletedTexts.add(m.text());
                    deleted++;
                }
            }
            if (t.messages.isEmpty()) {
                threads.remove(t.id);
            }
        }
        return deleted;
    }

    public synchronized int deleted() {
        return deleted;
    }

    public synchronized int visibleMessages() {
        return threads.values().stream().mapToInt(t -> t.messages.size()).sum();
    }

    /** A session id as a browser would hold it after logging in (for the pasted-cookie path). */
    public String openSession() {
        String sid = UUID.randomUUID().toString();
        sessions.add(sid);
        return sid;
    }

    public long count(String method, String pathPrefix) {
        return log.stream().filter(h -> h.method().equals(method) && h.path().startsWith(pathPrefix)).count();
    }

    private void serve(Request request, Response response, Callback callback) throws Exception {
        expire();
        String path = Request.getPathInContext(request);
        String query = request.getHttpURI().getQuery();
        String full = query == null ? path : path + '?' + query;
        String method = request.getMethod();
        String ua = request.getHeaders().get(HttpHeader.USER_AGENT);
        Long retry = tooManyOnce.remove(full);
        if (retry != null) {
            log.add(new Hit(method, full, System.nanoTime(), ua, 429));
            response.setStatus(429);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(retry));
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8"); //$NON-NLS-1$
            Content.Sink.write(response, true, "<html><body>slow down</body></html>", callback); //$NON-NLS-1$
            return;
        }
        boolean logged = isLoggedIn(request);
        int status = 200;
        String html;
        if (path.equals("/login") && method.equals("GET")) { //$NON-NLS-1$ //$NON-NLS-2$
            html = loginPage(false);
        } else if (path.equals("/login") && method.equals("POST")) { //$NON-NLS-1$ //$NON-NLS-2$
            Fields f = Request.getParameters(request);
            if (USER.equals(f.getValue("username")) && PASSWORD.equals(f.getValue("password")) //$NON-NLS-1$ //$NON-NLS-2$
                    && CSRF.equals(f.getValue("csrf"))) { //$NON-NLS-1$
                String sid = openSession();
                log.add(new Hit(method, full, System.nanoTime(), ua, 303));
                response.setStatus(303);
                response.getHeaders().put(HttpHeader.SET_COOKIE, "sid=" + sid + "; Path=/; HttpOnly"); //$NON-NLS-1$ //$NON-NLS-2$
                response.getHeaders().put(HttpHeader.LOCATION, "/inbox"); //$NON-NLS-1$
                callback.succeeded();
                return;
            }
            html = loginPage(true);
        } else if (path.startsWith("/img/") || path.startsWith("/js/")) { //$NON-NLS-1$ //$NON-NLS-2$
            html = "<html></html>"; //$NON-NLS-1$
        } else if (!logged) {
            log.add(new Hit(method, full, System.nanoTime(), ua, 302));
            response.setStatus(302);
            response.getHeaders().put(HttpHeader.LOCATION, "/login"); //$NON-NLS-1$
            callback.succeeded();
            return;
        } else if (path.equals("/inbox")) { //$NON-NLS-1$
            int page = query != null && query.startsWith("page=") ? Integer.parseInt(query.substring(5)) : 1; //$NON-NLS-1$
            html = inboxPage(page);
        } else if (path.startsWith("/thread/")) { //$NON-NLS-1$
            int id = Integer.parseInt(path.substring(8));
            Thread t = threads.get(id);
            if (id == brokenThread) {
                status = 500;
                html = "<html><body><h1>Internal error</h1><div class=\"message\">half a mess"; //$NON-NLS-1$
            } else if (t == null) {
                status = 404;
                html = "<html><body>gone</body></html>"; //$NON-NLS-1$
            } else {
                html = threadPage(t);
            }
        } else {
            status = 404;
            html = "<html><body>not found</body></html>"; //$NON-NLS-1$
        }
        log.add(new Hit(method, full, System.nanoTime(), ua, status));
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8"); //$NON-NLS-1$
        Content.Sink.write(response, true, html, callback);
    }

    private boolean isLoggedIn(Request request) {
        for (org.eclipse.jetty.http.HttpCookie c : Request.getCookies(request)) {
            if (c.getName().equals("sid") && sessions.contains(c.getValue())) { //$NON-NLS-1$
                return true;
            }
        }
        return false;
    }

    private static String chrome(String body) {
        // Images and scripts a browser would load: the puller must never fetch them.
        return "<!DOCTYPE html><html><head><title>Quartier Sim</title><script src=\"/js/app.js\"></script>" //$NON-NLS-1$
                + "<link rel=\"stylesheet\" href=\"/img/style.css\"></head><body><img src=\"/img/logo.png\">" + body //$NON-NLS-1$
                + "</body></html>"; //$NON-NLS-1$
    }

    private static String loginPage(boolean error) {
        return chrome((error ? "<p class=\"login-error\">Identifiants incorrects</p>" : "") //$NON-NLS-1$ //$NON-NLS-2$
                + "<form id=\"login\" method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"csrf\" value=\"" + CSRF //$NON-NLS-1$
                + "\"><input name=\"username\"><input type=\"password\" name=\"password\">" //$NON-NLS-1$
                + "<input type=\"submit\" name=\"go\" value=\"Entrer\"></form>"); //$NON-NLS-1$
    }

    private synchronized String inboxPage(int page) {
        List<Thread> all = new ArrayList<>(threads.values());
        // Newest activity first, as inboxes do.
        all.sort((a, b) -> last(b).compareTo(last(a)));
        int from = (page - 1) * pageSize;
        List<Thread> shown = from >= all.size() ? List.of() : all.subList(from, Math.min(all.size(), from + pageSize));
        StringBuilder b = new StringBuilder("<a class=\"logout\" href=\"/logout\">Sortir</a>"); //$NON-NLS-1$
        if (inboxLayoutChanged) {
            b.append("<div class=\"conversations\">"); //$NON-NLS-1$
            for (Thread t : shown) {
                b.append("<div class=\"conv\"><a href=\"/thread/").append(t.id).append("\">").append(t.title).append("</a></div>"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            }
            b.append("</div>"); //$NON-NLS-1$
        } else {
            b.append("<ul class=\"threads\">"); //$NON-NLS-1$
            for (Thread t : shown) {
                b.append("<li><a class=\"thread\" href=\"/thread/").append(t.id).append("\">").append(t.title) //$NON-NLS-1$ //$NON-NLS-2$
                        .append("</a></li>"); //$NON-NLS-1$
            }
            b.append("</ul>"); //$NON-NLS-1$
            b.append("<a class=\"ad\" href=\"https://ads.example.com/x\">pub</a>"); //$NON-NLS-1$
        }
        if (from + pageSize < all.size()) {
            b.append("<a rel=\"next\" href=\"/inbox?page=").append(page + 1).append("\">suivant</a>"); //$NON-NLS-1$ //$NON-NLS-2$
        }
        return chrome(b.toString());
    }

    private static Instant last(Thread t) {
        return t.messages.isEmpty() ? Instant.EPOCH : t.messages.get(t.messages.size() - 1).at();
    }

    private String threadPage(Thread t) {
        StringBuilder b = new StringBuilder("<a class=\"logout\" href=\"/logout\">Sortir</a>"); //$NON-NLS-1$
        b.append("<h1 class=\"thread-title\">").append(t.title).append("</h1>"); //$NON-NLS-1$ //$NON-NLS-2$
        for (Msg m : t.messages) {
            if (threadLayoutChanged) {
                b.append("<section class=\"bubble-v2\"><b>").append(m.author()).append("</b><em>").append(m.at()) //$NON-NLS-1$ //$NON-NLS-2$
                        .append("</em>").append(m.text()).append("</section>"); //$NON-NLS-1$ //$NON-NLS-2$
            } else {
                b.append("<div class=\"message").append(m.outbound() ? " me" : "").append("\"><span class=\"author\">") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
                        .append(m.author()).append("</span><time datetime=\"").append(m.at()).append("\">") //$NON-NLS-1$ //$NON-NLS-2$
                        .append(m.at()).append("</time><p class=\"text\">").append(m.text()).append("</p>") //$NON-NLS-1$ //$NON-NLS-2$
                        .append("<img src=\"/img/avatar.png\"></div>"); //$NON-NLS-1$
            }
        }
        return chrome(b.toString());
    }

    /** The site profile the tests use, with its web section. */
    public static String profileJson() {
        return """
                {
                  "id": "sim",
                  "platform": "ad_inbox",
                  "priority": 50,
                  "title": "h1.thread-title",
                  "message": "div.message",
                  "author": ".author",
                  "text": ".text",
                  "time": "time",
                  "timeAttr": ["datetime"],
                  "outbound": ".me",
                  "web": {
                    "login": "/login",
                    "loginForm": "form#login",
                    "userField": "username",
                    "passwordField": "password",
                    "loginError": ".login-error",
                    "loggedIn": "a.logout",
                    "inbox": "/inbox",
                    "inboxMarker": "ul.threads",
                    "threadLink": "ul.threads a.thread",
                    "nextPage": "a[rel=next]"
                  }
                }
                """; //$NON-NLS-1$
    }

    public Duration since(Instant i) {
        return Duration.between(i, clock.instant());
    }
}
