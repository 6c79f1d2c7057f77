package maraude.team;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import org.eclipse.osgi.util.NLS;

import maraude.core.archive.ArchiveException;
import maraude.core.archive.ArchiveException.Kind;
import maraude.solr.client.TeamArchives;

/**
 * The fingerprint of the certificate a team server presents, read before anything is trusted: the
 * workbench shows it on a first connection so that a person compares it with the one the
 * administrator gave, and pins it ({@link PinnedTrust}) once confirmed. The TLS handshake is refused
 * by a trust manager that only records the certificate, so no request (and no credential) is ever sent.
 */
public final class ServerCertificate {

    private ServerCertificate() {
    }

    /**
     * The SHA-256 of the certificate presented by the server of {@code address} (lower-case hex), or
     * null for a {@code solr+http} address (no TLS: nothing to pin).
     *
     * @throws ArchiveException BAD_INPUT for a malformed address or a server that presents no
     *                          certificate, IO when it does not answer
     */
    public static String fingerprint(String address, Duration timeout) {
        TeamArchives.Address a = TeamArchives.Address.parse(address);
        URI base = URI.create(a.baseUrl());
        if (!"https".equals(base.getScheme())) { //$NON-NLS-1$
            return null;
        }
        String server = base.getHost() + ':' + (base.getPort() > 0 ? base.getPort() : 443);
        Recorder recorder = new Recorder();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(base.getHost(), base.getPort() > 0 ? base.getPort() : 443),
                    (int) timeout.toMillis());
            plain.setSoTimeout((int) timeout.toMillis());
            SSLContext c = SSLContext.getInstance("TLS"); //$NON-NLS-1$
            c.init(null, new TrustManager[] { recorder }, new SecureRandom());
            try (SSLSocket tls = (SSLSocket) c.getSocketFactory().createSocket(plain, base.getHost(),
                    plain.getPort(), false)) {
                tls.startHandshake();
            } catch (IOException e) {
                // refused by the recorder on purpose: the certificate was seen
            }
        } catch (IOException e) {
            throw new ArchiveException(Kind.IO, NLS.bind(Messages.Team_unreachable, server, e.getClass().getSimpleName()), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        if (recorder.seen == null) {
            throw new ArchiveException(Kind.BAD_INPUT, NLS.bind(Messages.Team_untrusted, server));
        }
        return recorder.seen;
    }

    /** A fingerprint as people compare it and as {@code team-server} prints it: {@code AB:CD:…}. */
    public static String display(String fingerprint) {
        String hex = PinnedTrust.normalize(fingerprint).toUpperCase(Locale.ROOT);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) {
                b.append(':');
            }
            b.append(hex, i, i + 2);
        }
        return b.toString();
    }

    /** Whether two fingerprints name the same certificate (case, colons and spaces ignored). */
    public static boolean same(String a, String b) {
        return a != null && b != null && PinnedTrust.normalize(a).equals(PinnedTrust.normalize(b));
    }

    /** Trusts nothing; remembers the server certificate it was shown. */
    private static final class Recorder extends ServerOnlyTrustManager {
        private volatile String seen;

        @Override
        protected void checkServer(X509Certificate[] chain) throws CertificateException {
            if (chain != null && chain.length > 0) {
                seen = PinnedTrust.fingerprint(chain[0]);
            }
            throw new CertificateException("only reading the certificate"); //$NON-NLS-1$
        }
    }
}
