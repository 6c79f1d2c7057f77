package maraude.cli.commands;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import maraude.archive.maintenance.AuditTrail;
import maraude.cli.CliCommand;
import maraude.cli.CliException;
import maraude.cli.CliInvocation;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.AuditLog;
import maraude.core.archive.PendingReplies;
import maraude.core.archive.TeamArchiveFactory;
import maraude.core.model.Attachment;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Message;
import maraude.core.triage.ArchiveTriageStates;
import maraude.core.triage.Campaign;
import maraude.core.triage.ContactFlags;
import maraude.core.triage.ConversationState;
import maraude.core.triage.PermanenceSession;
import maraude.core.triage.ServiceOffer;
import maraude.core.triage.TriageConflictException;
import maraude.core.triage.TriageState;
import maraude.core.triage.TriageStates;
import maraude.templates.TeamTemplates;
import maraude.templates.Template;
import maraude.templates.TemplateFormatException;
import maraude.templates.TemplateLibrary;

/**
 * {@code team push --from DIR --to URL} and {@code team pull --from URL --to DIR}: copies the contacts,
 * threads, messages, attachments and triage state of one archive into the other. Ids are the archives'
 * own (the same export gives the same ids on every machine), so a message already there is skipped: a
 * second run adds nothing, and a run cut off half-way is resumed by running it again (what was sent is
 * committed every {@value #BATCH} messages; {@code --max-messages N} stops on purpose after N new ones).
 * Credentials and trust of the team archive come from the environment, as for
 * {@code --archive solr+https://...}.
 *
 * <p>
 * <b>Attachments</b> are content-addressed (SHA-256): a message's attachments are copied before the
 * message, each only when the target does not hold those bytes yet ({@link Archive#hasAttachment}).
 *
 * <p>
 * <b>Triage state</b> goes through {@link TriageStates}, the target's own rules included (a team
 * archive's optimistic concurrency). Never overwritten silently:
 * <ul>
 * <li>a conversation's state (handled, snoozed... with when and by whom) and a contact's flags
 * (do-not-contact, caution, language) are copied when the target has none, or an older one (by
 * {@code setAt} / {@code updatedAt}); when the target's is newer or as old and different, the target's is
 * kept and the record is reported as a conflict, as is one another worker changed during the copy;</li>
 * <li>notes, services offered (tags) and permanences are additions: those the target lacks are added
 * (the target's own are kept), as the team archive merges notes;</li>
 * <li>campaigns: copied when missing; one with the same id and other values is a conflict (kept).</li>
 * </ul>
 * <b>Pending replies</b> (replies copied to a platform from the workbench, see {@link PendingReplies}) are
 * messages and go with them, as an import treats them: a source's pending reply whose sent message the
 * target already holds is not copied (superseded), and a sent message copied to the target replaces the
 * target's pending reply it stands for.
 *
 * <p>
 * <b>Side files</b>: the team's (settings, templates) are copied when the target has none, kept and
 * reported as a conflict when it has others ({@link #copySideFiles}); one machine's ({@link #NOT_COPIED})
 * are not, and those the source holds are listed.
 *
 * <p>
 * Both archives' audit trails get an entry with counts only: the target an {@code import}, the source an
 * {@code export} (a team archive's on its servers, with the acting user).
 */
@Component(service = CliCommand.class)
public class TeamCommand implements CliCommand {

    /** Messages sent between two commits: what a cut-off run can lose and must send again. */
    static final int BATCH = 5000;

    @Override
    public String name() {
        return "team"; //$NON-NLS-1$
    }

    @Override
    public String summary() {
        return "copy a local archive to a team archive (push) or back (pull); resumable, idempotent"; //$NON-NLS-1$
    }

    @Override
    public String usage() {
        return "maraude team push --from DIR --to solr+https://HOST:PORT/COLLECTION [--max-messages N] [--json]\n" //$NON-NLS-1$
                + "maraude team pull --from solr+https://HOST:PORT/COLLECTION --to DIR [--max-messages N] [--json]\n" //$NON-NLS-1$
                + "  copies contacts, threads, messages, pending replies, attachments, triage state and the team's\n" //$NON-NLS-1$
                + "  side files (settings, templates); a second run adds nothing,\n" //$NON-NLS-1$
                + "  a run cut off (or stopped by --max-messages after N new messages) is completed by running it again;\n" //$NON-NLS-1$
                + "  a triage state newer on the target is kept and reported as a conflict\n" //$NON-NLS-1$
                + "  team credentials: MARAUDE_TEAM_USER, MARAUDE_TEAM_PASSWORD, MARAUDE_TEAM_FINGERPRINT"; //$NON-NLS-1$
    }

    @Override
    public int run(CliInvocation inv) throws Exception {
        List<String> rest = inv.remaining();
        if (rest.isEmpty() || !rest.get(0).equals("push") && !rest.get(0).equals("pull")) { //$NON-NLS-1$ //$NON-NLS-2$
            throw CliException.usage("team needs push or pull (see team --help)"); //$NON-NLS-1$
        }
        String verb = rest.get(0);
        inv.flag(verb);
        String from = inv.option("--from").orElseThrow(() -> CliException.usage("team " + verb + " needs --from")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        String to = inv.option("--to").orElseThrow(() -> CliException.usage("team " + verb + " needs --to")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        long max = maxMessages(inv.option("--max-messages").orElse(null)); //$NON-NLS-1$
        inv.noMoreArguments();
        boolean push = verb.equals("push"); //$NON-NLS-1$
        String team = push ? to : from;
        String folder = push ? from : to;
        if (TeamArchiveFactory.schemeOf(team) == null) {
            throw CliException.usage("team " + verb + ": " + (push ? "--to" : "--from") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
                    + " must be a team archive address (solr+https://HOST:PORT/COLLECTION)"); //$NON-NLS-1$
        }
        if (TeamArchiveFactory.schemeOf(folder) != null) {
            throw CliException.usage("team " + verb + ": " + (push ? "--from" : "--to") + " must be a local archive folder"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("from", from); //$NON-NLS-1$
        doc.put("to", to); //$NON-NLS-1$
        try (Archive source = inv.openNamed(from, AccessMode.READ_ONLY);
                Archive target = inv.openNamed(to, AccessMode.READ_WRITE)) {
            boolean complete = copy(source, target, max, doc);
            if (complete) {
                copyTriage(ArchiveTriageStates.of(source), ArchiveTriageStates.of(target), source, doc);
                copySideFiles(source, target, doc);
            }
            doc.put("complete", complete); //$NON-NLS-1$
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("messages", (Long) doc.get("messages_added")); //$NON-NLS-1$ //$NON-NLS-2$
            counts.put("attachments", (Long) doc.get("attachments_added")); //$NON-NLS-1$ //$NON-NLS-2$
            counts.put("triage_records", (Long) doc.getOrDefault("triage_copied", 0L)); //$NON-NLS-1$ //$NON-NLS-2$
            counts.put("conflicts", (Long) doc.getOrDefault("triage_conflicts", 0L)); //$NON-NLS-1$ //$NON-NLS-2$
            // counts only, in each archive's own trail (a team archive's on its servers, with the acting user)
            AuditTrail.of(target).recordQuietly(AuditLog.IMPORT, counts);
            AuditTrail.of(source).recordQuietly(AuditLog.EXPORT, counts);
        }
        if (inv.json()) {
            inv.printJson(doc);
        } else {
            inv.out().println(doc.get("messages_added") + " message(s) added, " + doc.get("duplicates_skipped") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                    + " already there, " + doc.get("conversations") + " conversation(s), " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                    + doc.get("attachments_added") + " attachment(s) added, " + doc.get("attachments_present") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                    + " already there"); //$NON-NLS-1$
            if (Boolean.TRUE.equals(doc.get("complete"))) { //$NON-NLS-1$
                inv.out().println(doc.get("triage_copied") + " triage record(s) copied, " + doc.get("triage_present") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                        + " already there, " + doc.get("triage_conflicts") + " conflict(s) (the target's newer state kept)"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                @SuppressWarnings("unchecked")
                Map<String, Object> side = (Map<String, Object>) doc.get("side_files"); //$NON-NLS-1$
                inv.out().println(doc.get("pending_replies_added") + " pending reply(ies) added, " //$NON-NLS-1$ //$NON-NLS-2$
                        + doc.get("pending_replies_replaced") + " replaced by the sent message; side files: " + side //$NON-NLS-1$ //$NON-NLS-2$
                        + ", not copied (this machine's): " + doc.get("side_files_not_copied")); //$NON-NLS-1$ //$NON-NLS-2$
                @SuppressWarnings("unchecked")
                List<Map<String, String>> conflicts = (List<Map<String, String>>) doc.get("conflicts"); //$NON-NLS-1$
                for (Map<String, String> c : conflicts) {
                    inv.out().println("  conflict: " + c.get("record") + " " + c.get("id")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
                }
            } else {
                inv.out().println("stopped after " + max + " new message(s): run the same command again to go on"); //$NON-NLS-1$ //$NON-NLS-2$
            }
        }
        return 0;
    }

    private static long maxMessages(String value) throws CliException {
        if (value == null) {
            return Long.MAX_VALUE;
        }
        try {
            long n = Long.parseLong(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw CliException.usage("--max-messages expects a number of at least 1"); //$NON-NLS-1$
    }

    /**
     * Contacts and threads first (a message needs its thread), then messages, each after its
     * attachments, committed in batches; stops once {@code max} new messages are committed.
     *
     * @return whether every message was copied (false when stopped by {@code max})
     */
    static boolean copy(Archive source, Archive target, long max, Map<String, Object> report) throws IOException {
        List<Contact> contacts = source.contacts();
        List<Conversation> conversations = source.conversations();
        for (Contact c : contacts) {
            target.putContact(c);
        }
        for (Conversation v : conversations) {
            target.putConversation(v);
        }
        target.commit();
        long added = 0;
        long skipped = 0;
        long pending = 0;
        long[] attachments = new long[3]; // added, present, missing in the source
        long[] replies = new long[4]; // pending replies added, present, superseded, replaced
        List<Message> targetPending = new ArrayList<>(target.pendingReplies());
        Set<String> known = new HashSet<>();
        boolean complete = true;
        copying: for (Conversation v : conversations) {
            List<Message> targetThread = null;
            for (Message m : source.messages(v.id())) {
                boolean pendingReply = PendingReplies.isPending(m);
                if (pendingReply) {
                    if (targetThread == null) {
                        targetThread = target.messages(v.id());
                    }
                    if (targetThread.stream().anyMatch(real -> PendingReplies.replacedBy(m, real))) {
                        replies[2]++; // the target holds the message as sent: the reply is no longer pending
                        continue;
                    }
                } else if (m.isOutbound()) {
                    replacePending(target, targetPending, m, replies);
                }
                for (Attachment a : m.attachments()) {
                    copyAttachment(source, target, a, known, attachments);
                }
                if (target.addMessage(m)) {
                    if (pendingReply) {
                        replies[0]++;
                    }
                    added++;
                    if (++pending >= BATCH) {
                        target.commit();
                        pending = 0;
                    }
                    if (added >= max) {
                        complete = false;
                        break copying;
                    }
                } else {
                    if (pendingReply) {
                        replies[1]++;
                    }
                    skipped++;
                }
            }
        }
        target.commit();
        report.put("contacts", contacts.size()); //$NON-NLS-1$
        report.put("conversations", conversations.size()); //$NON-NLS-1$
        report.put("messages_added", added); //$NON-NLS-1$
        report.put("duplicates_skipped", skipped); //$NON-NLS-1$
        report.put("attachments_added", attachments[0]); //$NON-NLS-1$
        report.put("attachments_present", attachments[1]); //$NON-NLS-1$
        report.put("attachments_missing", attachments[2]); //$NON-NLS-1$
        report.put("pending_replies_added", replies[0]); //$NON-NLS-1$
        report.put("pending_replies_present", replies[1]); //$NON-NLS-1$
        report.put("pending_replies_superseded", replies[2]); //$NON-NLS-1$
        report.put("pending_replies_replaced", replies[3]); //$NON-NLS-1$
        return complete;
    }

    /**
     * The real message {@code sent} (an export's, copied from the source) takes the place of the target's
     * pending reply it stands for, as an import does ({@link PendingReplies#replacedBy}).
     */
    private static void replacePending(Archive target, List<Message> targetPending, Message sent, long[] replies) {
        for (java.util.Iterator<Message> it = targetPending.iterator(); it.hasNext();) {
            Message p = it.next();
            if (PendingReplies.replacedBy(p, sent)) {
                target.removeMessage(p.id());
                it.remove();
                replies[3]++;
                return;
            }
        }
    }

    /** Copies one attachment's bytes unless the target holds them (each hash looked at once per run). */
    private static void copyAttachment(Archive source, Archive target, Attachment a, Set<String> known, long[] counts)
            throws IOException {
        if (!known.add(a.sha256())) {
            return;
        }
        if (target.hasAttachment(a.sha256())) {
            counts[1]++;
            return;
        }
        if (!source.hasAttachment(a.sha256())) {
            counts[2]++; // the source lost it (a failed import, an erasure): the message goes without
            return;
        }
        try (InputStream in = source.openAttachment(a.sha256())) {
            Attachment stored = target.storeAttachment(in, a.mediaType(), a.fileName());
            if (!stored.sha256().equals(a.sha256())) {
                throw new IOException("an attachment's bytes do not match its hash"); //$NON-NLS-1$
            }
        }
        counts[0]++;
    }

    /** Counts of the triage copy. */
    private static final class Tally {
        long copied;
        long present;
        final List<Map<String, String>> conflicts = new ArrayList<>();

        void conflict(String record, String id) {
            Map<String, String> c = new LinkedHashMap<>();
            c.put("record", record); //$NON-NLS-1$
            c.put("id", id); //$NON-NLS-1$
            conflicts.add(c);
        }
    }

    /**
     * The triage state of the conversations and contacts the source holds (see the class comment for
     * what is copied, merged or kept). Each record is written on its own: a run cut off is completed by
     * running it again, and what was copied is found equal the second time.
     */
    static void copyTriage(TriageStates from, TriageStates to, Archive source, Map<String, Object> report) {
        TriageState s = from.snapshot();
        Set<String> conversations = new HashSet<>();
        source.conversations().forEach(c -> conversations.add(c.id()));
        Set<String> contacts = new HashSet<>();
        source.contacts().forEach(c -> contacts.add(c.id()));
        Tally t = new Tally();
        for (ConversationState cs : s.conversations().values()) {
            if (conversations.contains(cs.conversationId())) {
                conversation(cs, to, t);
            }
        }
        for (ContactFlags f : s.contacts().values()) {
            if (contacts.contains(f.contactId())) {
                contact(f, to, t);
            }
        }
        for (ServiceOffer o : s.services()) {
            if (conversations.contains(o.conversationId())) {
                boolean there = to.snapshot().services(o.conversationId()).stream().anyMatch(x -> x.kind() == o.kind()
                        && x.at().equals(o.at()) && x.by().equals(o.by()));
                if (there) {
                    t.present++;
                } else {
                    to.offerService(o.conversationId(), o.kind(), o.at(), o.by());
                    t.copied++;
                }
            }
        }
        for (Campaign c : s.campaigns()) {
            Campaign there = to.snapshot().campaigns().stream().filter(x -> x.id().equals(c.id())).findFirst().orElse(null);
            if (there == null) {
                write(() -> to.putCampaign(c), "campaign", c.id(), t); //$NON-NLS-1$
            } else if (there.equals(c)) {
                t.present++;
            } else {
                t.conflict("campaign", c.id()); //$NON-NLS-1$
            }
        }
        for (PermanenceSession p : s.sessions()) {
            if (p.end() == null) {
                continue; // the source's running permanence is its own, not the target's
            }
            PermanenceSession there = to.snapshot().sessions().stream()
                    .filter(x -> x.workerId().equals(p.workerId()) && x.start().equals(p.start())).findFirst().orElse(null);
            if (there != null && !there.isOpen()) {
                t.present++;
            } else {
                // a run cut off between the two writes left it open: ended now
                String id = there != null ? there.id() : to.startSession(p.workerId(), p.start()).id();
                to.endSession(id, p.end(), p.handoverNote());
                t.copied++;
            }
        }
        report.put("triage_copied", t.copied); //$NON-NLS-1$
        report.put("triage_present", t.present); //$NON-NLS-1$
        report.put("triage_conflicts", (long) t.conflicts.size()); //$NON-NLS-1$
        report.put("conflicts", t.conflicts); //$NON-NLS-1$
    }

    /** Side files of the team, by kind: copied by push and pull (see {@link #copySideFiles}). */
    static final String TEAM_SETTINGS = "team_settings"; //$NON-NLS-1$
    static final String TEMPLATES = "templates"; //$NON-NLS-1$

    /**
     * Side files of one machine or of one archive, by kind, with the file or folder that holds them: never
     * copied (why: the README's section on push and pull of the whole archive).
     */
    static final Map<String, String> NOT_COPIED = notCopied();

    private static Map<String, String> notCopied() {
        Map<String, String> m = new LinkedHashMap<>();
        // who "us" is in this machine's exports: the worker's own accounts, names and numbers
        m.put("us_memory", maraude.core.archive.RememberedIdentities.FILE_NAME); //$NON-NLS-1$
        // the pulls scheduled on this machine (two machines would pull the same inbox), its credentials
        m.put("sources", "sources.json"); //$NON-NLS-1$ //$NON-NLS-2$
        // what this machine's imports set aside to read again (words of the people, under this machine's key)
        m.put("quarantine", maraude.core.archive.QuarantineFiles.FOLDER + '/'); //$NON-NLS-1$
        // a team's own rule lines: read from a plain local folder only, a team archive reads none yet
        m.put("classifier_rules", maraude.core.triage.ReadingSettings.RULES_FOLDER + '/'); //$NON-NLS-1$
        // derived (readings, the last queue, blurred copies): recomputed by the target
        m.put("caches", "cache/"); //$NON-NLS-1$ //$NON-NLS-2$
        // each archive's own trail of picture reveals (the copy itself is in both trails)
        m.put("picture_audit", "audit/"); //$NON-NLS-1$ //$NON-NLS-2$
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * The team's side files (no word of the people in either): its settings ({@code team.properties},
     * through each archive's {@link Archive#files()}: on a team archive a document of the collection,
     * encrypted at rest, read by every worker) and its reply templates ({@code templates.json},
     * {@link TeamTemplates}: a local archive's folder; on a team archive a document of the collection too,
     * written only while the servers hold none). Copied when the target has none, found equal (same
     * properties, same templates) when it has the same, and when the target's differ they are kept and
     * reported as a conflict. The kinds of
     * {@link #NOT_COPIED} the source holds are listed as such.
     */
    static void copySideFiles(Archive source, Archive target, Map<String, Object> report) {
        Map<String, Object> kinds = new LinkedHashMap<>();
        kinds.put(TEAM_SETTINGS, settings(source.files(), target.files()));
        kinds.put(TEMPLATES, templates(TeamTemplates.of(source), TeamTemplates.of(target)));
        report.put("side_files", kinds); //$NON-NLS-1$
        List<String> left = new ArrayList<>();
        NOT_COPIED.forEach((kind, name) -> {
            try {
                if (name.endsWith("/") ? !source.files().list(name).isEmpty() : source.files().exists(name)) { //$NON-NLS-1$
                    left.add(kind);
                }
            } catch (IOException e) {
                // not readable: nothing to say it holds
            }
        });
        left.sort(null);
        report.put("side_files_not_copied", left); //$NON-NLS-1$
    }

    /** {@code copied}, {@code present}, {@code conflict} or {@code none} (the source has no such file). */
    private static String settings(maraude.core.archive.ArchiveFiles from, maraude.core.archive.ArchiveFiles to) {
        String name = maraude.core.archive.TeamZone.SETTINGS_FILE;
        try {
            if (!from.exists(name)) {
                return "none"; //$NON-NLS-1$
            }
            byte[] bytes = from.readAllBytes(name);
            if (!to.exists(name)) {
                to.writeAllBytes(name, bytes);
                return "copied"; //$NON-NLS-1$
            }
            return properties(bytes).equals(properties(to.readAllBytes(name))) ? "present" : "conflict"; //$NON-NLS-1$ //$NON-NLS-2$
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(name + ": " + e.getClass().getSimpleName(), e); //$NON-NLS-1$
        }
    }

    private static java.util.Properties properties(byte[] bytes) throws IOException {
        java.util.Properties p = new java.util.Properties();
        p.load(new java.io.InputStreamReader(new java.io.ByteArrayInputStream(bytes), java.nio.charset.StandardCharsets.UTF_8));
        return p;
    }

    private static String templates(TeamTemplates from, TeamTemplates to) {
        try {
            List<Template> mine = from.read().templates();
            if (mine.isEmpty()) {
                return "none"; //$NON-NLS-1$
            }
            TeamTemplates.Snapshot there = to.read();
            if (there.version() == null) {
                try {
                    to.write(mine, null); // on the servers: only while there are none (another worker's save wins)
                    return "copied"; //$NON-NLS-1$
                } catch (maraude.core.archive.FileChangedException e) {
                    there = to.read();
                }
            }
            return there.templates().equals(mine) ? "present" : "conflict"; //$NON-NLS-1$ //$NON-NLS-2$
        } catch (IOException | TemplateFormatException e) {
            throw new java.io.UncheckedIOException(TemplateLibrary.TEAM_FILE + ": " + e.getClass().getSimpleName(), //$NON-NLS-1$
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    /** Notes the target lacks, then the state if the target has none or an older one. */
    private static void conversation(ConversationState cs, TriageStates to, Tally t) {
        String id = cs.conversationId();
        ConversationState there = to.snapshot().conversation(id);
        for (ConversationState.Note n : cs.notes()) {
            if (there != null && there.notes().contains(n)) {
                t.present++;
            } else {
                to.addNote(id, n); // an addition: merged with the target's notes, never refused
                t.copied++;
            }
        }
        if (cs.state() == null) {
            return;
        }
        there = to.snapshot().conversation(id);
        if (there != null && there.state() == cs.state() && Objects.equals(there.setAt(), cs.setAt())
                && there.setBy().equals(cs.setBy()) && Objects.equals(there.snoozedUntil(), cs.snoozedUntil())) {
            t.present++;
        } else if (there == null || there.state() == null || cs.setAt().isAfter(there.setAt())) {
            write(() -> to.setState(id, cs.state(), cs.setAt(), cs.setBy(), cs.snoozedUntil()), "conversation", id, t); //$NON-NLS-1$
        } else {
            t.conflict("conversation", id); //$NON-NLS-1$
        }
    }

    /** The flags if the target has none or older ones. */
    private static void contact(ContactFlags f, TriageStates to, Tally t) {
        ContactFlags there = to.snapshot().contacts().get(f.contactId());
        if (f.equals(there)) {
            t.present++;
        } else if (there == null || there.updatedAt() == null
                || f.updatedAt() != null && f.updatedAt().isAfter(there.updatedAt())) {
            write(() -> to.setContactFlags(f), "contact", f.contactId(), t); //$NON-NLS-1$
        } else {
            t.conflict("contact", f.contactId()); //$NON-NLS-1$
        }
    }

    /** One write; another worker's change meanwhile (a shared target) is a conflict: theirs is kept. */
    private static void write(Runnable change, String record, String id, Tally t) {
        try {
            change.run();
            t.copied++;
        } catch (TriageConflictException e) {
            t.conflict(record, id);
        }
    }
}
