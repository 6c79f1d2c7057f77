package maraude.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Collection;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

import maraude.core.archive.ArchiveException;
import maraude.core.archive.ArchiveException.Kind;
import maraude.core.archive.TeamServers;

/**
 * The team servers' service as the workbench gets it (DS, through its context): the address checked
 * and the certificate's fingerprint read by the team bundle, so maraude.ui imports nothing of it.
 * Reading a real server's certificate is in the workbench's TeamWorkbenchTest (a real team-server).
 */
class TeamServersServiceTest {

    private static TeamServers service() throws Exception {
        BundleContext bc = FrameworkUtil.getBundle(SolrTeamServers.class).getBundleContext();
        Collection<ServiceReference<TeamServers>> refs = bc.getServiceReferences(TeamServers.class, null);
        assertFalse(refs.isEmpty(), "maraude.team registers a TeamServers service"); //$NON-NLS-1$
        return bc.getService(refs.iterator().next());
    }

    @Test
    void addressesAreCheckedByTheTeamBundle() throws Exception {
        TeamServers s = service();
        assertTrue(s.schemes().contains("solr+https"), s.schemes().toString()); //$NON-NLS-1$
        assertEquals("outreach", s.archiveName("solr+https://team.example:8983/outreach")); //$NON-NLS-1$ //$NON-NLS-2$
        for (String bad : new String[] { "https://team.example/outreach", "solr+https://team.example/a/b", //$NON-NLS-1$ //$NON-NLS-2$
                "solr+https://team.example", "solr+https://team example/x" }) { //$NON-NLS-1$ //$NON-NLS-2$
            ArchiveException e = assertThrows(ArchiveException.class, () -> s.archiveName(bad), bad);
            assertEquals(Kind.BAD_INPUT, e.kind(), bad);
        }
    }

    @Test
    void fingerprintsAreShownAndComparedAsTeamServerPrintsThem() throws Exception {
        TeamServers s = service();
        String hex = "3fa907c25e11d48b609ae32c71bf08459d26e07a13c85bf4026ea1973dc058eb"; //$NON-NLS-1$
        String shown = s.display(hex);
        assertEquals("3F:A9:07:C2:5E:11:D4:8B:60:9A:E3:2C:71:BF:08:45:9D:26:E0:7A:13:C8:5B:F4:02:6E:A1:97:3D:C0:58:EB", shown); //$NON-NLS-1$
        assertTrue(s.same(hex, shown));
        assertFalse(s.same(hex, shown.replace("EB", "EC"))); //$NON-NLS-1$ //$NON-NLS-2$
        assertFalse(s.same(hex, null));
    }

    @Test
    void aPlainAddressHasNoCertificateAndASilentServerIsAnIoFailure() throws Exception {
        TeamServers s = service();
        assertNull(s.presentedFingerprint("solr+http://127.0.0.1:1/team", Duration.ofSeconds(2))); //$NON-NLS-1$
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        ArchiveException e = assertThrows(ArchiveException.class,
                () -> s.presentedFingerprint("solr+https://127.0.0.1:" + closed + "/team", Duration.ofSeconds(2))); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(Kind.IO, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1:" + closed), e.getMessage()); //$NON-NLS-1$
    }
}
