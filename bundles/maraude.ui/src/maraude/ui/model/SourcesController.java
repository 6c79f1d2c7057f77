package maraude.ui.model;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.eclipse.osgi.util.NLS;

import maraude.core.model.Platform;
import maraude.sources.CredentialStore;
import maraude.sources.Source;
import maraude.sources.SourceKind;
import maraude.sources.SourceScheduler;
import maraude.sources.SourceState;
import maraude.sources.SourceStatus;
import maraude.ui.sources.Messages;
import maraude.ui.sources.WebInboxDialog;

/**
 * What the sources view shows and does, without a widget: the rows of {@code sources.json} with
 * their texts and emphasis, the summary line, and the changes (add a watched folder, add a web inbox
 * with its secret, remove a source and its secret), each answering the rows to show and, when it
 * failed, the message. Runs off the UI thread (the view calls it from jobs).
 */
public final class SourcesController {

    /** How a row stands out. */
    public enum Emphasis {
        NONE, FAILING, OVERDUE, AT_RISK
    }

    /** One row of the table: the texts of its columns and its emphasis. */
    public record Row(String id, List<String> columns, Emphasis emphasis) {
    }

    /** The sources to show, and a message when the change or the reading failed (else null). */
    public record Listing(List<SourceStatus> sources, String message) {
    }

    /** The scheduler of the archive open now (null when none); the clock's time writes dates. */
    public interface Schedulers {
        SourceScheduler get() throws IOException;
    }

    private final Schedulers schedulers;
    private final CredentialStore credentials;
    private final Function<Instant, String> dateTime;

    public SourcesController(Schedulers schedulers, CredentialStore credentials, Function<Instant, String> dateTime) {
        this.schedulers = schedulers;
        this.credentials = credentials;
        this.dateTime = dateTime;
    }

    /** Reads {@code sources.json} again (the CLI may have changed it). */
    public Listing load() {
        try {
            SourceScheduler s = schedulers.get();
            if (s == null) {
                return new Listing(List.of(), null);
            }
            s.store().reload();
            return new Listing(s.status(), null);
        } catch (IOException | RuntimeException e) {
            return new Listing(List.of(), NLS.bind(Messages.Sources_unreadable, e.getMessage()));
        }
    }

    /** A watched folder source on {@code folder}; {@code current} stays shown when it fails. */
    public Listing addWatchedFolder(Path folder, List<SourceStatus> current) {
        try {
            SourceScheduler s = schedulers.get();
            s.store().reload();
            Source src = Source.create(s.store().newId(SourceKind.WATCHED_FOLDER), SourceKind.WATCHED_FOLDER,
                    Platform.OTHER, null, folder.toAbsolutePath().normalize().toString(), s.clock().instant());
            s.store().put(src);
            return new Listing(s.status(), null);
        } catch (IOException | RuntimeException e) {
            return new Listing(current, NLS.bind(Messages.Sources_saveFailed, e.getMessage()));
        }
    }

    /**
     * What {@code sources add web_inbox} then {@code sources login} do: the secret to the credential
     * store first, then the source, without any secret, to {@code sources.json}. A secret that cannot
     * be stored adds no source, so that no inbox is left that can never log in; a source that cannot
     * be saved takes its secret back.
     */
    public Listing addWebInbox(WebInboxDialog.Result r, List<SourceStatus> current) {
        try {
            SourceScheduler s = schedulers.get();
            s.store().reload();
            if (s.store().get(r.id()).isPresent()) {
                return new Listing(current, NLS.bind(Messages.WebInbox_idTaken, r.id()));
            }
            Source src = Source.create(r.id(), SourceKind.WEB_INBOX, r.platform(), r.profile(), r.url(),
                    s.clock().instant()).withEvery(r.every()).withRetention(r.retention()).withDelay(r.delay());
            try {
                credentials.put(r.id(), r.credentials());
            } catch (IOException | RuntimeException e) {
                // the message of the storage, never the secret
                return new Listing(current, NLS.bind(Messages.Sources_credentialsFailed, r.id(), e.getMessage()));
            }
            try {
                s.store().put(src);
            } catch (IOException | RuntimeException e) {
                try {
                    credentials.remove(r.id());
                } catch (IOException e2) {
                    // left under an id nothing uses
                }
                throw e;
            }
            return new Listing(s.status(), null);
        } catch (IOException | RuntimeException e) {
            return new Listing(current, NLS.bind(Messages.Sources_saveFailed, e.getMessage()));
        }
    }

    /** Removes source {@code id}, and a web inbox's secret with it. */
    public Listing remove(String id, List<SourceStatus> current) {
        try {
            SourceScheduler s = schedulers.get();
            s.store().reload();
            Optional<Source> gone = s.store().get(id);
            s.store().remove(id);
            if (gone.isPresent() && gone.get().kind() == SourceKind.WEB_INBOX) {
                try {
                    credentials.remove(id);
                } catch (IOException e) {
                    // the secret stays in secure storage, under an id nothing uses any more
                }
            }
            return new Listing(s.status(), null);
        } catch (IOException | RuntimeException e) {
            return new Listing(current, NLS.bind(Messages.Sources_saveFailed, e.getMessage()));
        }
    }

    /** The line above the table: read-only, none, or the counts; the last pull's outcome after it. */
    public static String summary(List<SourceStatus> list, boolean writable, String lastOutcome) {
        String s;
        if (!writable) {
            s = Messages.Sources_readOnly;
        } else if (list.isEmpty()) {
            s = Messages.Sources_none;
        } else {
            long overdue = list.stream().filter(SourceStatus::overdue).count();
            long failing = list.stream().filter(SourceStatus::failing).count();
            long atRisk = list.stream().filter(SourceStatus::atRisk).count();
            s = NLS.bind(Messages.Sources_summary, new Object[] { list.size(), overdue, failing, atRisk });
        }
        return lastOutcome == null ? s : s + " \u2014 " + lastOutcome; //$NON-NLS-1$
    }

    /** The row of a source: id, kind, platform, last pull, next pull, state, last error. */
    public Row row(SourceStatus st) {
        Source s = st.source();
        String next = st.nextPull() == null ? Messages.Sources_manual : dateTime.apply(st.nextPull());
        if (st.overdue()) {
            next += " (" + Messages.Sources_overdue + ')'; //$NON-NLS-1$
        }
        String state = stateText(s.state());
        if (st.needsAttention()) {
            state += " (" + Messages.Sources_attention + ')'; //$NON-NLS-1$
        } else if (st.atRisk()) {
            state += " (" + Messages.Sources_atRisk + ')'; //$NON-NLS-1$
        }
        Emphasis e = st.failing() ? Emphasis.FAILING
                : st.overdue() ? Emphasis.OVERDUE : st.atRisk() ? Emphasis.AT_RISK : Emphasis.NONE;
        return new Row(s.id(), List.of(s.id(), kindText(s.kind()), s.platform().key(),
                s.lastPull() == null ? Messages.Sources_never : dateTime.apply(s.lastPull()), next, state,
                s.lastError() == null ? "" : s.lastError()), e); //$NON-NLS-1$
    }

    /** The state as the table shows it (localised). */
    public static String stateText(SourceState state) {
        return switch (state) {
            case NEW -> Messages.Sources_state_new;
            case OK -> Messages.Sources_state_ok;
            case PARTIAL -> Messages.Sources_state_partial;
            case FAILING -> Messages.Sources_state_failing;
            case LOGIN_FAILED -> Messages.Sources_state_login_failed;
            case PROFILE_MISMATCH -> Messages.Sources_state_profile_mismatch;
        };
    }

    static String kindText(SourceKind kind) {
        return switch (kind) {
            case WATCHED_FOLDER -> Messages.Sources_kind_watched_folder;
            case WEB_INBOX -> Messages.Sources_kind_web_inbox;
            case PHONE_DROP -> Messages.Sources_kind_phone_drop;
        };
    }
}
