package maraude.sources.phone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import maraude.core.archive.Archive;
import maraude.core.components.ComponentFiles;
import maraude.imports.ImportOptions;
import maraude.imports.ImportReport;
import maraude.imports.ImportService;
import maraude.sources.MutableClock;
import maraude.sources.TestSupport;

/** The phone drop over real HTTPS, with a client that trusts only the drop's own certificate. */
class PhoneDropTest {

    private static final String CHAT = "whatsapp/pustur_short_chat_android_en_2017.txt"; //$NON-NLS-1$

    @TempDir
    Path tmp;
    private Archive archive;
    private PhoneDrop drop;
    private HttpClient client;
    private MutableClock clock;
    private final List<ImportReport> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        archive = TestSupport.archive(tmp.resolve("archive")); //$NON-NLS-1$
        clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z")); //$NON-NLS-1$
        drop = PhoneDrop.start(archive.location().resolve("phone-drop"), //$NON-NLS-1$
                PhoneDrop.Config.loopback().withMaxUploadBytes(256 * 1024).withClock(clock),
                UploadImporter.into(archive, imports(), ImportOptions.defaults()), received::add);
        client = trustingOnly(drop);
    }

    @AfterEach
    void stop() {
        drop.close();
        archive.close();
    }

    static HttpClient trustingOnly(PhoneDrop d) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12"); //$NON-NLS-1$
        trust.load(null, null);
        trust.setCertificateEntry("drop", d.certificate()); //$NON-NLS-1$
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS"); //$NON-NLS-1$
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    static byte[] zip(String name, byte[] content, String... extraNames) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            z.putNextEntry(new ZipEntry(name));
            z.write(content);
            for (String e : extraNames) {
                z.putNextEntry(new ZipEntry(e));
                z.write("12/10/2017, 14:02 - X: y\n".getBytes(StandardCharsets.UTF_8)); //$NON-NLS-1$
            }
        }
        return b.toByteArray();
    }

    /** A multipart/form-data body as a browser sends it. */
    static HttpRequest.BodyPublisher multipart(String boundary, String fileName, String type, byte[] data) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName //$NON-NLS-1$ //$NON-NLS-2$
                + "\"\r\nContent-Type: " + type + "\r\n\r\n"; //$NON-NLS-1$ //$NON-NLS-2$
        b.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        b.writeBytes(data);
        b.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8)); //$NON-NLS-1$ //$NON-NLS-2$
        return HttpRequest.BodyPublishers.ofByteArray(b.toByteArray());
    }

    private HttpResponse<String> upload(URI url, String fileName, String type, byte[] data) throws Exception {
        String boundary = "----maraude" + System.nanoTime(); //$NON-NLS-1$
        return client.send(HttpRequest.newBuilder(url).header("Content-Type", "multipart/form-data; boundary=" + boundary) //$NON-NLS-1$ //$NON-NLS-2$
                .POST(multipart(boundary, fileName, type, data)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(URI url) throws Exception {
        return client.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private byte[] chatZip() throws IOException {
        return zip("WhatsApp Chat with Sam.txt", Files.readAllBytes(TestSupport.fixture(CHAT))); //$NON-NLS-1$
    }

    @Test
    void rightTokenImportsTheZipOnceThenTheTokenIsSpent() throws Exception {
        HttpResponse<String> page = get(drop.url());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("enctype=\"multipart/form-data\"")); //$NON-NLS-1$
        assertFalse(page.body().matches("(?s).*(src|href)=\"(https?:)?//.*"), "no external resource"); //$NON-NLS-1$ //$NON-NLS-2$
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$

        HttpResponse<String> r = upload(drop.url(), "WhatsApp Chat with Sam.zip", "application/zip", chatZip()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(200, r.statusCode(), r.body());
        long messages = archive.stats().messages();
        assertTrue(messages >= 5, "messages: " + messages); //$NON-NLS-1$
        assertEquals(1, received.size());
        assertEquals(messages, received.get(0).messagesAdded());
        assertEquals(1, drop.uploads());

        HttpResponse<String> reused = upload(drop.url(), "again.zip", "application/zip", chatZip()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(403, reused.statusCode());
        assertEquals(403, get(drop.url()).statusCode());
        assertEquals(messages, archive.stats().messages());
        try (var left = Files.list(archive.location().resolve("phone-drop").resolve("incoming"))) { //$NON-NLS-1$ //$NON-NLS-2$
            assertEquals(0, left.count(), "the upload is not kept"); //$NON-NLS-1$
        }
    }

    @Test
    void plainTextExportIsAcceptedToo() throws Exception {
        HttpResponse<String> r = upload(drop.url(), "WhatsApp Chat with Sam.txt", "text/plain", //$NON-NLS-1$ //$NON-NLS-2$
                Files.readAllBytes(TestSupport.fixture(CHAT)));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(archive.stats().messages() > 0);
    }

    @Test
    void wrongOrExpiredTokenIsForbiddenAndImportsNothing() throws Exception {
        String t = drop.token();
        String other = (t.charAt(0) == 'A' ? "B" : "A") + t.substring(1); //$NON-NLS-1$ //$NON-NLS-2$
        URI wrong = URI.create(drop.url().toString().replace(t, other));
        assertEquals(403, upload(wrong, "c.zip", "application/zip", chatZip()).statusCode()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(403, upload(drop.url().resolve("/d/"), "c.zip", "application/zip", chatZip()).statusCode()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(403, get(drop.url().resolve("/c?code=000000x")).statusCode()); //$NON-NLS-1$
        clock.advance(Duration.ofMinutes(11));
        assertEquals(403, upload(drop.url(), "c.zip", "application/zip", chatZip()).statusCode()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(0, archive.stats().messages());
        assertTrue(received.isEmpty());
    }

    @Test
    void shortCodeLeadsToTheUploadPage() throws Exception {
        HttpResponse<String> root = get(drop.codeUrl());
        assertEquals(200, root.statusCode());
        assertTrue(root.body().contains("name=\"code\"")); //$NON-NLS-1$
        HttpResponse<String> r = get(drop.codeUrl().resolve("/c?code=" + drop.shortCode())); //$NON-NLS-1$
        assertEquals(303, r.statusCode());
        assertEquals("/d/" + drop.token(), r.headers().firstValue("Location").orElseThrow()); //$NON-NLS-1$ //$NON-NLS-2$
    }

    @Test
    void oversizedBodyIs413AndImportsNothing() throws Exception {
        byte[] big = new byte[600 * 1024];
        new java.util.Random(1).nextBytes(big);
        big[0] = 'P';
        big[1] = 'K';
        big[2] = 3;
        big[3] = 4;
        HttpResponse<String> r = upload(drop.url(), "big.zip", "application/zip", big); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(413, r.statusCode());
        assertEquals(0, archive.stats().messages());
        // A refusal does not spend the token: the right file still goes through.
        assertEquals(200, upload(drop.url(), "chat.zip", "application/zip", chatZip()).statusCode()); //$NON-NLS-1$ //$NON-NLS-2$
    }

    @Test
    void oversizedBodyWithoutALengthIs413WhenItsReadPastTheLimit() throws Exception {
        // Chunked: no Content-Length to refuse it up front; the count while reading does, by its exception type.
        byte[] big = new byte[600 * 1024];
        new java.util.Random(2).nextBytes(big);
        String boundary = "----maraude" + System.nanoTime(); //$NON-NLS-1$
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(drop.url())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary) //$NON-NLS-1$ //$NON-NLS-2$
                .POST(HttpRequest.BodyPublishers.fromPublisher(multipart(boundary, "big.zip", "application/zip", big))) //$NON-NLS-1$ //$NON-NLS-2$
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode(), r.body());
        assertEquals(0, archive.stats().messages());
        assertEquals(200, upload(drop.url(), "chat.zip", "application/zip", chatZip()).statusCode()); //$NON-NLS-1$ //$NON-NLS-2$
    }

    @Test
    void tooLargeIsToldByTypeThroughTheParsersWrapping() {
        Exception wrapped = new IllegalStateException("parse failed", //$NON-NLS-1$
                new java.util.concurrent.ExecutionException(new UploadTooLargeException(10)));
        assertTrue(UploadTooLargeException.in(wrapped));
        assertFalse(UploadTooLargeException.in(new IllegalStateException("max file size exceeded: 10"))); //$NON-NLS-1$
    }

    @Test
    void zipSlipIsRefusedWithNothingImported() throws Exception {
        byte[] evil = zip("WhatsApp Chat with Sam.txt", Files.readAllBytes(TestSupport.fixture(CHAT)), //$NON-NLS-1$
                "../../.bashrc"); //$NON-NLS-1$
        HttpResponse<String> r = upload(drop.url(), "chat.zip", "application/zip", evil); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(400, r.statusCode());
        assertEquals(0, archive.stats().messages(), "not even the safe entry"); //$NON-NLS-1$
        for (String bad : new String[] { "/etc/passwd", "a/../../b", "C:\\x", "..\\..\\x" }) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
            assertFalse(UploadChecks.safeEntry(bad), bad);
        }
        assertTrue(UploadChecks.safeEntry("media/IMG-001.jpg")); //$NON-NLS-1$
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        HttpResponse<String> notMultipart = client.send(HttpRequest.newBuilder(drop.url())
                .header("Content-Type", "application/zip").POST(HttpRequest.BodyPublishers.ofByteArray(chatZip())).build(), //$NON-NLS-1$ //$NON-NLS-2$
                HttpResponse.BodyHandlers.ofString());
        assertEquals(415, notMultipart.statusCode());
        byte[] png = QrCode.png(QrCode.matrix("x", 1), 2); //$NON-NLS-1$
        assertEquals(415, upload(drop.url(), "photo.png", "image/png", png).statusCode()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(415, upload(drop.url(), "fake.txt", "text/plain", png).statusCode(), "binary named .txt"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(0, archive.stats().messages());
    }

    @Test
    void serverIsGoneAfterClose() throws Exception {
        int port = drop.port();
        assertTrue(drop.isRunning());
        drop.close();
        assertFalse(drop.isRunning());
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close()); //$NON-NLS-1$
    }

    @Test
    void certificateIsKeptAcrossSessionsAndFingerprintShown() throws Exception {
        String fp = drop.fingerprint();
        assertTrue(fp.matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), fp); //$NON-NLS-1$
        drop.close();
        drop = PhoneDrop.start(archive.location().resolve("phone-drop"), PhoneDrop.Config.loopback(), //$NON-NLS-1$
                f -> null, null);
        assertEquals(fp, drop.fingerprint(), "same certificate: the user compares the same fingerprint"); //$NON-NLS-1$
    }

    @Test
    void qrCodeCarriesTheUrlAndToken() throws Exception {
        String url = drop.url().toString();
        boolean[][] m = QrCode.matrix(url, QrCode.QUIET_ZONE);
        int scale = 4;
        int size = m.length * scale;
        int[] pixels = new int[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                pixels[y * size + x] = m[y / scale][x / scale] ? 0xFF000000 : 0xFFFFFFFF;
            }
        }
        // A rendered code, not a photo: decode it as a pure barcode (the finder-pattern search of
        // zxing's camera path misses some synthetic renderings).
        String decoded = new QRCodeReader()
                .decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(size, size, pixels))),
                        java.util.Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE))
                .getText();
        assertEquals(url, decoded);
        assertTrue(decoded.contains(drop.token()));
        byte[] png = QrCode.png(m, 3);
        assertArrayEquals(new byte[] { (byte) 0x89, 'P', 'N', 'G' }, java.util.Arrays.copyOf(png, 4));
        assertEquals(m.length * 3, java.nio.ByteBuffer.wrap(png, 16, 4).getInt(), "IHDR width"); //$NON-NLS-1$
        assertTrue(drop.shortCode().matches("\\d{6}")); //$NON-NLS-1$
    }

    /** The import service as DS wires it, from the imports bundle's generated component files. */
    private static ImportService imports() throws java.io.IOException {
        return ComponentFiles.of(ImportService.class).service(ImportService.class);
    }
}
