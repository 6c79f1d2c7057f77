package maraude.cli.commands;

import java.time.Duration;
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
import maraude.core.triage.PermanenceQueue;
import maraude.core.triage.QueueItem;

/**
 * {@code backlog}: every conversation awaiting a reply in the queue's order: urgent first, then those
 * needing a reply, then opt-outs and closings (listed with their intent so that scripts can count them).
 */
@Component(service = CliCommand.class)
public class BacklogCommand implements CliCommand {

    @Override
    public String name() {
        return "backlog"; //$NON-NLS-1$
    }

    @Override
    public String summary() {
        return "conversations awaiting a reply (the permanence queue): urgent first, closings and opt-outs last"; //$NON-NLS-1$
    }

    @Override
    public String usage() {
        return "maraude [--archive DIR] backlog [--now INSTANT] [--json]"; //$NON-NLS-1$
    }

    @Override
    public int run(CliInvocation inv) throws Exception {
        Instant now = inv.now();
        inv.noMoreArguments();
        PermanenceQueue queue;
        try (Archive archive = inv.openArchive(AccessMode.READ_ONLY)) {
            queue = Triages.of(archive).queue(now);
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (QueueItem q : queue.items()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", q.conversationId()); //$NON-NLS-1$
            m.put("platform", q.summary().platform().key()); //$NON-NLS-1$
            m.put("contact", q.summary().contactName()); //$NON-NLS-1$
            m.put("contact_id", q.summary().contactId()); //$NON-NLS-1$
            m.put("waiting_since", Triages.iso(q.waitingSince())); //$NON-NLS-1$
            m.put("age_hours", Math.round(q.age().toMinutes() / 6.0) / 10.0); //$NON-NLS-1$
            m.put("band", q.bandKey()); //$NON-NLS-1$
            m.put("overdue", q.overdue()); //$NON-NLS-1$
            m.put("expires_at", Triages.iso(q.expiresAt())); //$NON-NLS-1$
            m.put("expiring_soon", q.expiringSoon()); //$NON-NLS-1$
            m.put("new", q.isNew()); //$NON-NLS-1$
            m.put("language", q.language()); //$NON-NLS-1$
            m.put("intent", q.intent().key()); //$NON-NLS-1$
            m.put("urgent", q.urgent()); //$NON-NLS-1$
            m.put("urgency", ClassifyCommand.urgency(q.reading() == null ? List.of() : q.reading().urgency())); //$NON-NLS-1$
            items.add(m);
        }
        if (inv.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("now", now.toString()); //$NON-NLS-1$
            doc.put("count", queue.size()); //$NON-NLS-1$
            doc.put("overdue", queue.overdue()); //$NON-NLS-1$
            doc.put("expiring_soon", queue.expiringSoon()); //$NON-NLS-1$
            doc.put("needs_reply", queue.needsReply()); //$NON-NLS-1$
            doc.put("urgent", queue.urgent()); //$NON-NLS-1$
            doc.put("closings", queue.closings()); //$NON-NLS-1$
            doc.put("opt_outs", queue.optOuts()); //$NON-NLS-1$
            doc.put("items", items); //$NON-NLS-1$
            inv.printJson(doc);
        } else {
            inv.out().println(queue.size() + " conversation(s) awaiting a reply: " + queue.needsReply() //$NON-NLS-1$
                    + " need a reply, " + queue.urgent() + " urgent, " + queue.closings() + " closing(s), " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                    + queue.optOuts() + " opt-out(s)"); //$NON-NLS-1$
            for (QueueItem q : queue.items()) {
                Duration age = q.age();
                String what = q.urgent() ? urgencyLabel(q) : q.intent().key();
                inv.out().println(String.format("%6dh  %-9s %-10s %-3s %-16s %s", age.toHours(), q.bandKey(), //$NON-NLS-1$
                        q.summary().platform().key(), q.language() == null ? "-" : q.language(), what, //$NON-NLS-1$
                        q.summary().contactName()));
            }
        }
        return 0;
    }

    /** "URGENT pep 52h", "URGENT violence". */
    private static String urgencyLabel(QueueItem q) {
        var u = q.reading().urgency().get(0);
        Integer h = q.reading().pepHoursLeft();
        return "URGENT " + u.kind().key() + (h == null ? "" : " " + h + "h"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    }

    @Override
    public boolean worksOnTeamArchive() {
        return true;
    }
}
