package maraude.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

import maraude.core.archive.AccessMode;
import maraude.core.archive.ArchiveException;
import maraude.core.archive.ArchiveException.Kind;
import maraude.core.archive.TeamArchiveFactory;
import maraude.core.archive.TeamArchiveFactory.Login;

/**
 * The team archive factory as the workbench and the OSGi command line get it (a DS service), building
 * SolrJ's JDK client inside OSGi, and telling a person's mistakes apart from a server that cannot be
 * reached. The "server" is a socket answering one HTTP status: what a Solr node answers to a wrong
 * password (401) or to an unknown collection (404).
 */
class TeamArchiveServiceTest {

    @TempDir
    Path local;

    private static TeamArchiveFactory service() throws Exception {
        BundleContext bc = FrameworkUtil.getBundle(SolrArchiveFactory.class).getBundleContext();
        Collection<ServiceReference<TeamArchiveFactory>> refs = bc.getServiceReferences(TeamArchiveFactory.class, null);
        assertFalse(refs.isEmpty(), "maraude.team registers a TeamArchiveFactory"); //$NON-NLS-1$
        return bc.getService(refs.iterator().next());
    }

    @Test
    void theFactoryIsAServiceForSolrAddresses() throws Exception {
        TeamArchiveFactory f = service();
        assertTrue(f.schemes().contains("solr+https"), f.schemes().toString()); //$NON-NLS-1$
        assertEquals("solr+https", TeamArchiveFactory.schemeOf("solr+https://team.example:8983/outreach")); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(null, TeamArchiveFactory.schemeOf("/home/worker/archive")); //$NON-NLS-1$
    }

    @Test
    void aRefusedLoginIsItsOwnKind() throws Exception {
        try (OneStatusServer server = new OneStatusServer(401, "Unauthorized")) { //$NON-NLS-1$
            ArchiveException e = assertThrows(ArchiveException.class,
                    () -> service().open(server.address("outreach"), new Login("worker", "wrong", null), local, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                            AccessMode.READ_WRITE));
            assertEquals(Kind.REFUSED, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("127.0.0.1:" + server.port()), e.getMessage()); //$NON-NLS-1$
            assertTrue(server.requests() > 0, "the request reached the server"); //$NON-NLS-1$
        }
    }

    @Test
    void anUnknownCollectionIsBadInput() throws Exception {
        try (OneStatusServer server = new OneStatusServer(404, "Not Found")) { //$NON-NLS-1$
            ArchiveException e = assertThrows(ArchiveException.class,
                    () -> service().open(server.address("nosuchteam"), new Login(null, null, null), local, //$NON-NLS-1$
                            AccessMode.READ_ONLY));
            assertEquals(Kind.BAD_INPUT, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("nosuchteam"), e.getMessage()); //$NON-NLS-1$
        }
    }

    @Test
    void aServerThatDoesNotAnswerIsAnIoFailure() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int closed = port;
        ArchiveException e = assertThrows(ArchiveException.class, () -> service()
                .open("solr+http://127.0.0.1:" + closed + "/outreach", new Login(null, null, null), local, AccessMode.READ_ONLY)); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(Kind.IO, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1:" + closed), e.getMessage()); //$NON-NLS-1$
    }

    @Test
    void malformedAddressesAndFingerprintsAreBadInput() throws Exception {
        TeamArchiveFactory f = service();
        for (String bad : new String[] { "solr+https://host:8983/", "solr+https://host:8983/a/b", "solr+https:///x" }) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            ArchiveException e = assertThrows(ArchiveException.class,
                    () -> f.open(bad, new Login(null, null, null), local, AccessMode.READ_ONLY), bad);
            assertEquals(Kind.BAD_INPUT, e.kind(), bad);
        }
        ArchiveException e = assertThrows(ArchiveException.class, () -> f.open("solr+https://127.0.0.1:1/x", //$NON-NLS-1$
                new Login(null, null, "not-a-fingerprint"), local, AccessMode.READ_ONLY)); //$NON-NLS-1$
        assertEquals(Kind.BAD_INPUT, e.kind());
        assertTrue(e.getMessage().contains("MARAUDE_TEAM_FINGERPRINT"), e.getMessage()); //$NON-NLS-1$
    }

    /** Answers every HTTP request with one status and closes the connection. */
    private static final class OneStatusServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        private final AtomicInteger requests = new AtomicInteger();
        private final Thread thread;

        OneStatusServer(int status, String reason) throws IOException {
            thread = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket s = socket.accept()) {
                        readHead(s.getInputStream());
                        requests.incrementAndGet();
                        String body = "{\"error\":{\"code\":" + status + "}}"; //$NON-NLS-1$ //$NON-NLS-2$
                        OutputStream out = s.getOutputStream();
                        out.write(("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/json\r\n" //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                                + "WWW-Authenticate: Basic realm=\"solr\"\r\nContent-Length: " + body.length() //$NON-NLS-1$
                                + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII)); //$NON-NLS-1$
                        out.flush();
                    } catch (IOException e) {
                        // closed, or a client that went away
                    }
                }
            }, "one-status-server"); //$NON-NLS-1$
            thread.setDaemon(true);
            thread.start();
        }

        private static void readHead(InputStream in) throws IOException {
            int matched = 0;
            byte[] end = { '\r', '\n', '\r', '\n' };
            for (int b = in.read(); b >= 0; b = in.read()) {
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
                if (matched == end.length) {
                    return;
                }
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        int requests() {
            return requests.get();
        }

        String address(String collection) {
            return "solr+http://127.0.0.1:" + port() + "/" + collection; //$NON-NLS-1$ //$NON-NLS-2$
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
