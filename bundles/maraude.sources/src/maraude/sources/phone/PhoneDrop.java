package maraude.sources.phone;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Enumeration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartConfig;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.osgi.util.NLS;

import maraude.imports.ImportReport;
import maraude.sources.Messages;

/**
 * Receives an export from a phone on the local network, without any cloud: an embedded Jetty
 * serving HTTPS (self-signed certificate of {@link TlsIdentity}, fingerprint shown to the user) only
 * while the workbench dialog is open. The phone opens the URL of the QR code — or types the short
 * code on the root page — gets a small upload page (no external resource, no script), and posts
 * the file.
 * <p>
 * The token in the URL is valid for a few minutes and one session: it binds to the first phone
 * that uses it and is spent by the first upload that imports something. Refusals: wrong, expired or
 * spent token 403; body too large 413; not a multipart form, or a file that is neither a zip nor a
 * text export 415; a zip with unsafe entry names (zip slip) 400 — and nothing imported. The
 * received file is written in the archive folder only for the import and deleted right after; for a
 * protected archive ({@link Config#inMemory()}) it is written in a private memory-backed folder
 * instead, so that no clear byte of it ever reaches the archive's disk.
 */
public final class PhoneDrop implements AutoCloseable {

    /**
     * How the server runs. {@code bindHost} "0.0.0.0" listens on every interface. {@code inMemory}:
     * the archive is protected, so an upload must never reach its disk in clear: it is received and
     * handed to the import in a private memory-backed folder ({@code /dev/shm}), deleted right after.
     */
    public record Config(String bindHost, int port, String advertisedHost, Duration tokenTtl, long maxUploadBytes,
            Clock clock, boolean inMemory) {

        /** Every interface, an ephemeral port, the first local network address, 10 minutes, 256 MB. */
        public static Config defaults() {
            var addresses = TlsIdentity.localAddresses(false);
            return new Config("0.0.0.0", 0, addresses.isEmpty() ? "127.0.0.1" : addresses.get(0), //$NON-NLS-1$ //$NON-NLS-2$
                    Duration.ofMinutes(10), 256L << 20, Clock.systemUTC(), false);
        }

        /**
         * Whether a phone can reach the advertised address: false when it listens on every interface
         * but this machine has no private-range address (no Wi-Fi or LAN), so that the only address
         * left is loopback, which no phone reaches.
         */
        public boolean phoneCanReach() {
            return advertisedHost != null
                    && (!advertisedHost.startsWith("127.") || bindHost.startsWith("127.")); //$NON-NLS-1$ //$NON-NLS-2$
        }

        /** Loopback only: tests and a phone connected by USB tethering. */
        public static Config loopback() {
            return new Config("127.0.0.1", 0, "127.0.0.1", Duration.ofMinutes(10), 256L << 20, Clock.systemUTC(), false); //$NON-NLS-1$ //$NON-NLS-2$
        }

        public Config withMaxUploadBytes(long v) {
            return new Config(bindHost, port, advertisedHost, tokenTtl, v, clock, inMemory);
        }

        public Config withTokenTtl(Duration v) {
            return new Config(bindHost, port, advertisedHost, v, maxUploadBytes, clock, inMemory);
        }

        public Config withClock(Clock v) {
            return new Config(bindHost, port, advertisedHost, tokenTtl, maxUploadBytes, v, inMemory);
        }

        /** For a protected archive: uploads never touch the disk in clear (see {@link Config}). */
        public Config withInMemory(boolean v) {
            return new Config(bindHost, port, advertisedHost, tokenTtl, maxUploadBytes, clock, v);
        }
    }

    private static final int MAX_CODE_TRIES = 10;
    private static final int MAX_ZIP_ENTRIES = 20_000;
    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; img-src 'none'"; //$NON-NLS-1$
    private static final String PAGE_STYLE = "body{font-family:sans-serif;margin:1.5em;max-width:40em}" //$NON-NLS-1$
            + "input,button{font-size:1.2em;margin:.5em 0}"; //$NON-NLS-1$

    private final Server server;
    private final ServerConnector connector;
    private final TlsIdentity identity;
    private final Config config;
    private final UploadImporter importer;
    private final Consumer<ImportReport> listener;
    private final Path incoming;
    private final String token;
    private final String shortCode;
    private final Instant expires;
    private final AtomicReference<String> boundTo = new AtomicReference<>();
    /** 0 free, 1 an upload is being read, 2 spent. */
    private final AtomicInteger tokenState = new AtomicInteger();
    private final AtomicInteger codeTries = new AtomicInteger();
    private final AtomicInteger imported = new AtomicInteger();

    private PhoneDrop(Path folder, Config config, UploadImporter importer, Consumer<ImportReport> listener)
            throws IOException {
        this.config = config;
        this.importer = importer;
        this.listener = listener == null ? r -> {
        } : listener;
        this.identity = TlsIdentity.loadOrCreate(folder);
        this.incoming = config.inMemory() ? memoryFolder() : folder.resolve("incoming"); //$NON-NLS-1$
        Files.createDirectories(incoming);
        SecureRandom random = new SecureRandom();
        byte[] t = new byte[24];
        random.nextBytes(t);
        this.token = Base64.getUrlEncoder().withoutPadding().encodeToString(t);
        this.shortCode = String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000)); //$NON-NLS-1$
        this.expires = config.clock().instant().plus(config.tokenTtl());

        QueuedThreadPool pool = new QueuedThreadPool(8, 2);
        pool.setName("maraude-phone-drop"); //$NON-NLS-1$
        pool.setDaemon(true);
        server = new Server(pool);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(identity.keyStore());
        ssl.setKeyStorePassword(new String(identity.password()));
        ssl.setSniRequired(false);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        SecureRequestCustomizer src = new SecureRequestCustomizer();
        src.setSniHostCheck(false); // phones connect by IP address, without SNI
        http.addCustomizer(src);
        connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), //$NON-NLS-1$
                new HttpConnectionFactory(http));
        connector.setHost(config.bindHost());
        connector.setPort(config.port());
        server.addConnector(connector);
        server.setHandler(new DropHandler());
        server.setStopTimeout(2_000);
    }

    /**
     * Starts a drop session. The caller closes it (the dialog, when it closes).
     *
     * @param folder   where the TLS identity lives and uploads are received ({@code <archive>/phone-drop})
     * @param listener told of every successful import (on a server thread)
     */
    public static PhoneDrop start(Path folder, Config config, UploadImporter importer, Consumer<ImportReport> listener)
            throws IOException {
        PhoneDrop d = new PhoneDrop(folder, config, importer, listener);
        try {
            d.server.start();
        } catch (Exception e) {
            d.close();
            throw new IOException("phone drop server could not start: " + e.getClass().getSimpleName(), e); //$NON-NLS-1$
        }
        return d;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The URL the QR code carries: HTTPS, local address, port and the one-time token. */
    public URI url() {
        return URI.create("https://" + config.advertisedHost() + ':' + port() + "/d/" + token); //$NON-NLS-1$ //$NON-NLS-2$
    }

    /** The page where the short code is typed instead of scanning. */
    public URI codeUrl() {
        return URI.create("https://" + config.advertisedHost() + ':' + port() + '/'); //$NON-NLS-1$
    }

    public String token() {
        return token;
    }

    public String shortCode() {
        return shortCode;
    }

    public String fingerprint() {
        return identity.fingerprint();
    }

    public java.security.cert.X509Certificate certificate() {
        return identity.certificate();
    }

    public Instant expires() {
        return expires;
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    /** Uploads imported so far in this session. */
    public int uploads() {
        return imported.get();
    }

    /** Stops the server: the port is closed when this returns. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping is best effort; the connector is closed below in any case
        } finally {
            connector.close();
            deleteTree(incoming);
        }
    }

    /** Linux's memory-backed file system; another can be named with {@code -Dmaraude.memoryFolder}. */
    static final String MEMORY_FOLDER = "/dev/shm"; //$NON-NLS-1$

    /**
     * A folder only this user can read, in memory (tmpfs): the import reads a path, and a zip needs
     * random access, so the upload is a file there for the few seconds of the import, never on the
     * archive's disk. Without such a file system an upload to a protected archive is refused rather
     * than written in clear.
     */
    static Path memoryFolder() throws IOException {
        Path shm = Path.of(System.getProperty("maraude.memoryFolder", MEMORY_FOLDER)); //$NON-NLS-1$
        if (!Files.isDirectory(shm) || !Files.isWritable(shm)) {
            throw new IOException("no memory-backed folder (" + shm + ") to receive uploads for a protected archive"); //$NON-NLS-1$ //$NON-NLS-2$
        }
        try {
            return Files.createTempDirectory(shm, "maraude-drop-", //$NON-NLS-1$
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"))); //$NON-NLS-1$
        } catch (UnsupportedOperationException e) {
            throw new IOException("no private memory-backed folder in " + shm, e); //$NON-NLS-1$
        }
    }

    /** Where uploads wait for the import while they are read (tests check it stays empty of content). */
    public Path incomingFolder() {
        return incoming;
    }

    private boolean tokenValid(String t, String remote) {
        if (t == null || !constantTimeEquals(t, token) || tokenState.get() == 2
                || !config.clock().instant().isBefore(expires)) {
            return false;
        }
        // One session: the first device that uses the token keeps it.
        boundTo.compareAndSet(null, remote);
        return remote.equals(boundTo.get());
    }

    private static boolean constantTimeEquals(String a, String b) {
        return java.security.MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private final class DropHandler extends Handler.Abstract {

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            try {
                route(request, response, callback);
            } catch (RuntimeException e) {
                page(response, callback, 500, Messages.phoneFailed);
            }
            return true;
        }

        private void route(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            String method = request.getMethod();
            String remote = Request.getRemoteAddr(request);
            if (path.equals("/") && method.equals("GET")) { //$NON-NLS-1$ //$NON-NLS-2$
                codePage(response, callback);
            } else if (path.equals("/c") && method.equals("GET")) { //$NON-NLS-1$ //$NON-NLS-2$
                Fields q = Request.extractQueryParameters(request);
                String code = q.getValue("code"); //$NON-NLS-1$
                if (code != null && codeTries.incrementAndGet() <= MAX_CODE_TRIES && constantTimeEquals(code.strip(), shortCode)
                        && tokenValid(token, remote)) {
                    response.setStatus(303);
                    response.getHeaders().put(HttpHeader.LOCATION, "/d/" + token); //$NON-NLS-1$
                    headers(response);
                    callback.succeeded();
                } else {
                    page(response, callback, 403, Messages.phoneForbidden);
                }
            } else if (path.startsWith("/d/")) { //$NON-NLS-1$
                String t = path.substring(3);
                if (!tokenValid(t, remote)) {
                    page(response, callback, 403, Messages.phoneForbidden);
                } else if (method.equals("GET")) { //$NON-NLS-1$
                    uploadPage(response, callback, t);
                } else if (method.equals("POST")) { //$NON-NLS-1$
                    upload(request, response, callback);
                } else {
                    page(response, callback, 405, Messages.phoneFailed);
                }
            } else {
                page(response, callback, 404, Messages.phoneForbidden);
            }
        }

        private void upload(Request request, Response response, Callback callback) {
            String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) { //$NON-NLS-1$
                page(response, callback, 415, Messages.phoneWrongType);
                return;
            }
            long length = request.getLength();
            if (length > config.maxUploadBytes() + 64 * 1024) {
                drain(request);
                page(response, callback, 413, Messages.phoneTooLarge);
                return;
            }
            if (!tokenState.compareAndSet(0, 1)) {
                page(response, callback, 403, Messages.phoneForbidden); // spent, or another upload is running
                return;
            }
            boolean spent = false;
            Path dir = null;
            try {
                dir = Files.createTempDirectory(incoming, "u"); //$NON-NLS-1$
                MultiPartConfig mpc = new MultiPartConfig.Builder().location(dir).maxParts(4)
                        .maxPartSize(config.maxUploadBytes()).maxSize(config.maxUploadBytes() + 64 * 1024)
                        .maxMemoryPartSize(64 * 1024).build();
                MultiPartFormData.Parts parts;
                try {
                    parts = MultiPartFormData.getParts(request, request, type, mpc);
                } catch (RuntimeException e) {
                    boolean tooBig = isTooLarge(e) || Request.getContentBytesRead(request) > config.maxUploadBytes();
                    drain(request);
                    page(response, callback, tooBig ? 413 : 400, tooBig ? Messages.phoneTooLarge : Messages.phoneFailed);
                    return;
                }
                try (parts) {
                    MultiPart.Part part = parts.getFirst("file"); //$NON-NLS-1$
                    if (part == null || part.getFileName() == null) {
                        page(response, callback, 415, Messages.phoneWrongType);
                        return;
                    }
                    Path file = dir.resolve(safeName(part.getFileName()));
                    part.writeTo(file);
                    Kind kind = kind(file);
                    if (kind == Kind.OTHER) {
                        page(response, callback, 415, Messages.phoneWrongType);
                        return;
                    }
                    if (kind == Kind.ZIP && !zipIsSafe(file)) {
                        page(response, callback, 400, Messages.phoneUnsafeZip);
                        return;
                    }
                    ImportReport report = importer.importUpload(file);
                    if (report.messagesAdded() + report.duplicatesSkipped() == 0) {
                        page(response, callback, 422, Messages.phoneNothingImported);
                        return;
                    }
                    spent = true;
                    imported.incrementAndGet();
                    listener.accept(report);
                    page(response, callback, 200, NLS.bind(Messages.phoneReceived, report.messagesAdded(),
                            report.duplicatesSkipped()));
                }
            } catch (Exception e) {
                page(response, callback, 500, Messages.phoneFailed);
            } finally {
                tokenState.set(spent ? 2 : 0);
                if (dir != null) {
                    deleteTree(dir);
                }
            }
        }

        private void codePage(Response response, Callback callback) {
            String body = "<p>" + esc(Messages.phoneCodeIntro) + "</p><form method=\"get\" action=\"/c\">" //$NON-NLS-1$ //$NON-NLS-2$
                    + "<input name=\"code\" inputmode=\"numeric\" autocomplete=\"off\" maxlength=\"6\" required> " //$NON-NLS-1$
                    + "<button type=\"submit\">" + esc(Messages.phoneCodeButton) + "</button></form>"; //$NON-NLS-1$ //$NON-NLS-2$
            html(response, callback, 200, body);
        }

        private void uploadPage(Response response, Callback callback, String t) {
            String body = "<p>" + esc(Messages.phoneIntro) + "</p>" //$NON-NLS-1$ //$NON-NLS-2$
                    + "<form method=\"post\" enctype=\"multipart/form-data\" action=\"/d/" + t + "\">" //$NON-NLS-1$ //$NON-NLS-2$
                    + "<label>" + esc(Messages.phoneChoose) //$NON-NLS-1$
                    + " <input type=\"file\" name=\"file\" accept=\".zip,.txt,application/zip,text/plain\" required></label><br>" //$NON-NLS-1$
                    + "<button type=\"submit\">" + esc(Messages.phoneSend) + "</button></form>"; //$NON-NLS-1$ //$NON-NLS-2$
            html(response, callback, 200, body);
        }

        private void page(Response response, Callback callback, int status, String text) {
            html(response, callback, status, "<p>" + esc(text) + "</p>"); //$NON-NLS-1$ //$NON-NLS-2$
        }

        private void html(Response response, Callback callback, int status, String body) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8"); //$NON-NLS-1$
            headers(response);
            String doc = "<!DOCTYPE html><html><head><meta charset=\"utf-8\">" //$NON-NLS-1$
                    + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" //$NON-NLS-1$
                    + "<title>" + esc(Messages.phoneTitle) + "</title><style>" + PAGE_STYLE + "</style></head><body><h1>" //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                    + esc(Messages.phoneTitle) + "</h1>" + body + "</body></html>"; //$NON-NLS-1$ //$NON-NLS-2$
            Content.Sink.write(response, true, doc, callback);
        }

        private void headers(Response response) {
            response.getHeaders().put("Content-Security-Policy", CSP); //$NON-NLS-1$
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store"); //$NON-NLS-1$
            response.getHeaders().put("Referrer-Policy", "no-referrer"); //$NON-NLS-1$ //$NON-NLS-2$
            response.getHeaders().put("X-Content-Type-Options", "nosniff"); //$NON-NLS-1$ //$NON-NLS-2$
        }
    }

    /** Bytes of a refused body read and dropped so that the phone sees the answer, not a reset. */
    private static final long DRAIN_LIMIT = 16L << 20;

    /**
     * Reads and drops what is left of a refused body, up to {@link #DRAIN_LIMIT}: a browser that is
     * still sending when the connection closes shows a network error instead of the 413 page.
     * Past the limit the connection is closed anyway.
     */
    private static void drain(Request request) {
        try {
            InputStream in = Request.asInputStream(request);
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            for (int n; total < DRAIN_LIMIT && (n = in.read(buf)) >= 0;) {
                total += n;
            }
        } catch (IOException | RuntimeException e) {
            // the client gave up: nothing to answer
        }
    }

    private static boolean isTooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("size") || m.contains("413") || m.contains("too large")) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                return true;
            }
        }
        return false;
    }

    enum Kind {
        ZIP, TEXT, OTHER
    }

    /** A zip by its magic number; a text export by its extension and the absence of NUL bytes. */
    static Kind kind(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(8192);
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return Kind.ZIP;
        }
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".txt") && head.length > 0) { //$NON-NLS-1$
            for (byte b : head) {
                if (b == 0) {
                    return Kind.OTHER;
                }
            }
            return Kind.TEXT;
        }
        return Kind.OTHER;
    }

    /** False when any entry could escape a folder it were extracted to (zip slip), or too many entries. */
    static boolean zipIsSafe(Path zip) {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            int n = 0;
            for (Enumeration<? extends ZipEntry> en = z.entries(); en.hasMoreElements();) {
                String name = en.nextElement().getName();
                if (++n > MAX_ZIP_ENTRIES || !safeEntry(name)) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static boolean safeEntry(String name) {
        return maraude.imports.EntryNames.isSafe(name);
    }

    /** The phone's file name, kept (WhatsApp names the chat in it) but never a path. */
    static String safeName(String fileName) {
        String n = fileName.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}:*?\"<>|]", "_").strip(); //$NON-NLS-1$ //$NON-NLS-2$
        if (n.isEmpty() || n.equals(".") || n.equals("..") || n.startsWith(".")) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            n = "upload" + n; //$NON-NLS-1$
        }
        return n.length() > 120 ? n.substring(n.length() - 120) : n;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
