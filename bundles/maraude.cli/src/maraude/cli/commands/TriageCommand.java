package maraude.cli.commands;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.eclipse.osgi.util.NLS;
import org.osgi.service.component.annotations.Component;

import maraude.archive.maintenance.AuditTrail;
import maraude.core.archive.AuditLog;
import maraude.cli.CliCommand;
import maraude.cli.CliException;
import maraude.cli.CliInvocation;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveException;
import maraude.core.classify.Languages;
import maraude.core.model.Conversation;
import maraude.core.triage.ContactFlags;
import maraude.core.triage.ConversationState;
import maraude.core.triage.ServiceKind;
import maraude.core.triage.ServiceOffer;
import maraude.core.triage.TriageConflictException;
import maraude.core.triage.TriageService;
import maraude.core.triage.TriageStates;
import maraude.core.triage.WorkerState;

/**
 * {@code triage CONVERSATION_ID [changes]}: what a worker does to a conversation in the queue, from
 * the command line: handled, no reply needed, waiting for the person, snoozed, back in the queue;
 * services offered; a note (read from the standard input, never from an argument); the contact's
 * language and "do not contact again". Without a change it prints the state and its version.
 *
 * <p>
 * Optimistic concurrency: the state is read with its version ({@link TriageView#version()}); with
 * {@code --expect-version V} nothing is written unless it is still V. On a local archive the command
 * holds the archive's writer lock (refused while the workbench has the archive open, as every writing
 * command); on a team archive the shared state's conditional writes refuse a change another worker
 * made between the read and the write ({@link TriageConflictException}). A refused change exits 2 and
 * leaves the stored state as it was: when a second write of the same command is refused, the first one
 * is put back. Each change leaves an audit entry with what changed, counted (never a note's text nor
 * an id).
 */
@Component(service = CliCommand.class)
public class TriageCommand implements CliCommand {

    /** Longest note accepted, in characters (a handover note is a few lines; this is far above). */
    public static final int MAX_NOTE = 20_000;

    @Override
    public String name() {
        return "triage"; //$NON-NLS-1$
    }

    @Override
    public String summary() {
        return "change a conversation's state: handled, snoozed, services, note, language, do not contact"; //$NON-NLS-1$
    }

    @Override
    public String usage() {
        return "maraude [--archive DIR|solr+https://HOST:PORT/COLLECTION] triage CONVERSATION_ID\n" //$NON-NLS-1$
                + "        [--handled | --no-reply-needed | --waiting-for-person | --snooze-until DAY_OR_INSTANT | --reopen]\n" //$NON-NLS-1$
                + "        [--service KIND]... [--withdraw-service KIND]... [--language L|auto]\n" //$NON-NLS-1$
                + "        [--do-not-contact | --contact-again] [--note-stdin] [--expect-version V]\n" //$NON-NLS-1$
                + "        [--worker NAME] [--now INSTANT] [--json]\n" //$NON-NLS-1$
                + "  Without a change: prints the state and its version. --reopen puts the conversation back where the\n" //$NON-NLS-1$
                + "  rules place it (undoes --handled, --no-reply-needed, --waiting-for-person and a snooze);\n" //$NON-NLS-1$
                + "  --withdraw-service undoes --service; --language auto undoes --language; --contact-again undoes\n" //$NON-NLS-1$
                + "  --do-not-contact. --language and the contact flags apply to the contact (all its conversations).\n" //$NON-NLS-1$
                + "  KIND: " + String.join(", ", kinds()) + "; L: " + String.join(", ", Languages.SUPPORTED) + "\n" //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
                + "  --note-stdin reads the note (UTF-8) from the standard input. --expect-version V: change only if the\n" //$NON-NLS-1$
                + "  state is still at version V (as show --json or triage --json print it); else exit 2, nothing written.\n" //$NON-NLS-1$
                + "  Worker: --worker, else $MARAUDE_WORKER, else the system account. On a local archive the workbench\n" //$NON-NLS-1$
                + "  must be closed."; //$NON-NLS-1$
    }

    @Override
    public boolean worksOnTeamArchive() {
        return true;
    }

    /** What the command line asks for, checked before anything is opened. */
    record Changes(WorkerState state, Snooze snooze, boolean reopen, List<ServiceKind> offer,
            List<ServiceKind> withdraw, Optional<String> language, Boolean doNotContact, String note,
            String expectVersion) {

        /** The snooze's end: a day starts at midnight in the team's zone. */
        Instant snoozedUntil(java.time.ZoneId zone) {
            return snooze == null ? null : snooze.day() != null ? snooze.day().atStartOfDay(zone).toInstant() : snooze.at();
        }

        boolean any() {
            return state != null || reopen || !offer.isEmpty() || !withdraw.isEmpty() || language.isPresent()
                    || doNotContact != null || note != null;
        }
    }

    @Override
    public int run(CliInvocation inv) throws Exception {
        String id = null;
        TriageView current = null;
        try {
            Instant now = inv.now();
            Changes c = parse(inv);
            String worker = worker(inv);
            List<String> rest = inv.remaining();
            if (rest.size() != 1 || rest.get(0).startsWith("-")) { //$NON-NLS-1$
                throw CliException.usage(rest.size() > 1 ? "unexpected argument: " + rest.get(1) //$NON-NLS-1$
                        : rest.isEmpty() ? TriageMessages.Triage_needsId : "unknown option: " + rest.get(0)); //$NON-NLS-1$
            }
            id = rest.get(0);
            // a change takes the writer lock of a local archive: refused while the workbench has it open
            try (Archive archive = inv.openArchive(c.any() ? AccessMode.READ_WRITE : AccessMode.READ_ONLY)) {
                String conversationId = id;
                Conversation conversation = archive.conversation(id).orElseThrow(
                        () -> new Refusal("unknown_conversation", NLS.bind(TriageMessages.Triage_noConversation, conversationId))); //$NON-NLS-1$
                TriageService triage = Triages.of(archive);
                TriageStates store = triage.store();
                current = TriageView.of(store.snapshot(), id, conversation.contactId());
                Instant until = c.snoozedUntil(triage.zone());
                if (until != null && !until.isAfter(now)) {
                    throw CliException.usage(NLS.bind(TriageMessages.Triage_snoozePast, now));
                }
                if (c.expectVersion() != null && !c.expectVersion().equals(current.version())) {
                    throw new TriageConflictException(
                            NLS.bind(TriageMessages.Triage_conflict, c.expectVersion(), current.version()), null);
                }
                for (ServiceKind k : c.withdraw()) {
                    // as many offers of that kind as withdrawals asked for, checked before anything is written
                    long asked = c.withdraw().stream().filter(k::equals).count();
                    if (current.services().stream().filter(o -> o.kind() == k).count() < asked) {
                        throw CliException.usage(NLS.bind(TriageMessages.Triage_noSuchService, k.key()));
                    }
                }
                List<String> changed;
                try {
                    changed = c.any() ? apply(store, current, c, until, worker, now) : List.of();
                } catch (TriageConflictException e) {
                    // the other worker's change, read by the shared state on refusal: what is stored now
                    current = TriageView.of(store.snapshot(), id, conversation.contactId());
                    throw e;
                }
                TriageView after = TriageView.of(store.snapshot(), id, conversation.contactId());
                current = after;
                if (!changed.isEmpty()) {
                    audit(archive, changed);
                }
                print(inv, after, changed);
            }
            return 0;
        } catch (Exception | Error e) {
            if (inv.json()) {
                printFailure(inv, id, current, e);
            }
            if (e instanceof Refusal r) {
                throw CliException.usage(r.getMessage());
            }
            throw e;
        }
    }

    /** {@code --snooze-until}: a day or an instant. */
    record Snooze(LocalDate day, Instant at) {
    }

    /** Exit 2 with a message, and a kind of its own in the JSON document. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String kind;

        Refusal(String kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }
    }

    // ---------------------------------------------------------------------------- options

    private static Changes parse(CliInvocation inv) throws CliException {
        List<WorkerState> states = new ArrayList<>();
        if (inv.flag("--handled")) { //$NON-NLS-1$
            states.add(WorkerState.HANDLED);
        }
        if (inv.flag("--no-reply-needed")) { //$NON-NLS-1$
            states.add(WorkerState.NO_REPLY_NEEDED);
        }
        if (inv.flag("--waiting-for-person")) { //$NON-NLS-1$
            states.add(WorkerState.WAITING_FOR_PERSON);
        }
        Optional<String> snooze = inv.option("--snooze-until"); //$NON-NLS-1$
        if (snooze.isPresent()) {
            states.add(WorkerState.SNOOZED);
        }
        boolean reopen = inv.flag("--reopen"); //$NON-NLS-1$
        if (states.size() + (reopen ? 1 : 0) > 1) {
            throw CliException.usage(TriageMessages.Triage_oneState);
        }
        Snooze until = snooze.isPresent() ? snooze(snooze.get()) : null;
        List<ServiceKind> offer = kinds(inv.options("--service")); //$NON-NLS-1$
        List<ServiceKind> withdraw = kinds(inv.options("--withdraw-service")); //$NON-NLS-1$
        Optional<String> language = inv.option("--language").map(String::strip).map(l -> l.toLowerCase(Locale.ROOT)); //$NON-NLS-1$
        if (language.isPresent() && !language.get().equals("auto") && !Languages.isSupported(language.get())) { //$NON-NLS-1$
            throw CliException.usage(NLS.bind(TriageMessages.Triage_badLanguage, language.get(),
                    String.join(", ", Languages.SUPPORTED))); //$NON-NLS-1$
        }
        boolean dnc = inv.flag("--do-not-contact"); //$NON-NLS-1$
        boolean again = inv.flag("--contact-again"); //$NON-NLS-1$
        if (dnc && again) {
            throw CliException.usage(TriageMessages.Triage_contactBoth);
        }
        // a note typed as an argument is refused without being repeated anywhere
        for (String a : inv.remaining()) {
            if (a.equals("--note") || a.startsWith("--note=") || a.equals("--note-text")) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                throw CliException.usage(TriageMessages.Triage_noteArgument);
            }
        }
        String expect = inv.option("--expect-version").map(String::strip).orElse(null); //$NON-NLS-1$
        if (expect != null && !expect.matches("[0-9a-f]{16}")) { //$NON-NLS-1$
            throw CliException.usage(TriageMessages.Triage_badVersion);
        }
        String note = inv.flag("--note-stdin") ? readNote(inv.in()) : null; //$NON-NLS-1$
        return new Changes(states.isEmpty() ? null : states.get(0), until, reopen, offer, withdraw,
                language.map(l -> l.equals("auto") ? "" : l), dnc ? Boolean.TRUE : again ? Boolean.FALSE : null, note, //$NON-NLS-1$ //$NON-NLS-2$
                expect);
    }

    /** A day (it starts at midnight in the team's zone, known once the archive is open) or an instant. */
    private static Snooze snooze(String value) throws CliException {
        try {
            if (value.strip().length() == 10) {
                return new Snooze(LocalDate.parse(value.strip()), null);
            }
            return new Snooze(null, Instant.parse(value.strip()));
        } catch (DateTimeParseException e) {
            throw CliException.usage(TriageMessages.Triage_badSnooze);
        }
    }

    private static List<String> kinds() {
        return Arrays.stream(ServiceKind.values()).map(ServiceKind::key).toList();
    }

    private static List<ServiceKind> kinds(List<String> values) throws CliException {
        List<ServiceKind> out = new ArrayList<>();
        for (String v : values) {
            try {
                out.add(ServiceKind.fromKey(v));
            } catch (IllegalArgumentException e) {
                throw CliException.usage(NLS.bind(TriageMessages.Triage_badService, v, String.join(", ", kinds()))); //$NON-NLS-1$
            }
        }
        return out;
    }

    /** The note, UTF-8 from the standard input, at most {@value #MAX_NOTE} characters, not blank. */
    static String readNote(InputStream in) throws CliException {
        byte[] bytes;
        try {
            // four bytes per character at most, and one more to know it is too long
            bytes = in.readNBytes(MAX_NOTE * 4 + 1);
        } catch (IOException e) {
            throw CliException.usage(TriageMessages.Triage_noteNotText);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            if (bytes.length > MAX_NOTE * 4) {
                throw CliException.usage(NLS.bind(TriageMessages.Triage_noteTooLong, MAX_NOTE));
            }
            throw CliException.usage(TriageMessages.Triage_noteNotText);
        }
        text = text.strip();
        if (text.isEmpty()) {
            throw CliException.usage(TriageMessages.Triage_noteEmpty);
        }
        if (bytes.length > MAX_NOTE * 4 || text.codePointCount(0, text.length()) > MAX_NOTE) {
            throw CliException.usage(NLS.bind(TriageMessages.Triage_noteTooLong, MAX_NOTE));
        }
        return text;
    }

    private static String worker(CliInvocation inv) throws CliException {
        String w = inv.option("--worker").map(String::strip).orElse(null); //$NON-NLS-1$
        if (w == null || w.isEmpty()) {
            w = System.getenv("MARAUDE_WORKER"); //$NON-NLS-1$
        }
        if (w == null || w.isBlank()) {
            w = System.getProperty("user.name", "worker"); //$NON-NLS-1$ //$NON-NLS-2$
        }
        return w.strip();
    }

    // ---------------------------------------------------------------------------- changes

    /**
     * Writes the changes: the conversation's state, then the contact's flags (conditional writes on a
     * team archive), then the additions (note, services), which a shared state merges and never
     * refuses. When the flags are refused after the state was written, the state is put back, so that
     * a refused command leaves nothing of itself.
     *
     * @return what changed, as audit counts' names
     */
    static List<String> apply(TriageStates store, TriageView before, Changes c, Instant snoozedUntil, String worker,
            Instant now) {
        List<String> changed = new ArrayList<>();
        String id = before.conversationId();
        ConversationState oldState = before.conversation();
        boolean stateWritten = false;
        if (c.state() != null) {
            store.setState(id, c.state(), now, worker, snoozedUntil);
            stateWritten = true;
            changed.add(c.state().key());
        } else if (c.reopen() && before.state() != null) {
            store.clearState(id);
            stateWritten = true;
            changed.add("reopened"); //$NON-NLS-1$
        }
        ContactFlags flags = before.contact();
        ContactFlags next = flags;
        if (c.language().isPresent()) {
            String lang = c.language().get().isEmpty() ? null : c.language().get();
            if (!java.util.Objects.equals(lang, flags.language())) {
                next = next.withLanguage(lang, now, worker);
                changed.add("language"); //$NON-NLS-1$
            }
        }
        if (c.doNotContact() != null && c.doNotContact() != flags.doNotContact()) {
            next = next.withDoNotContact(c.doNotContact(), now, worker);
            changed.add(c.doNotContact() ? "do_not_contact" : "contact_again"); //$NON-NLS-1$ //$NON-NLS-2$
        }
        if (next != flags) {
            try {
                store.setContactFlags(next);
            } catch (RuntimeException e) {
                if (stateWritten) {
                    putBack(store, id, oldState, e);
                }
                throw e;
            }
        }
        if (c.note() != null) {
            store.addNote(id, new ConversationState.Note(now, worker, c.note()));
            changed.add("note"); //$NON-NLS-1$
        }
        for (ServiceKind k : c.offer()) {
            store.offerService(id, k, now, worker);
            changed.add("service"); //$NON-NLS-1$
        }
        List<ServiceOffer> offered = new ArrayList<>(before.services());
        for (ServiceKind k : c.withdraw()) {
            // the latest offer of that kind: the mistake is usually the last click
            ServiceOffer last = null;
            for (ServiceOffer o : offered) {
                if (o.kind() == k) {
                    last = o;
                }
            }
            if (last != null) {
                offered.remove(last);
                store.withdrawService(last.id());
                changed.add("service_withdrawn"); //$NON-NLS-1$
            }
        }
        return changed;
    }

    /** The conversation's state as it was before this command, after a later write of it was refused. */
    private static void putBack(TriageStates store, String id, ConversationState old, RuntimeException refused) {
        try {
            if (old == null || old.state() == null) {
                store.clearState(id);
            } else {
                store.setState(id, old.state(), old.setAt(), old.setBy(), old.snoozedUntil());
            }
        } catch (RuntimeException again) {
            refused.addSuppressed(again);
        }
    }

    /** Counts only: what changed, never a note's text, a name or an id. */
    private static void audit(Archive archive, List<String> changed) throws CliException {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("conversations", 1L); //$NON-NLS-1$
        for (String what : changed) {
            counts.merge(what, 1L, Long::sum);
        }
        try {
            AuditTrail.of(archive).record(AuditLog.TRIAGE, counts); // on the servers for a team archive
        } catch (IOException e) {
            throw new CliException(CliException.INTERNAL,
                    NLS.bind(TriageMessages.Triage_auditFailed, e.getClass().getSimpleName()));
        }
    }

    // ---------------------------------------------------------------------------- output

    private static void print(CliInvocation inv, TriageView v, List<String> changed) throws Exception {
        if (inv.json()) {
            Map<String, Object> doc = v.json(true);
            doc.put("changed", changed); //$NON-NLS-1$
            inv.printJson(doc);
            return;
        }
        Map<String, Object> m = v.json(true);
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (e.getValue() != null) {
                b.append(e.getKey()).append(": ").append(e.getValue()).append('\n'); //$NON-NLS-1$
            }
        }
        b.append("changed: ").append(changed.isEmpty() ? "nothing" : String.join(", ", changed)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        inv.out().println(b);
    }

    /**
     * The one JSON document of a refused or failed run: the state as stored (unchanged) when it was
     * read, and what went wrong. An internal failure names its class only (its message could quote
     * stored text).
     */
    private static void printFailure(CliInvocation inv, String id, TriageView current, Throwable e) {
        Map<String, Object> doc = current != null ? current.json(true) : new LinkedHashMap<>();
        doc.putIfAbsent("conversation_id", id); //$NON-NLS-1$
        Map<String, Object> error = new LinkedHashMap<>();
        String kind;
        String message;
        if (e instanceof TriageConflictException) {
            kind = "conflict"; //$NON-NLS-1$
            message = e.getMessage();
        } else if (e instanceof Refusal r) {
            kind = r.kind;
            message = r.getMessage();
        } else if (e instanceof CliException ce) {
            kind = ce.exitCode() == CliException.USAGE ? "bad_input" : "internal"; //$NON-NLS-1$ //$NON-NLS-2$
            message = ce.getMessage();
        } else if (e instanceof ArchiveException ae) {
            kind = switch (ae.kind()) {
                case LOCKED -> "locked"; //$NON-NLS-1$
                case IO -> "internal"; //$NON-NLS-1$
                default -> "bad_input"; //$NON-NLS-1$
            };
            message = ae.getMessage();
        } else {
            kind = "internal"; //$NON-NLS-1$
            message = "internal error (" + e.getClass().getName() + ")"; //$NON-NLS-1$ //$NON-NLS-2$
        }
        error.put("kind", kind); //$NON-NLS-1$
        error.put("message", message); //$NON-NLS-1$
        doc.put("error", error); //$NON-NLS-1$
        try {
            inv.printJson(doc);
        } catch (Exception again) {
            // stdout is gone: the exit code and stderr still say it
        }
    }
}
