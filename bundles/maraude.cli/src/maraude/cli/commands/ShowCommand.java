package maraude.cli.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import maraude.cli.CliCommand;
import maraude.cli.CliException;
import maraude.cli.CliInvocation;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.model.Attachment;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Message;

/** {@code show CONVERSATION_ID}: the whole thread, oldest first. */
@Component(service = CliCommand.class)
public class ShowCommand implements CliCommand {

    @Override
    public String name() {
        return "show"; //$NON-NLS-1$
    }

    @Override
    public String summary() {
        return "print a whole conversation"; //$NON-NLS-1$
    }

    @Override
    public String usage() {
        return "maraude [--archive DIR] show CONVERSATION_ID [--json]"; //$NON-NLS-1$
    }

    @Override
    public int run(CliInvocation inv) throws Exception {
        List<String> args = inv.remaining();
        if (args.size() != 1) {
            throw CliException.usage("show needs one CONVERSATION_ID"); //$NON-NLS-1$
        }
        String id = args.get(0);
        try (Archive archive = inv.openArchive(AccessMode.READ_ONLY)) {
            Conversation conversation = archive.conversation(id)
                    .orElseThrow(() -> CliException.usage("no conversation " + id)); //$NON-NLS-1$
            Contact contact = archive.contact(conversation.contactId()).orElse(null);
            List<Message> thread = archive.messages(id);
            if (inv.json()) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("conversation_id", conversation.id()); //$NON-NLS-1$
                doc.put("platform", conversation.platform().key()); //$NON-NLS-1$
                doc.put("title", conversation.title()); //$NON-NLS-1$
                doc.put("contact_id", conversation.contactId()); //$NON-NLS-1$
                doc.put("contact", contact == null ? null : contact.displayName()); //$NON-NLS-1$
                List<Map<String, Object>> messages = new ArrayList<>();
                for (Message m : thread) {
                    Map<String, Object> j = new LinkedHashMap<>();
                    j.put("message_id", m.id()); //$NON-NLS-1$
                    j.put("direction", m.direction().key()); //$NON-NLS-1$
                    j.put("instant", m.instant().toOffsetDateTime().toString()); //$NON-NLS-1$
                    j.put("author", m.author()); //$NON-NLS-1$
                    j.put("worker", m.workerId()); //$NON-NLS-1$
                    j.put("text", m.text()); //$NON-NLS-1$
                    List<Map<String, Object>> atts = new ArrayList<>();
                    for (Attachment a : m.attachments()) {
                        atts.add(Map.of("sha256", a.sha256(), "media_type", a.mediaType(), "file_name", a.fileName(), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                                "size", a.size())); //$NON-NLS-1$
                    }
                    j.put("attachments", atts); //$NON-NLS-1$
                    if (m.source() != null) {
                        j.put("source", m.source().describe()); //$NON-NLS-1$
                    }
                    messages.add(j);
                }
                doc.put("messages", messages); //$NON-NLS-1$
                // what the team recorded, with the version that triage --expect-version takes
                doc.put("triage", TriageView.of(maraude.core.triage.ArchiveTriageStates.of(archive).snapshot(), id, //$NON-NLS-1$
                        conversation.contactId()).json(false));
                inv.printJson(doc);
            } else {
                inv.out().println(conversation.platform().key() + " · " + (contact == null ? "" : contact.displayName())); //$NON-NLS-1$ //$NON-NLS-2$
                for (Message m : thread) {
                    inv.out().println(m.instant().toOffsetDateTime() + "  " + m.author() + " (" + m.direction().key() + ")"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                    inv.out().println("    " + m.text().replace("\n", "\n    ")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                }
            }
        }
        return 0;
    }

    @Override
    public boolean worksOnTeamArchive() {
        return true;
    }
}
