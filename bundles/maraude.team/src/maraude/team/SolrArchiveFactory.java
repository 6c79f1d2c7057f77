package maraude.team;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import org.apache.solr.common.SolrException;
import org.eclipse.osgi.util.NLS;
import org.osgi.service.component.annotations.Component;

import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveException;
import maraude.core.archive.ArchiveException.Kind;
import maraude.core.archive.TeamArchiveFactory;
import maraude.solr.client.TeamArchives;

/**
 * Opens team archives on SolrCloud ({@code solr+https://HOST:PORT/COLLECTION}, {@code solr+http} for a
 * test cluster), with the server's certificate pinned by its fingerprint when one is given, and tells
 * apart what a person must fix: a refused login (REFUSED), another certificate than the pinned one or an
 * untrusted one (BAD_INPUT), a server that does not answer (IO). The archive is opened at once, so
 * these show at open and not at the first search.
 */
@Component(service = TeamArchiveFactory.class)
public class SolrArchiveFactory implements TeamArchiveFactory {

    @Override
    public Set<String> schemes() {
        return Set.of("solr+https", "solr+http"); //$NON-NLS-1$ //$NON-NLS-2$
    }

    @Override
    public Archive open(String address, Login login, Path localFolder, AccessMode mode) {
        TeamArchives.Address a = TeamArchives.Address.parse(address);
        PinnedTrust pin = null;
        SSLContext ssl = null;
        if (login.fingerprint() != null && !login.fingerprint().isBlank()) {
            try {
                pin = PinnedTrust.of(login.fingerprint());
            } catch (IllegalArgumentException e) {
                throw new ArchiveException(Kind.BAD_INPUT, Messages.Team_badFingerprint);
            }
            ssl = pin.context();
        }
        try {
            return TeamArchives.open(address, login.user(), login.password(), ssl, localFolder, mode);
        } catch (ArchiveException e) {
            throw classify(e, a, pin);
        }
    }

    /** The failure of an open, told apart by its causes; the original when none is recognised. */
    static ArchiveException classify(ArchiveException e, TeamArchives.Address a, PinnedTrust pin) {
        String server = server(a);
        if (pin != null && pin.refused() != null) {
            return new ArchiveException(Kind.BAD_INPUT, NLS.bind(Messages.Team_wrongCertificate, server, pin.refused()), e);
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SolrException se && (se.code() == 401 || se.code() == 403)) {
                return new ArchiveException(Kind.REFUSED, NLS.bind(Messages.Team_refused, server, a.collection()), e);
            }
            if (t instanceof SolrException se && se.code() == 404) {
                return new ArchiveException(Kind.BAD_INPUT, NLS.bind(Messages.Team_noCollection, server, a.collection()), e);
            }
            if (t instanceof SSLException) {
                return new ArchiveException(Kind.BAD_INPUT, NLS.bind(Messages.Team_untrusted, server), e);
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof HttpConnectTimeoutException || t instanceof HttpTimeoutException
                    || t instanceof UnresolvedAddressException) {
                return new ArchiveException(Kind.IO, NLS.bind(Messages.Team_unreachable, server, t.getClass().getSimpleName()), e);
            }
        }
        return e;
    }

    /** HOST:PORT of the address, what a person recognises. */
    private static String server(TeamArchives.Address a) {
        String base = a.baseUrl();
        int start = base.indexOf("://") + 3; //$NON-NLS-1$
        int end = base.indexOf('/', start);
        return base.substring(start, end < 0 ? base.length() : end);
    }
}
