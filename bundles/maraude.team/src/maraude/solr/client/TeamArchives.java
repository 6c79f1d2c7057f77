package maraude.solr.client;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.apache.solr.client.solrj.impl.HttpJdkSolrClient;
import org.eclipse.osgi.util.NLS;

import maraude.core.archive.AccessMode;
import maraude.core.archive.ArchiveException;
import maraude.core.archive.ArchiveException.Kind;

/**
 * Opens a team archive from its address {@code solr+https://HOST:PORT/COLLECTION} (or {@code solr+http}
 * for a test cluster on the loopback).
 *
 * <p>
 * The client is SolrJ's {@code HttpJdkSolrClient}, on the JDK's own {@code java.net.http}: the product
 * already ships Jetty 12 (phone drop), and SolrJ's Jetty-based clients need Jetty 10's client, a second
 * Jetty line in the same runtime; the JDK client needs neither Jetty nor ZooKeeper (SolrJ, solr-api,
 * Jackson and slf4j: about 4 MB). It talks to the node of the address, which forwards to the others,
 * except the update batches of a commit, which go straight to their shard's leader through one client
 * per node ({@link LeaderRoutes}); HTTP/1.1 avoids its h2c upgrade probe. Responses are read to their
 * end ({@link DrainingResponseParser}) so that its TLS connections are kept alive and reused.
 */
public final class TeamArchives {

    private TeamArchives() {
    }

    /** A parsed team archive address: the node's base URL ({@code https://HOST:PORT/solr}) and the collection. */
    public record Address(String baseUrl, String collection) {

        public static Address parse(String address) {
            URI uri;
            try {
                uri = URI.create(address);
            } catch (IllegalArgumentException e) {
                throw new ArchiveException(Kind.BAD_INPUT, NLS.bind(Messages.Team_badAddress, address), e);
            }
            String scheme = uri.getScheme();
            if (!"solr+https".equals(scheme) && !"solr+http".equals(scheme) || uri.getHost() == null //$NON-NLS-1$ //$NON-NLS-2$
                    || uri.getPath() == null || uri.getPath().length() < 2 || uri.getPath().indexOf('/', 1) >= 0) {
                throw new ArchiveException(Kind.BAD_INPUT, NLS.bind(Messages.Team_badAddress, address));
            }
            String base = scheme.substring("solr+".length()) + "://" + uri.getHost() //$NON-NLS-1$ //$NON-NLS-2$
                    + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/solr"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            return new Address(base, uri.getPath().substring(1));
        }
    }

    /**
     * Opens the team archive at {@code address}.
     *
     * @param user       basic-auth user, or null on a cluster without authentication
     * @param sslContext trust for the cluster's certificate, or null for the JVM's default
     */
    public static SolrArchive open(String address, String user, String password, SSLContext sslContext,
            Path localFolder, AccessMode mode) {
        Address a = Address.parse(address);
        SolrArchive archive = SolrArchive.open(client(a.baseUrl(), user, password, sslContext), a.collection(), localFolder,
                mode, true);
        archive.actingUser(user); // the audit trail's acting user: the one the servers authenticated
        // update batches straight to their shard's leader, one client (connection pool) per node
        archive.routeToLeaders(node -> client(node, user, password, sslContext));
        return archive;
    }

    /** The JDK client of one node, as the archive builds it (credentials, trust, timeouts, responses read to their end). */
    static HttpJdkSolrClient client(String baseUrl, String user, String password, SSLContext sslContext) {
        HttpJdkSolrClient.Builder b = new HttpJdkSolrClient.Builder(baseUrl).useHttp1_1(true)
                .withConnectionTimeout(10, TimeUnit.SECONDS).withRequestTimeout(120, TimeUnit.SECONDS)
                .withResponseParser(new DrainingResponseParser());
        if (user != null) {
            b.withBasicAuthCredentials(user, password);
        }
        if (sslContext != null) {
            b.withSSLContext(sslContext);
        }
        return b.build();
    }
}
