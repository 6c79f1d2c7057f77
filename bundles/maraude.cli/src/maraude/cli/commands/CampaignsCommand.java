package maraude.cli.commands;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.osgi.service.component.annotations.Component;

import maraude.cli.CliCommand;
import maraude.cli.CliException;
import maraude.cli.CliInvocation;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.model.Platform;
import maraude.core.triage.Campaign;
import maraude.core.triage.CampaignResult;
import maraude.core.triage.TriageService;

/**
 * {@code campaigns}: mass sends (e.g. the SMS to every ad holder every three weeks) and their
 * response rates; {@code campaigns add} records one. The register lives beside the archive, so this
 * works while the workbench is open.
 */
@Component(service = CliCommand.class)
public class CampaignsCommand implements CliCommand {

    @Override
    public String name() {
        return "campaigns"; //$NON-NLS-1$
    }

    @Override
    public String summary() {
        return "mass sends and their response rates; 'campaigns add' records one"; //$NON-NLS-1$
    }

    @Override
    public String usage() {
        return "maraude [--archive DIR] campaigns [--json]\n" //$NON-NLS-1$
                + "maraude [--archive DIR] campaigns add --date DAY_OR_INSTANT --recipients N [--platform P] [--name NAME] [--json]"; //$NON-NLS-1$
    }

    @Override
    public int run(CliInvocation inv) throws Exception {
        List<String> args = inv.remaining();
        if (!args.isEmpty() && args.get(0).equals("add")) { //$NON-NLS-1$
            return add(inv);
        }
        inv.noMoreArguments();
        List<CampaignResult> results;
        try (Archive archive = inv.openArchive(AccessMode.READ_ONLY)) {
            results = Triages.of(archive).campaigns();
        }
        List<Map<String, Object>> doc = new ArrayList<>();
        for (CampaignResult r : results) {
            Map<String, Object> m = describe(r.campaign());
            m.put("recipients_seen", r.recipientsSeen()); //$NON-NLS-1$
            m.put("replied", r.replied()); //$NON-NLS-1$
            m.put("response_rate", Double.isNaN(r.responseRate()) ? null : Math.round(r.responseRate() * 1000) / 1000.0); //$NON-NLS-1$
            doc.add(m);
        }
        if (inv.json()) {
            inv.printJson(doc);
        } else {
            doc.forEach(m -> inv.out().println(m.get("sent_at") + "  " + m.get("name") + "  replied " + m.get("replied") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
                    + "  rate " + m.get("response_rate"))); //$NON-NLS-1$ //$NON-NLS-2$
        }
        return 0;
    }

    private int add(CliInvocation inv) throws Exception {
        String date = inv.option("--date").orElseThrow(() -> CliException.usage("campaigns add needs --date")); //$NON-NLS-1$ //$NON-NLS-2$
        int recipients = Limits.positive(inv.option("--recipients").orElseThrow( //$NON-NLS-1$
                () -> CliException.usage("campaigns add needs --recipients N")), "--recipients", 10_000_000); //$NON-NLS-1$ //$NON-NLS-2$
        Platform platform = null;
        String p = inv.option("--platform").orElse(null); //$NON-NLS-1$
        if (p != null) {
            try {
                platform = Platform.fromKey(p);
            } catch (IllegalArgumentException e) {
                throw CliException.usage("unknown platform: " + p); //$NON-NLS-1$
            }
        }
        String name = inv.option("--name").orElse(""); //$NON-NLS-1$ //$NON-NLS-2$
        List<String> rest = inv.remaining();
        if (rest.size() != 1) {
            throw CliException.usage("unexpected argument: " + rest.get(1)); //$NON-NLS-1$
        }
        Instant sentAt = Dates.from(date, "--date"); //$NON-NLS-1$
        Campaign c = new Campaign(UUID.randomUUID().toString(), name, sentAt, platform, recipients);
        try (Archive archive = inv.openArchive(AccessMode.READ_ONLY)) {
            TriageService triage = Triages.of(archive);
            triage.store().putCampaign(c);
        }
        if (inv.json()) {
            inv.printJson(describe(c));
        } else {
            inv.out().println("campaign " + c.id() + " recorded"); //$NON-NLS-1$ //$NON-NLS-2$
        }
        return 0;
    }

    private static Map<String, Object> describe(Campaign c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id()); //$NON-NLS-1$
        m.put("name", c.name()); //$NON-NLS-1$
        m.put("sent_at", c.sentAt().toString()); //$NON-NLS-1$
        m.put("platform", c.platform() == null ? null : c.platform().key()); //$NON-NLS-1$
        m.put("recipients", c.recipients()); //$NON-NLS-1$
        return m;
    }
}
