package maraude.core.archive;

import java.time.Duration;
import java.util.Set;

/**
 * What a desktop client asks of a team server before it opens its archive: whether an address is one,
 * and the certificate the server presents, so that a person compares its fingerprint with the one the
 * administrator gives before anything is trusted. Provided as an OSGi service by the bundle that speaks
 * the server's protocol ({@code maraude.team}), beside its {@link TeamArchiveFactory}, so the workbench
 * never names the implementation.
 */
public interface TeamServers {

    /** The address schemes these servers are reached by ({@code solr+https}, ...). */
    Set<String> schemes();

    /**
     * The archive (collection) an address names.
     *
     * @throws ArchiveException BAD_INPUT when it is not an address of these servers
     */
    String archiveName(String address);

    /**
     * The SHA-256 fingerprint (lower-case hex) of the certificate the server of {@code address}
     * presents, read without trusting it and without sending anything; null for an address without TLS.
     *
     * @throws ArchiveException BAD_INPUT for a malformed address or a server that presents no
     *                          certificate, IO when the server does not answer within {@code timeout}
     */
    String presentedFingerprint(String address, Duration timeout);

    /** A fingerprint as people compare it and as the administrator's tools print it: {@code AB:CD:…}. */
    String display(String fingerprint);

    /** Whether two fingerprints name the same certificate (case, colons and spaces ignored). */
    boolean same(String a, String b);
}
