package maraude.team;

import java.time.Duration;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import maraude.core.archive.TeamServers;
import maraude.solr.client.TeamArchives;

/** The team servers {@link SolrArchiveFactory} opens archives on: SolrCloud addresses and certificates. */
@Component(service = TeamServers.class)
public class SolrTeamServers implements TeamServers {

    @Override
    public Set<String> schemes() {
        return new SolrArchiveFactory().schemes();
    }

    @Override
    public String archiveName(String address) {
        return TeamArchives.Address.parse(address).collection();
    }

    @Override
    public String presentedFingerprint(String address, Duration timeout) {
        return ServerCertificate.fingerprint(address, timeout);
    }

    @Override
    public String display(String fingerprint) {
        return ServerCertificate.display(fingerprint);
    }

    @Override
    public boolean same(String a, String b) {
        return ServerCertificate.same(a, b);
    }
}
