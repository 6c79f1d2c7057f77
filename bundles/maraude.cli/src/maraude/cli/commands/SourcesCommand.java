package maraude.cli.commands;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import maraude.cli.CliCommand;
import maraude.cli.CliException;
import maraude.cli.CliInvocation;
import maraude.core.model.Platform;
import maraude.sources.CredentialStore;
import maraude.sources.Credentials;
import maraude.sources.SecureStorageCredentialStore;
import maraude.sources.Source;
import maraude.sources.SourceKind;
import maraude.sources.SourceScheduler;
import maraude.sources.SourceStatus;
import maraude.sources.SourceStore;

/**
 * {@code sources}: lists the archive's sources with last and next pull, state and warnings
 * (overdue, failing, at risk of losing messages on the platform); {@code sources add|remove|login}
 * configure them. Secrets are read from environment variables, never from the command line, so
 * that they appear neither in the shell history nor in the process list.
 */
@Component(service = CliCommand.class)
public class SourcesCommand implements CliCommand {

    @Override
    public String name() {
        return "sources"; //$NON-NLS-1$
    }

    @Override
    public String summary() {
        return "list the sources (last/next pull, overdue, failing); add, remove, login"; //$NON-NLS-1$
    }

    @Override
    public String usage() {
        return "maraude [--archive DIR] sources [--json] [--now INSTANT]\n" //$NON-NLS-1$
                + "maraude sources add watched_folder FOLDER [--id ID] [--platform P] [--every PT5M]\n" //$NON-NLS-1$
                + "maraude sources add web_inbox URL --profile PROFILE [--id ID] [--platform ad_inbox] [--every PT12H]\n" //$NON-NLS-1$
                + "        [--retention P7D] [--delay PT2S]\n" //$NON-NLS-1$
                + "maraude sources remove ID\n" //$NON-NLS-1$
                + "maraude sources login ID (--user NAME --password-env VAR | --cookie-env VAR)\n" //$NON-NLS-1$
                + "  Secrets come from environment variables and go to the encrypted secure storage\n" //$NON-NLS-1$
                + "  (-Dmaraude.credentials=FILE to choose its file)."; //$NON-NLS-1$
    }

    @Override
    public int run(CliInvocation inv) throws Exception {
        List<String> rest = inv.remaining();
        String sub = rest.isEmpty() || rest.get(0).startsWith("--") ? "list" : rest.get(0); //$NON-NLS-1$ //$NON-NLS-2$
        SourceStore store = open(inv.archiveFolder());
        return switch (sub) {
            case "list" -> list(inv, store); //$NON-NLS-1$
            case "add" -> add(inv, store); //$NON-NLS-1$
            case "remove" -> remove(inv, store); //$NON-NLS-1$
            case "login" -> login(inv, store); //$NON-NLS-1$
            default -> throw CliException.usage("unknown sources action: " + sub + " (list, add, remove, login)"); //$NON-NLS-1$ //$NON-NLS-2$
        };
    }

    static SourceStore open(Path archive) throws CliException {
        try {
            return SourceStore.open(maraude.archive.crypto.ArchiveProtection.filesFor(archive));
        } catch (IOException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    private static int list(CliInvocation inv, SourceStore store) throws Exception {
        Instant now = inv.now();
        if (inv.remaining().contains("list")) { //$NON-NLS-1$
            inv.flag("list"); //$NON-NLS-1$
        }
        inv.noMoreArguments();
        SourceScheduler scheduler = new SourceScheduler(store, Map.of(), Clock.fixed(now, ZoneOffset.UTC));
        List<Map<String, Object>> rows = new ArrayList<>();
        int overdue = 0;
        int failing = 0;
        int atRisk = 0;
        for (SourceStatus st : scheduler.status()) {
            rows.add(row(st));
            overdue += st.overdue() ? 1 : 0;
            failing += st.failing() ? 1 : 0;
            atRisk += st.atRisk() ? 1 : 0;
        }
        if (inv.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("now", now.toString()); //$NON-NLS-1$
            doc.put("overdue", overdue); //$NON-NLS-1$
            doc.put("failing", failing); //$NON-NLS-1$
            doc.put("at_risk", atRisk); //$NON-NLS-1$
            doc.put("sources", rows); //$NON-NLS-1$
            inv.printJson(doc);
        } else if (rows.isEmpty()) {
            inv.out().println("no sources (see: maraude sources --help)"); //$NON-NLS-1$
        } else {
            for (Map<String, Object> r : rows) {
                inv.out().println(r.get("id") + "  " + r.get("kind") + "  " + r.get("state") + "  last " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
                        + r.get("last_pull") + "  next " + r.get("next_pull") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                        + (Boolean.TRUE.equals(r.get("overdue")) ? "  OVERDUE" : "") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                        + (Boolean.TRUE.equals(r.get("at_risk")) ? "  AT RISK" : "") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                        + (r.get("last_error") != null ? "  (" + r.get("last_error") + ')' : "")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
            }
        }
        return 0;
    }

    static Map<String, Object> row(SourceStatus st) {
        Source s = st.source();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", s.id()); //$NON-NLS-1$
        r.put("kind", s.kind().key()); //$NON-NLS-1$
        r.put("platform", s.platform().key()); //$NON-NLS-1$
        r.put("profile", s.profile()); //$NON-NLS-1$
        r.put("location", s.location()); //$NON-NLS-1$
        r.put("every", s.every().toString()); //$NON-NLS-1$
        r.put("retention", s.retention() == null ? null : s.retention().toString()); //$NON-NLS-1$
        r.put("state", s.state().key()); //$NON-NLS-1$
        r.put("last_pull", str(s.lastPull())); //$NON-NLS-1$
        r.put("last_attempt", str(s.lastAttempt())); //$NON-NLS-1$
        r.put("next_pull", str(st.nextPull())); //$NON-NLS-1$
        r.put("deadline", str(st.deadline())); //$NON-NLS-1$
        r.put("last_added", s.lastAdded()); //$NON-NLS-1$
        r.put("last_error", s.lastError()); //$NON-NLS-1$
        r.put("due", st.due()); //$NON-NLS-1$
        r.put("overdue", st.overdue()); //$NON-NLS-1$
        r.put("failing", st.failing()); //$NON-NLS-1$
        r.put("needs_attention", st.needsAttention()); //$NON-NLS-1$
        r.put("at_risk", st.atRisk()); //$NON-NLS-1$
        return r;
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }

    private static int add(CliInvocation inv, SourceStore store) throws Exception {
        Instant now = inv.now();
        Optional<String> id = inv.option("--id"); //$NON-NLS-1$
        Optional<String> platform = inv.option("--platform"); //$NON-NLS-1$
        Optional<String> profile = inv.option("--profile"); //$NON-NLS-1$
        Optional<String> every = inv.option("--every"); //$NON-NLS-1$
        Optional<String> retention = inv.option("--retention"); //$NON-NLS-1$
        Optional<String> delay = inv.option("--delay"); //$NON-NLS-1$
        List<String> args = inv.remaining();
        if (args.size() < 2) {
            throw CliException.usage("sources add needs a KIND (watched_folder, web_inbox)"); //$NON-NLS-1$
        }
        SourceKind kind;
        try {
            kind = SourceKind.fromKey(args.get(1));
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        String location = args.size() > 2 ? args.get(2) : null;
        if (args.size() > 3) {
            throw CliException.usage("unexpected argument: " + args.get(3)); //$NON-NLS-1$
        }
        Platform p;
        try {
            p = platform.map(Platform::fromKey).orElse(kind == SourceKind.WEB_INBOX ? Platform.AD_INBOX : Platform.WHATSAPP);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        switch (kind) {
        case WATCHED_FOLDER -> {
            if (location == null || !Files.isDirectory(Paths.get(location))) {
                throw CliException.usage("watched_folder needs an existing FOLDER"); //$NON-NLS-1$
            }
            location = Paths.get(location).toAbsolutePath().normalize().toString();
        }
        case WEB_INBOX -> {
            if (location == null || !location.matches("(?i)https?://[^\\s/]+.*")) { //$NON-NLS-1$
                throw CliException.usage("web_inbox needs an http(s) URL"); //$NON-NLS-1$
            }
            URI.create(location);
            if (profile.isEmpty()) {
                throw CliException.usage("web_inbox needs --profile (a site profile with a \"web\" section)"); //$NON-NLS-1$
            }
        }
        case PHONE_DROP -> location = null;
        }
        String sourceId = id.orElse(store.newId(kind));
        if (!Source.isValidId(sourceId)) {
            throw CliException.usage("--id must be 1-64 letters, digits, '.', '-' or '_'"); //$NON-NLS-1$
        }
        if (store.get(sourceId).isPresent()) {
            throw CliException.usage("a source " + sourceId + " exists already"); //$NON-NLS-1$ //$NON-NLS-2$
        }
        Source s = Source.create(sourceId, kind, p, profile.orElse(null), location, now);
        try {
            if (every.isPresent()) {
                s = s.withEvery(Duration.parse(every.get()));
            }
            if (retention.isPresent()) {
                s = s.withRetention(retention.get().equalsIgnoreCase("none") ? null : Duration.parse(retention.get())); //$NON-NLS-1$
            }
            if (delay.isPresent()) {
                s = s.withDelay(Duration.parse(delay.get()));
            }
        } catch (RuntimeException e) {
            throw CliException.usage("durations are ISO-8601, e.g. PT12H, P7D, PT2S"); //$NON-NLS-1$
        }
        store.put(s);
        if (inv.json()) {
            inv.printJson(row(new SourceScheduler(store, Map.of(), Clock.fixed(now, ZoneOffset.UTC)).status(s, now)));
        } else {
            inv.out().println("added " + sourceId); //$NON-NLS-1$
        }
        return 0;
    }

    private static int remove(CliInvocation inv, SourceStore store) throws Exception {
        List<String> args = inv.remaining();
        if (args.size() != 2) {
            throw CliException.usage("sources remove needs exactly one ID"); //$NON-NLS-1$
        }
        String id = args.get(1);
        if (!store.remove(id)) {
            throw CliException.usage("no source " + id); //$NON-NLS-1$
        }
        if (Source.isValidId(id)) {
            try {
                credentials().remove(id);
            } catch (IOException e) {
                inv.err().println("maraude: credentials of " + id + " could not be removed from secure storage"); //$NON-NLS-1$ //$NON-NLS-2$
            }
        }
        if (inv.json()) {
            inv.printJson(Map.of("removed", id)); //$NON-NLS-1$
        } else {
            inv.out().println("removed " + id); //$NON-NLS-1$
        }
        return 0;
    }

    private static int login(CliInvocation inv, SourceStore store) throws Exception {
        Optional<String> user = inv.option("--user"); //$NON-NLS-1$
        Optional<String> passwordEnv = inv.option("--password-env"); //$NON-NLS-1$
        Optional<String> cookieEnv = inv.option("--cookie-env"); //$NON-NLS-1$
        List<String> args = inv.remaining();
        if (args.size() != 2) {
            throw CliException.usage("sources login needs exactly one ID"); //$NON-NLS-1$
        }
        String id = args.get(1);
        if (store.get(id).isEmpty()) {
            throw CliException.usage("no source " + id); //$NON-NLS-1$
        }
        Credentials c;
        if (cookieEnv.isPresent()) {
            c = Credentials.cookie(env(cookieEnv.get()));
        } else if (user.isPresent() && passwordEnv.isPresent()) {
            c = Credentials.login(user.get(), env(passwordEnv.get()));
        } else {
            throw CliException.usage("give --user NAME --password-env VAR, or --cookie-env VAR"); //$NON-NLS-1$
        }
        credentials().put(id, c);
        inv.out().println(inv.json() ? "{\"stored\":\"" + id + "\"}" : "credentials stored for " + id); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        return 0;
    }

    private static String env(String var) throws CliException {
        String v = System.getenv(var);
        if (v == null || v.isEmpty()) {
            throw CliException.usage("environment variable " + var + " is not set"); //$NON-NLS-1$ //$NON-NLS-2$
        }
        return v;
    }

    /** The secure storage, opened only when a secret is really needed. */
    static CredentialStore credentials() {
        return SecureStorageCredentialStore.lazyDefault();
    }
}
