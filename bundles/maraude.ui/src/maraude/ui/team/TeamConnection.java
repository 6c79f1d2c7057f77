package maraude.ui.team;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Optional;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.osgi.util.NLS;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveException;
import maraude.core.archive.TeamArchiveFactory;
import maraude.core.archive.TeamServers;
import maraude.core.triage.ArchiveTriageStates;
import maraude.core.triage.TriageStates;
import maraude.sources.SecureStorageCredentialStore;
import maraude.sources.SecureStorageCredentialStore.TeamLogin;
import maraude.ui.JobFamilies;

/**
 * Connecting to a team archive, off the UI thread (a job of {@link JobFamilies#TEAM}): the
 * certificate confirmed on the first connection to an address (its fingerprint read before anything
 * is sent, shown to the worker, then pinned and kept in secure storage), a pinned certificate
 * required on every later one (another certificate replaces it only when the worker types the
 * administrator's new fingerprint and it matches), the login remembered in secure storage when asked. The addresses'
 * user and password are never logged, never in a file name: the address itself holds neither.
 */
public final class TeamConnection {

    /** How long the certificate's reading waits for the server. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    /** What the worker typed. */
    public record Request(String address, String user, String password, boolean remember) {

        @Override
        public String toString() {
            return "Request[" + address + "]"; //$NON-NLS-1$ //$NON-NLS-2$
        }
    }

    /** What the job reports, on any thread: the UI side moves it to the UI thread. */
    public interface Outcome {
        /** The worker is asked to confirm the certificate of a first connection; true to go on. */
        boolean confirmCertificate(String server, String fingerprint);

        void connected(String address, Archive archive, TriageStates state);

        /**
         * A pinned server presents another certificate (fingerprints as people read them): true when
         * the worker typed the administrator's new fingerprint, it matched, and they chose to replace
         * the pin; false leaves everything as it was.
         */
        boolean replaceCertificate(String server, String pinned, String presented);

        /** The connection failed or was refused: {@code message} for the worker, nothing was kept. */
        void failed(String message);

        /** The worker cancelled (the job or the certificate): nothing connected, nothing kept. */
        void cancelled(String message);
    }

    private TeamConnection() {
    }

    /**
     * What is wrong with an address before anything is sent; null when it can be tried. An address
     * with a user or password in it is refused: they would end in the storage's entry and the side
     * folder's name.
     */
    public static String check(String address, TeamServers servers) {
        if (address == null || address.isBlank()) {
            return Messages.Team_badAddress;
        }
        try {
            URI uri = URI.create(address.strip());
            if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return Messages.Team_credentialsInAddress;
            }
            if (servers != null) {
                servers.archiveName(address.strip());
            }
            return null;
        } catch (IllegalArgumentException | ArchiveException e) {
            return Messages.Team_badAddress;
        }
    }

    /** Schedules the connection; the outcome is reported once, from the job's thread. */
    public static Job connect(Request r, TeamServers servers, Outcome outcome) {
        Job job = new Job(Messages.Team_jobName) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                return TeamConnection.run(r, servers, outcome, monitor);
            }

            @Override
            public boolean belongsTo(Object family) {
                return JobFamilies.belongsTo(family, JobFamilies.TEAM);
            }
        };
        job.setUser(true);
        job.setPriority(Job.INTERACTIVE);
        job.schedule();
        return job;
    }

    private static IStatus run(Request r, TeamServers servers, Outcome outcome, IProgressMonitor monitor) {
        SubMonitor sub = SubMonitor.convert(monitor, Messages.Team_jobName, 4);
        String address = r.address().strip();
        String server = server(address);
        SecureStorageCredentialStore storage;
        Optional<TeamLogin> kept;
        try {
            storage = SecureStorageCredentialStore.openDefault();
            kept = storage.teamLogin(address);
        } catch (IOException | RuntimeException e) {
            outcome.failed(NLS.bind(Messages.Team_storageFailed, e.getClass().getSimpleName()));
            return Status.OK_STATUS;
        }
        TeamArchiveFactory factory = factory(address);
        if (factory == null || servers == null) {
            outcome.failed(Messages.Team_noService);
            return Status.OK_STATUS;
        }
        // 1. the certificate: pinned when confirmed before, else read and shown to the worker
        String pin = kept.map(TeamLogin::fingerprint).orElse(null);
        sub.subTask(Messages.Team_readingCertificate);
        if (pin == null) {
            String presented;
            try {
                presented = servers.presentedFingerprint(address, PROBE_TIMEOUT);
            } catch (ArchiveException e) {
                outcome.failed(e.getMessage());
                return Status.OK_STATUS;
            }
            if (sub.isCanceled()) {
                outcome.cancelled(Messages.Team_certificateNotConfirmed);
                return Status.CANCEL_STATUS;
            }
            if (presented != null) {
                if (!outcome.confirmCertificate(server, servers.display(presented))) {
                    outcome.cancelled(Messages.Team_certificateNotConfirmed);
                    return Status.CANCEL_STATUS;
                }
                pin = presented;
            }
        }
        sub.worked(1);
        // 2. the archive, its certificate pinned
        sub.subTask(Messages.Team_opening);
        Archive archive;
        boolean replaced = false;
        try {
            archive = open(factory, address, r, pin);
        } catch (ArchiveException e) {
            String renewed = renewed(servers, e, address, pin);
            if (renewed == null) {
                outcome.failed(explain(servers, e, address, server, pin));
                return Status.OK_STATUS;
            }
            // another certificate than the pinned one: replaced only when the worker types the
            // administrator's fingerprint and it matches; the new pin is the one the open trusts, so a
            // third certificate appearing meanwhile is refused again
            if (sub.isCanceled() || !outcome.replaceCertificate(server, servers.display(pin), servers.display(renewed))) {
                outcome.cancelled(Messages.Team_renewedNotReplaced);
                return Status.CANCEL_STATUS;
            }
            pin = renewed;
            replaced = true;
            try {
                archive = open(factory, address, r, pin);
            } catch (ArchiveException again) {
                outcome.failed(explain(servers, again, address, server, pin));
                return Status.OK_STATUS;
            } catch (IOException | RuntimeException again) {
                outcome.failed(NLS.bind(Messages.Team_failed, again.getClass().getSimpleName()));
                return Status.OK_STATUS;
            }
        } catch (IOException | RuntimeException e) {
            outcome.failed(NLS.bind(Messages.Team_failed, e.getClass().getSimpleName()));
            return Status.OK_STATUS;
        }
        sub.worked(1);
        // 3. the team's shared triage state, read whole once (then kept up to date by polling)
        sub.subTask(Messages.Team_readingState);
        TriageStates state;
        try {
            state = ArchiveTriageStates.of(archive);
        } catch (RuntimeException e) {
            archive.close();
            outcome.failed(NLS.bind(Messages.Team_failed, e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
            return Status.OK_STATUS;
        }
        sub.worked(1);
        if (sub.isCanceled()) {
            archive.close();
            outcome.cancelled(null);
            return Status.CANCEL_STATUS;
        }
        // 4. what is kept: the confirmed certificate always, the login when asked (else forgotten)
        try {
            storage.putTeamLogin(new TeamLogin(address, r.remember() ? r.user() : null,
                    r.remember() ? r.password() : null, pin));
        } catch (IOException | RuntimeException e) {
            archive.close();
            outcome.failed(NLS.bind(Messages.Team_storageFailed, e.getClass().getSimpleName()));
            return Status.OK_STATUS;
        }
        sub.worked(1);
        if (replaced) {
            // the fact only: the fingerprints are in the dialog, not in the log
            ILog.of(TeamConnection.class).info("The pinned certificate of the team server " + server //$NON-NLS-1$
                    + " was replaced: the worker typed the administrator's fingerprint and it matched"); //$NON-NLS-1$
        }
        outcome.connected(address, archive, state);
        return Status.OK_STATUS;
    }

    private static Archive open(TeamArchiveFactory factory, String address, Request r, String pin) throws IOException {
        Path side = sideFolder(address);
        Files.createDirectories(side);
        return factory.open(address, new TeamArchiveFactory.Login(r.user(), r.password(), pin), side,
                AccessMode.READ_WRITE);
    }

    /**
     * The fingerprint the server presents when an open with a pin failed because it presents another
     * certificate; null for any other failure.
     */
    private static String renewed(TeamServers servers, ArchiveException e, String address, String pin) {
        if (e.kind() != ArchiveException.Kind.BAD_INPUT || pin == null) {
            return null;
        }
        try {
            String presented = servers.presentedFingerprint(address, PROBE_TIMEOUT);
            return presented != null && !servers.same(presented, pin) ? presented : null;
        } catch (ArchiveException again) {
            return null; // the factory's own message says what is wrong
        }
    }

    /**
     * The worker's words for a failed open: a refused login, a certificate other than the confirmed
     * one (both fingerprints shown: a third certificate after a replacement), else the factory's message
     * (a server that does not answer, an unknown archive).
     */
    private static String explain(TeamServers servers, ArchiveException e, String address, String server, String pin) {
        if (e.kind() == ArchiveException.Kind.REFUSED) {
            return NLS.bind(Messages.Team_refused, server, servers.archiveName(address));
        }
        String presented = renewed(servers, e, address, pin);
        if (presented != null) {
            return NLS.bind(Messages.Team_certificateChanged,
                    new Object[] { server, servers.display(pin), servers.display(presented) });
        }
        return e.getMessage();
    }

    /** The kept entry of an address (to fill the dialog), empty when none or unreadable. */
    public static Optional<TeamLogin> kept(String address) {
        try {
            return SecureStorageCredentialStore.openDefault().teamLogin(address);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The last address something was kept for, to offer it again; null when none. */
    public static String lastAddress() {
        try {
            java.util.List<String> all = SecureStorageCredentialStore.openDefault().teamAddresses();
            return all.isEmpty() ? null : all.get(0);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** HOST:PORT of an address, what a person recognises. */
    static String server(String address) {
        URI uri = URI.create(address);
        return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : ""); //$NON-NLS-1$ //$NON-NLS-2$
    }

    /**
     * This computer's side files of a team archive (never credentials): {@code -Dmaraude.teamDir}
     * (tests), else {@code $MARAUDE_TEAM_DIR}, else {@code maraude-team/SERVER_PORT_COLLECTION} under
     * {@code $XDG_DATA_HOME} (default {@code ~/.local/share}), the folder the CLI uses for the same
     * address.
     */
    static Path sideFolder(String address) {
        String own = System.getProperty("maraude.teamDir"); //$NON-NLS-1$
        if (own == null || own.isBlank()) {
            own = System.getenv("MARAUDE_TEAM_DIR"); //$NON-NLS-1$
        }
        if (own != null && !own.isBlank()) {
            return Paths.get(own);
        }
        String xdg = System.getenv("XDG_DATA_HOME"); //$NON-NLS-1$
        Path base = xdg != null && !xdg.isBlank() ? Paths.get(xdg)
                : Paths.get(System.getProperty("user.home"), ".local", "share"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        String key = address.substring(address.indexOf("://") + 3).replaceAll("[^A-Za-z0-9.-]", "_"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        return base.resolve("maraude-team").resolve(key); //$NON-NLS-1$
    }

    /** The team archive factory of the address's scheme, from the service registry; null when none. */
    private static TeamArchiveFactory factory(String address) {
        String scheme = TeamArchiveFactory.schemeOf(address);
        BundleContext bc = FrameworkUtil.getBundle(TeamConnection.class).getBundleContext();
        try {
            for (ServiceReference<TeamArchiveFactory> ref : bc.getServiceReferences(TeamArchiveFactory.class, null)) {
                TeamArchiveFactory f = bc.getService(ref);
                // kept for the session: a factory released now could be deactivated with its archive open
                if (f != null && f.schemes().contains(scheme)) {
                    return f;
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return null;
    }
}
