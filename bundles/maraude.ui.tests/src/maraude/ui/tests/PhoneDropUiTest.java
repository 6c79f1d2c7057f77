package maraude.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.sources.phone.PhoneDrop;
import maraude.ui.parts.QueuePart;
import maraude.ui.sources.PhoneDropDialog;
import maraude.ui.sources.ReceiveFromPhoneHandler;

/**
 * The phone drop from the workbench: the dialog opened through its handler shows a URL; a "phone"
 * (this test) that trusts only the certificate whose fingerprint the dialog shows uploads a
 * WhatsApp export over HTTPS; the conversation appears in the queue; closing the dialog stops the
 * server.
 */
class PhoneDropUiTest {

    private static Path archiveFolder;
    private static WorkbenchDriver workbench;

    @BeforeAll
    static void start() throws Exception {
        archiveFolder = Files.createTempDirectory("maraude-phonedrop-ui"); //$NON-NLS-1$
        workbench = WorkbenchDriver.start(archiveFolder);
    }

    @AfterAll
    static void close() throws Exception {
        if (workbench != null) {
            workbench.close();
        }
    }

    /** Trusts exactly the certificate whose SHA-256 fingerprint the user read on the screen. */
    static SSLContext trustingFingerprint(String shown) throws Exception {
        X509TrustManager tm = new X509TrustManager() {
            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                try {
                    byte[] d = MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded()); //$NON-NLS-1$
                    if (!HexFormat.ofDelimiter(":").withUpperCase().formatHex(d).equals(shown.strip())) { //$NON-NLS-1$
                        throw new CertificateException("fingerprint differs from the one shown"); //$NON-NLS-1$
                    }
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new CertificateException(e);
                }
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("no client certificates"); //$NON-NLS-1$
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext ssl = SSLContext.getInstance("TLS"); //$NON-NLS-1$
        ssl.init(null, new TrustManager[] { tm }, null);
        return ssl;
    }

    @Test
    void uploadFromThePhoneShowsTheConversationAndCloseStopsTheServer() throws Exception {
        QueuePart queue = (QueuePart) workbench.showPart("maraude.perspective.permanence", QueuePart.ID); //$NON-NLS-1$
        // Open the dialog through the handler, as the menu item will (modal: runs in its own event loop).
        workbench.display().asyncExec(() -> {
            IEclipseContext ctx = workbench.application().getChildren().get(0).getContext();
            IEclipseContext child = ctx.createChild("phone-drop-test"); //$NON-NLS-1$
            child.set(ReceiveFromPhoneHandler.CONFIG_KEY, PhoneDrop.Config.loopback());
            ContextInjectionFactory.invoke(new ReceiveFromPhoneHandler(), Execute.class, child);
        });
        Text url = workbench.widget(PhoneDropDialog.ID_URL);
        workbench.waitUntil(() -> !workbench.sync(url::getText).isEmpty(), "the dialog to show the URL"); //$NON-NLS-1$
        URI target = URI.create(workbench.sync(url::getText));
        Text fingerprint = workbench.widget(PhoneDropDialog.ID_FINGERPRINT);
        Label code = workbench.widget(PhoneDropDialog.ID_CODE);
        assertTrue(workbench.sync(code::getText).matches("\\d{3} \\d{3}")); //$NON-NLS-1$
        Label qr = workbench.widget(PhoneDropDialog.ID_QR);
        assertTrue(workbench.sync(() -> qr.getImage() != null));
        workbench.screenshot("phone-drop-dialog"); //$NON-NLS-1$

        HttpClient phone = HttpClient.newBuilder().sslContext(trustingFingerprint(workbench.sync(fingerprint::getText)))
                .build();
        assertEquals(200, phone.send(HttpRequest.newBuilder(target).GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode());
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("WhatsApp Chat with Sam.txt")); //$NON-NLS-1$
            z.write(Files.readAllBytes(TestArchives.fixtures().resolve("whatsapp/pustur_short_chat_android_en_2017.txt"))); //$NON-NLS-1$
        }
        String boundary = "----phone" + System.nanoTime(); //$NON-NLS-1$
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"WhatsApp Chat with Sam.zip\"\r\n" //$NON-NLS-1$ //$NON-NLS-2$
                + "Content-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.UTF_8)); //$NON-NLS-1$
        body.writeBytes(zip.toByteArray());
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8)); //$NON-NLS-1$ //$NON-NLS-2$
        HttpResponse<String> r = phone.send(HttpRequest.newBuilder(target)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary) //$NON-NLS-1$ //$NON-NLS-2$
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());

        java.util.List<String> conversations;
        try (Archive reader = TestArchives.factory().open(archiveFolder, AccessMode.READ_ONLY)) {
            conversations = reader.summaries().stream().map(s -> s.conversationId()).toList();
        }
        assertEquals(1, conversations.size(), "the chat is one conversation"); //$NON-NLS-1$
        workbench.waitUntil(() -> workbench.sync(queue::rows).stream().anyMatch(q -> q.conversationId().equals(conversations.get(0))),
                "the received conversation to wait in the queue"); //$NON-NLS-1$

        Shell dialog = workbench.sync(url::getShell);
        workbench.syncRun(dialog::close);
        workbench.waitUntil(() -> workbench.sync(dialog::isDisposed), "the dialog to close"); //$NON-NLS-1$
        int port = target.getPort();
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(), "the server stopped"); //$NON-NLS-1$ //$NON-NLS-2$
    }
}
