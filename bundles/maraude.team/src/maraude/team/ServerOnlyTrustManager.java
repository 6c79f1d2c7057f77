package maraude.team;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager of a client that only ever checks a server's certificate: every server check goes to
 * {@link #checkServer}, every client check is refused (a client never serves), and no issuer is
 * accepted (trust is decided by the certificate itself, not by a certificate authority).
 */
abstract class ServerOnlyTrustManager extends X509ExtendedTrustManager {

    /** Accepts or refuses the server's chain (its first certificate is the server's). */
    protected abstract void checkServer(X509Certificate[] chain) throws CertificateException;

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        checkServer(chain);
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServer(chain);
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServer(chain);
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client never serves"); //$NON-NLS-1$
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("a client never serves"); //$NON-NLS-1$
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("a client never serves"); //$NON-NLS-1$
    }

    @Override
    public final X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
