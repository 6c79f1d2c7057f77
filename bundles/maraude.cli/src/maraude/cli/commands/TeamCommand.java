package maraude.cli.commands;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import maraude.cli.CliCommand;
import maraude.cli.CliException;
import maraude.cli.CliInvocation;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.TeamArchiveFactory;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Message;

/**
 * {@code team push --from DIR --to URL} and {@code team pull --from URL --to DIR}: copies the contacts,
 * threads and messages of one archive into the other. Ids are the archives' own (the same export gives
 * the same ids on every machine), so a message already there is skipped: a second run adds nothing, and
 * a run cut off half-way is resumed by running it again (what was sent is committed every
 * {@value #BATCH} messages). Credentials and trust of the team archive come from the environment, as
 * for {@code --archive solr+https://...}.
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
        return "maraude team push --from DIR --to solr+https://HOST:PORT/COLLECTION [--json]\n" //$NON-NLS-1$
                + "maraude team pull --from solr+https://HOST:PORT/COLLECTION --to DIR [--json]\n" //$NON-NLS-1$
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
            copy(source, target, doc);
        }
        if (inv.json()) {
            inv.printJson(doc);
        } else {
            inv.out().println(doc.get("messages_added") + " message(s) added, " + doc.get("duplicates_skipped") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                    + " already there, " + doc.get("conversations") + " conversation(s)"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        }
        return 0;
    }

    /** Contacts and threads first (a message needs its thread), then messages, committed in batches. */
    static void copy(Archive source, Archive target, Map<String, Object> report) {
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
        for (Conversation v : conversations) {
            for (Message m : source.messages(v.id())) {
                if (target.addMessage(m)) {
                    added++;
                    if (++pending >= BATCH) {
                        target.commit();
                        pending = 0;
                    }
                } else {
                    skipped++;
                }
            }
        }
        target.commit();
        report.put("contacts", contacts.size()); //$NON-NLS-1$
        report.put("conversations", conversations.size()); //$NON-NLS-1$
        report.put("messages_added", added); //$NON-NLS-1$
        report.put("duplicates_skipped", skipped); //$NON-NLS-1$
    }
}
