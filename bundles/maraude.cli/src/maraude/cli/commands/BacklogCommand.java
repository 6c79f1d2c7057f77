package maraude.cli.commands;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import maraude.cli.CliCommand;
import maraude.cli.CliInvocation;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.triage.PermanenceQueue;
import maraude.core.triage.QueueItem;

/** {@code backlog}: every conversation awaiting a reply, most urgent first. */
public class BacklogCommand implements CliCommand {

    @Override
    public String name() {
        return "backlog"; //$NON-NLS-1$
    }

    @Override
    public String summary() {
        return "conversations awaiting a reply (the permanence queue), most urgent first"; //$NON-NLS-1$
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
            items.add(m);
        }
        if (inv.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("now", now.toString()); //$NON-NLS-1$
            doc.put("count", queue.size()); //$NON-NLS-1$
            doc.put("overdue", queue.overdue()); //$NON-NLS-1$
            doc.put("expiring_soon", queue.expiringSoon()); //$NON-NLS-1$
            doc.put("items", items); //$NON-NLS-1$
            inv.printJson(doc);
        } else {
            inv.out().println(queue.size() + " conversation(s) awaiting a reply"); //$NON-NLS-1$
            for (QueueItem q : queue.items()) {
                Duration age = q.age();
                inv.out().println(String.format("%6dh  %-9s %-10s %s", age.toHours(), q.bandKey(), //$NON-NLS-1$
                        q.summary().platform().key(), q.summary().contactName()));
            }
        }
        return 0;
    }
}
