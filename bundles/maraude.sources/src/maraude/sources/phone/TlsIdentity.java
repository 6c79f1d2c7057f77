package maraude.sources.phone;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The phone drop's TLS identity: a self-signed certificate made on first use (Bouncy Castle, EC
 * P-256), kept in {@code <archive>/phone-drop/tls.p12} so that its fingerprint stays the same from
 * one session to the next and the user can compare it with what the phone's browser shows. Its
 * names cover localhost and the machine's local network addresses at creation time.
 */
public final class TlsIdentity {

    static final String ALIAS = "phone-drop"; //$NON-NLS-1$
    private static final Duration VALIDITY = Duration.ofDays(5 * 365);

    private final KeyStore keyStore;
    private final char[] password;
    private final X509Certificate certificate;

    private TlsIdentity(KeyStore keyStore, char[] password, X509Certificate certificate) {
        this.keyStore = keyStore;
        this.password = password;
        this.certificate = certificate;
    }

    public KeyStore keyStore() {
        return keyStore;
    }

    public char[] password() {
        return password.clone();
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** SHA-256 of the certificate, as browsers show it: {@code AB:CD:…}. */
    public String fingerprint() {
        return fingerprint(certificate);
    }

    public static String fingerprint(X509Certificate c) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(c.getEncoded()); //$NON-NLS-1$
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d); //$NON-NLS-1$
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads the identity of {@code folder}, creating it (or replacing an expired or broken one). */
    public static synchronized TlsIdentity loadOrCreate(Path folder) throws IOException {
        Path store = folder.resolve("tls.p12"); //$NON-NLS-1$
        Path pass = folder.resolve("tls.pass"); //$NON-NLS-1$
        if (Files.isRegularFile(store) && Files.isRegularFile(pass)) {
            try {
                char[] pw = Files.readString(pass, StandardCharsets.US_ASCII).strip().toCharArray();
                KeyStore ks = KeyStore.getInstance("PKCS12"); //$NON-NLS-1$
                try (InputStream in = Files.newInputStream(store)) {
                    ks.load(in, pw);
                }
                X509Certificate c = (X509Certificate) ks.getCertificate(ALIAS);
                if (c != null && ks.getKey(ALIAS, pw) != null
                        && c.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(1)))) {
                    return new TlsIdentity(ks, pw, c);
                }
            } catch (GeneralSecurityException | IOException e) {
                // unreadable: replaced below (the phone will show a new fingerprint)
            }
        }
        return create(folder, store, pass);
    }

    private static TlsIdentity create(Path folder, Path store, Path pass) throws IOException {
        try {
            Files.createDirectories(folder);
            SecureRandom random = new SecureRandom();
            byte[] pwBytes = new byte[18];
            random.nextBytes(pwBytes);
            char[] pw = Base64.getUrlEncoder().withoutPadding().encodeToString(pwBytes).toCharArray();
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC"); //$NON-NLS-1$
            kpg.initialize(new ECGenParameterSpec("secp256r1"), random); //$NON-NLS-1$
            KeyPair kp = kpg.generateKeyPair();
            X509Certificate cert = selfSigned(kp, random);
            KeyStore ks = KeyStore.getInstance("PKCS12"); //$NON-NLS-1$
            ks.load(null, null);
            ks.setKeyEntry(ALIAS, kp.getPrivate(), pw, new Certificate[] { cert });
            writePrivate(pass, new String(pw).getBytes(StandardCharsets.US_ASCII));
            Path tmp = store.resolveSibling("tls.p12.tmp"); //$NON-NLS-1$
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ks.store(out, pw);
            }
            restrict(tmp);
            Files.move(tmp, store, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new TlsIdentity(ks, pw, cert);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("TLS certificate could not be made: " + e.getClass().getSimpleName(), e); //$NON-NLS-1$
        }
    }

    private static X509Certificate selfSigned(KeyPair kp, SecureRandom random)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        X500Name name = new X500Name("CN=Maraude phone drop"); //$NON-NLS-1$
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, new BigInteger(64, random).abs(),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), name, kp.getPublic());
        List<GeneralName> names = new ArrayList<>();
        names.add(new GeneralName(GeneralName.dNSName, "localhost")); //$NON-NLS-1$
        for (String ip : localAddresses(true)) {
            names.add(new GeneralName(GeneralName.iPAddress, ip));
        }
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(new GeneralName[0])));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        PrivateKey key = kp.getPrivate();
        X509CertificateHolder holder = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)); //$NON-NLS-1$
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    /**
     * IPv4 addresses of this machine: loopback (when asked) and site-local addresses of interfaces
     * that are up, the ones a phone on the same Wi-Fi can reach.
     */
    public static List<String> localAddresses(boolean withLoopback) {
        Set<String> out = new LinkedHashSet<>();
        if (withLoopback) {
            out.add("127.0.0.1"); //$NON-NLS-1$
        }
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback() || ni.isVirtual()
                        || ni.getName().toLowerCase(Locale.ROOT).startsWith("docker")) { //$NON-NLS-1$
                    continue;
                }
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet4Address && a.isSiteLocalAddress()) {
                        out.add(a.getHostAddress());
                    }
                }
            }
        } catch (SocketException | RuntimeException e) {
            // no interface list: loopback only
        }
        return new ArrayList<>(out);
    }

    /**
     * The interfaces that are up and their IPv4 addresses ("lo 127.0.0.1, eth0 172.17.0.2"), to tell a
     * worker why no local network address was found; "none" when the system lists none.
     */
    public static String interfacesSeen() {
        List<String> seen = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp()) {
                    continue;
                }
                List<String> v4 = new ArrayList<>();
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        v4.add(a.getHostAddress());
                    }
                }
                seen.add(v4.isEmpty() ? ni.getName() : ni.getName() + ' ' + String.join(" ", v4)); //$NON-NLS-1$
            }
        } catch (SocketException | RuntimeException e) {
            // no interface list
        }
        return seen.isEmpty() ? "none" : String.join(", ", seen); //$NON-NLS-1$ //$NON-NLS-2$
    }

    private static void writePrivate(Path p, byte[] content) throws IOException {
        Path tmp = p.resolveSibling(p.getFileName() + ".tmp"); //$NON-NLS-1$
        Files.write(tmp, content);
        restrict(tmp);
        Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void restrict(Path p) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------")); //$NON-NLS-1$
        } catch (UnsupportedOperationException e) {
            // not POSIX: the archive folder's permissions apply
        }
    }
}
