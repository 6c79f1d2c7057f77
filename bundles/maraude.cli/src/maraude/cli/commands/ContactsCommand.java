package maraude.cli.commands;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import maraude.cli.CliCommand;
import maraude.cli.CliInvocation;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.triage.RegisterEntry;
import maraude.core.triage.TriageService;

/** {@code contacts}: the contact register, or with --due the gentle follow-ups due this week. */
@Component(service = CliCommand.class)
public class ContactsCommand implements CliCommand {

    @Override
    public String name() {
        return "contacts"; //$NON-NLS-1$
    }

    @Override
    public String summary() {
        return "the contact register; --due: follow-ups (relances) due this week"; //$NON-NLS-1$
    }

    @Override
    public String usage() {
        return "maraude [--archive DIR] contacts [--due] [--now INSTANT] [--json]"; //$NON-NLS-1$
    }

    @Override
    public int run(CliInvocation inv) throws Exception {
        boolean due = inv.flag("--due"); //$NON-NLS-1$
        Instant now = inv.now();
        inv.noMoreArguments();
        List<RegisterEntry> entries;
        try (Archive archive = inv.openArchive(AccessMode.READ_ONLY)) {
            TriageService triage = Triages.of(archive);
            entries = due ? triage.followUpsDueThisWeek(now) : triage.register(now);
        }
        List<Map<String, Object>> doc = new ArrayList<>();
        for (RegisterEntry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("contact_id", e.contactId()); //$NON-NLS-1$
            m.put("contact", e.contactName()); //$NON-NLS-1$
            m.put("platform", e.platform().key()); //$NON-NLS-1$
            m.put("conversation_id", e.conversationId()); //$NON-NLS-1$
            m.put("first_contact", Triages.iso(e.firstContact())); //$NON-NLS-1$
            m.put("initiated_by_service", e.initiatedByService()); //$NON-NLS-1$
            m.put("replies", e.replies()); //$NON-NLS-1$
            m.put("messages_sent", e.messagesSent()); //$NON-NLS-1$
            m.put("follow_ups_sent", e.followUpsSent()); //$NON-NLS-1$
            m.put("never_answered", e.neverAnswered()); //$NON-NLS-1$
            m.put("last_inbound", Triages.iso(e.lastInbound())); //$NON-NLS-1$
            m.put("last_outbound", Triages.iso(e.lastOutbound())); //$NON-NLS-1$
            m.put("next_follow_up", Triages.iso(e.nextFollowUp())); //$NON-NLS-1$
            doc.add(m);
        }
        if (inv.json()) {
            inv.printJson(doc);
        } else {
            for (Map<String, Object> m : doc) {
                inv.out().println(m.get("platform") + "  " + m.get("contact") + "  first " + m.get("first_contact") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
                        + "  next follow-up " + m.get("next_follow_up")); //$NON-NLS-1$ //$NON-NLS-2$
            }
        }
        return 0;
    }

    @Override
    public boolean worksOnTeamArchive() {
        return true;
    }
}
