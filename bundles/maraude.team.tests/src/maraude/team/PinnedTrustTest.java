package maraude.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import org.junit.jupiter.api.Test;

/**
 * Pinning a team server's certificate by its SHA-256. The two certificates were made with
 * {@code openssl req -x509}; their fingerprints are what {@code openssl x509 -fingerprint -sha256}
 * printed, the form a person copies from a server's administrator.
 */
class PinnedTrustTest {

    private static final String OPENSSL_A = "D8:D6:F0:9E:0B:8B:06:3C:4B:C3:55:3F:56:0C:41:1F:54:22:B3:1A:23:EA:8C:54:A2:DB:28:DC:E6:48:70:7F"; //$NON-NLS-1$
    private static final String OPENSSL_B = "4D:DC:D8:66:EA:E4:B5:4B:00:E0:78:D0:A5:96:06:20:A9:3A:4A:75:65:7F:C7:DA:A3:BC:BA:2B:E4:CF:7C:28"; //$NON-NLS-1$

    private static X509Certificate cert(String name) throws Exception {
        try (InputStream in = PinnedTrustTest.class.getResourceAsStream(name)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in); //$NON-NLS-1$
        }
    }

    @Test
    void theFingerprintIsOpensslsSha256() throws Exception {
        assertEquals(OPENSSL_A.replace(":", "").toLowerCase(), PinnedTrust.fingerprint(cert("team-a.pem"))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(PinnedTrust.normalize(OPENSSL_B), PinnedTrust.fingerprint(cert("team-b.pem"))); //$NON-NLS-1$
    }

    @Test
    void onlyThePinnedCertificateIsTrusted() throws Exception {
        X509Certificate a = cert("team-a.pem"); //$NON-NLS-1$
        X509Certificate b = cert("team-b.pem"); //$NON-NLS-1$
        PinnedTrust pin = PinnedTrust.of(OPENSSL_A); // as openssl prints it: colons, upper case
        pin.checkServerTrusted(new X509Certificate[] { a }, "ECDHE_ECDSA"); //$NON-NLS-1$
        assertNull(pin.refused());
        assertThrows(CertificateException.class, () -> pin.checkServerTrusted(new X509Certificate[] { b }, "ECDHE_ECDSA")); //$NON-NLS-1$
        assertEquals(PinnedTrust.normalize(OPENSSL_B), pin.refused(), "the refused certificate is named for the message"); //$NON-NLS-1$
        // the one presented first is the server's own: a pinned certificate further down the chain proves nothing
        assertThrows(CertificateException.class,
                () -> pin.checkServerTrusted(new X509Certificate[] { b, a }, "ECDHE_ECDSA", (javax.net.ssl.SSLEngine) null)); //$NON-NLS-1$
        assertThrows(CertificateException.class, () -> pin.checkServerTrusted(new X509Certificate[0], "ECDHE_ECDSA")); //$NON-NLS-1$
        // lower case without colons, spaces: the same pin
        PinnedTrust.of(OPENSSL_A.replace(":", " ").toLowerCase()).checkServerTrusted(new X509Certificate[] { a }, "ECDHE_ECDSA"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    }

    @Test
    void whatIsNotASha256IsRefused() {
        for (String bad : new String[] { "", "d8d6", OPENSSL_A + ":00", OPENSSL_A.substring(3), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                OPENSSL_A.replace('D', 'G'), null }) {
            assertThrows(IllegalArgumentException.class, () -> PinnedTrust.of(bad), bad);
        }
    }
}
