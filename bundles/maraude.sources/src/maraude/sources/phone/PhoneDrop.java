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
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

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
 * <p>
 * This class is the server and the session (token, code, routing, the upload's flow); the pages
 * are {@link DropPages}, the checks of an upload {@link UploadChecks}.
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
    /** Room for the form's headers and boundaries around the file. */
    private static final long FORM_OVERHEAD = 64 * 1024;

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
                DropPages.page(response, callback, 500, Messages.phoneFailed);
            }
            return true;
        }

        private void route(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            String method = request.getMethod();
            String remote = Request.getRemoteAddr(request);
            if (path.equals("/") && method.equals("GET")) { //$NON-NLS-1$ //$NON-NLS-2$
                DropPages.codePage(response, callback);
            } else if (path.equals("/c") && method.equals("GET")) { //$NON-NLS-1$ //$NON-NLS-2$
                Fields q = Request.extractQueryParameters(request);
                String code = q.getValue("code"); //$NON-NLS-1$
                if (code != null && codeTries.incrementAndGet() <= MAX_CODE_TRIES && constantTimeEquals(code.strip(), shortCode)
                        && tokenValid(token, remote)) {
                    response.setStatus(303);
                    response.getHeaders().put(HttpHeader.LOCATION, "/d/" + token); //$NON-NLS-1$
                    DropPages.headers(response);
                    callback.succeeded();
                } else {
                    DropPages.page(response, callback, 403, Messages.phoneForbidden);
                }
            } else if (path.startsWith("/d/")) { //$NON-NLS-1$
                String t = path.substring(3);
                if (!tokenValid(t, remote)) {
                    DropPages.page(response, callback, 403, Messages.phoneForbidden);
                } else if (method.equals("GET")) { //$NON-NLS-1$
                    DropPages.uploadPage(response, callback, t);
                } else if (method.equals("POST")) { //$NON-NLS-1$
                    upload(request, response, callback);
                } else {
                    DropPages.page(response, callback, 405, Messages.phoneFailed);
                }
            } else {
                DropPages.page(response, callback, 404, Messages.phoneForbidden);
            }
        }

        private void upload(Request request, Response response, Callback callback) {
            String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) { //$NON-NLS-1$
                DropPages.page(response, callback, 415, Messages.phoneWrongType);
                return;
            }
            long length = request.getLength();
            long limit = config.maxUploadBytes() + FORM_OVERHEAD;
            if (length > limit) {
                drain(request, response);
                DropPages.page(response, callback, 413, Messages.phoneTooLarge);
                return;
            }
            if (!tokenState.compareAndSet(0, 1)) {
                DropPages.page(response, callback, 403, Messages.phoneForbidden); // spent, or another upload is running
                return;
            }
            boolean spent = false;
            Path dir = null;
            try {
                dir = Files.createTempDirectory(incoming, "u"); //$NON-NLS-1$
                // The body is counted as it is read: past the limit the read fails with
                // UploadTooLargeException, which the parser hands back as the cause of its failure.
                // Its own limits are off, their failures being told apart only by their messages.
                MultiPartConfig mpc = new MultiPartConfig.Builder().location(dir).maxParts(4)
                        .maxPartSize(-1).maxSize(-1).maxMemoryPartSize(64 * 1024).build();
                LimitedRequest limited = new LimitedRequest(request, limit);
                MultiPartFormData.Parts parts;
                try {
                    parts = MultiPartFormData.getParts(limited, limited, type, mpc);
                } catch (RuntimeException e) {
                    boolean tooBig = UploadTooLargeException.in(e);
                    drain(request, response);
                    DropPages.page(response, callback, tooBig ? 413 : 400, tooBig ? Messages.phoneTooLarge : Messages.phoneFailed);
                    return;
                }
                try (parts) {
                    MultiPart.Part part = parts.getFirst("file"); //$NON-NLS-1$
                    if (part == null || part.getFileName() == null) {
                        DropPages.page(response, callback, 415, Messages.phoneWrongType);
                        return;
                    }
                    Path file = dir.resolve(UploadChecks.safeName(part.getFileName()));
                    part.writeTo(file);
                    UploadChecks.Kind kind = UploadChecks.kind(file);
                    if (kind == UploadChecks.Kind.OTHER) {
                        DropPages.page(response, callback, 415, Messages.phoneWrongType);
                        return;
                    }
                    if (kind == UploadChecks.Kind.ZIP && !UploadChecks.zipIsSafe(file)) {
                        DropPages.page(response, callback, 400, Messages.phoneUnsafeZip);
                        return;
                    }
                    ImportReport report = importer.importUpload(file);
                    if (report.messagesAdded() + report.duplicatesSkipped() == 0) {
                        DropPages.page(response, callback, 422, Messages.phoneNothingImported);
                        return;
                    }
                    spent = true;
                    imported.incrementAndGet();
                    listener.accept(report);
                    DropPages.page(response, callback, 200, NLS.bind(Messages.phoneReceived, report.messagesAdded(),
                            report.duplicatesSkipped()));
                }
            } catch (Exception e) {
                DropPages.page(response, callback, 500, Messages.phoneFailed);
            } finally {
                tokenState.set(spent ? 2 : 0);
                if (dir != null) {
                    deleteTree(dir);
                }
            }
        }
    }

    /** The request with its body counted: a read past {@code limit} bytes fails with {@link UploadTooLargeException}. */
    static final class LimitedRequest extends Request.Wrapper {

        private final long limit;
        private long read;

        LimitedRequest(Request request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = super.read();
            if (chunk == null || Content.Chunk.isFailure(chunk)) {
                return chunk;
            }
            read += chunk.remaining();
            if (read > limit) {
                chunk.release();
                return Content.Chunk.from(new UploadTooLargeException(limit), true);
            }
            return chunk;
        }

        /**
         * The parser fails its source when a read fails; past the limit that failure is ours and the
         * request's own body must stay readable, so that {@link PhoneDrop#drain} can read the rest and
         * the phone gets the 413 page instead of a connection reset.
         */
        @Override
        public void fail(Throwable failure) {
            if (read <= limit) {
                super.fail(failure);
            }
        }
    }

    /** Bytes of a refused body read and dropped so that the phone sees the answer, not a reset. */
    private static final long DRAIN_LIMIT = 16L << 20;

    /**
     * Reads and drops what is left of a refused body, up to {@link #DRAIN_LIMIT}: a browser that is
     * still sending when the connection closes shows a network error instead of the 413 page.
     * Past the limit the connection is closed anyway.
     */
    private static void drain(Request request, Response response) {
        // what is left of the body is dropped, not parsed: the connection is not used again
        response.getHeaders().put(HttpHeader.CONNECTION, "close"); //$NON-NLS-1$
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
