package maraude.solr.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The local team server's TLS identity: a self-signed certificate (Bouncy Castle, EC P-256, names
 * {@code localhost} and {@code 127.0.0.1}) made on the first start and kept in a PKCS#12 key store, so
 * that its fingerprint stays the same across restarts and a client can pin it. The key store's password
 * is not stored: it is derived (HMAC-SHA256) from the node's passphrase, which the server process gets
 * in its environment, so the key store is exactly as protected as the data key.
 */
final class ServerCertificate {

    static final String ALIAS = "team-server"; //$NON-NLS-1$
    private static final Duration VALIDITY = Duration.ofDays(5 * 365);

    private ServerCertificate() {
    }

    /** The key store password for {@code passphrase}. */
    static String storePassword(String passphrase) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256"); //$NON-NLS-1$
            mac.init(new SecretKeySpec(passphrase.getBytes(StandardCharsets.UTF_8), "HmacSHA256")); //$NON-NLS-1$
            byte[] d = mac.doFinal("maraude team-server key store".getBytes(StandardCharsets.UTF_8)); //$NON-NLS-1$
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads the key store at {@code store}, creating it first when it does not exist. */
    static KeyStore loadOrCreate(Path store, char[] password) throws IOException, GeneralSecurityException {
        if (!Files.isRegularFile(store)) {
            create(store, password);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12"); //$NON-NLS-1$
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, password);
        }
        return ks;
    }

    static X509Certificate certificate(KeyStore ks) throws GeneralSecurityException {
        return (X509Certificate) ks.getCertificate(ALIAS);
    }

    /** The certificate in PEM. */
    static String pem(X509Certificate c) throws GeneralSecurityException {
        return "-----BEGIN CERTIFICATE-----\n" //$NON-NLS-1$
                + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n"; //$NON-NLS-1$
    }

    /** SHA-256 of the certificate, as browsers show it: {@code AB:CD:…}. */
    static String fingerprint(X509Certificate c) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(c.getEncoded()); //$NON-NLS-1$
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d); //$NON-NLS-1$
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void create(Path store, char[] password) throws IOException, GeneralSecurityException {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC"); //$NON-NLS-1$
        kpg.initialize(new ECGenParameterSpec("secp256r1")); //$NON-NLS-1$
        KeyPair kp = kpg.generateKeyPair();
        SecureRandom random = new SecureRandom();
        X500Name name = new X500Name("CN=Maraude team server"); //$NON-NLS-1$
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, new BigInteger(64, random).abs(),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), name, kp.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), //$NON-NLS-1$
                new GeneralName(GeneralName.iPAddress, InetAddress.getLoopbackAddress().getHostAddress()) }));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        // server and client: the nodes are each other's clients
        b.addExtension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(new KeyPurposeId[] { KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth }));
        X509Certificate cert;
        try {
            cert = new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate()))); //$NON-NLS-1$
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12"); //$NON-NLS-1$
        ks.load(null, null);
        ks.setKeyEntry(ALIAS, kp.getPrivate(), password, new Certificate[] { cert });
        // the same store is the nodes' trust store: they trust each other's (this) certificate only
        ks.setCertificateEntry(ALIAS + "-trust", cert); //$NON-NLS-1$
        Files.createDirectories(store.getParent());
        Path tmp = store.resolveSibling(store.getFileName() + ".tmp"); //$NON-NLS-1$
        try (OutputStream out = Files.newOutputStream(tmp)) {
            ks.store(out, password);
        }
        Files.move(tmp, store, StandardCopyOption.ATOMIC_MOVE);
    }
}
