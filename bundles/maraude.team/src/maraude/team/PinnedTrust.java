package maraude.team;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * Trust in exactly one server certificate, named by the SHA-256 of its encoding (what
 * {@code team-server} prints and {@code MARAUDE_TEAM_FINGERPRINT} holds): a self-signed team server is
 * trusted without a certificate authority, and any other certificate is refused, whoever signed it.
 * Being an {@link javax.net.ssl.X509ExtendedTrustManager}, it also replaces the host name check: the pinned
 * certificate is the identity (a local cluster is reached as 127.0.0.1 or by the machine's name alike).
 */
public final class PinnedTrust extends ServerOnlyTrustManager {

    private final String expected;
    /** The fingerprint of the last certificate refused, for the error message; null when none was. */
    private volatile String refused;

    private PinnedTrust(String expected) {
        this.expected = expected;
    }

    /**
     * @param fingerprint SHA-256 in hex, upper or lower case, colons or spaces allowed
     * @throws IllegalArgumentException when it is not 32 bytes of hex
     */
    public static PinnedTrust of(String fingerprint) {
        return new PinnedTrust(normalize(fingerprint));
    }

    /** 64 lower-case hex digits, or IllegalArgumentException. */
    public static String normalize(String fingerprint) {
        String hex = fingerprint == null ? "" : fingerprint.replaceAll("[:\\s]", "").toLowerCase(Locale.ROOT); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        if (!hex.matches("[0-9a-f]{64}")) { //$NON-NLS-1$
            throw new IllegalArgumentException("not a SHA-256 fingerprint"); //$NON-NLS-1$
        }
        return hex;
    }

    /** The SHA-256 of a certificate's encoding, lower-case hex. */
    public static String fingerprint(X509Certificate certificate) throws CertificateException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())); //$NON-NLS-1$
        } catch (NoSuchAlgorithmException e) {
            throw new CertificateException(e);
        }
    }

    /** A TLS context trusting only this certificate. */
    public SSLContext context() {
        try {
            SSLContext c = SSLContext.getInstance("TLS"); //$NON-NLS-1$
            c.init(null, new TrustManager[] { this }, new SecureRandom());
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fingerprint of the certificate last refused, or null. */
    public String refused() {
        return refused;
    }

    @Override
    protected void checkServer(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("no server certificate"); //$NON-NLS-1$
        }
        String seen = fingerprint(chain[0]);
        if (!MessageDigest.isEqual(seen.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                expected.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            refused = seen;
            throw new CertificateException("server certificate is not the pinned one"); //$NON-NLS-1$
        }
    }
}
