package maraude.cli.commands;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import maraude.cli.CliCommand;
import maraude.cli.CliException;
import maraude.cli.CliInvocation;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.report.FundersReport;
import maraude.core.report.ReportBuilder;
import maraude.reports.ReportWriters;
import maraude.core.triage.TriagePolicy;
import maraude.core.triage.TriageService;

/**
 * {@code report}: the funders' activity report for a period, per platform; counts under 5 shown as
 * "&lt;5" so that no person can be singled out in a document that leaves the team.
 */
@Component(service = CliCommand.class)
public class ReportCommand implements CliCommand {

    @Override
    public String name() {
        return "report"; //$NON-NLS-1$
    }

    @Override
    public String summary() {
        return "activity report for funders (csv, json, xlsx; small counts shown as <5)"; //$NON-NLS-1$
    }

    @Override
    public String usage() {
        return "maraude [--archive DIR] report --from DAY --to DAY [--format csv|json|xlsx] [--output FILE]"; //$NON-NLS-1$
    }

    @Override
    public int run(CliInvocation inv) throws Exception {
        Instant from = Dates.from(inv.option("--from").orElseThrow(() -> CliException.usage("report needs --from DAY")), "--from"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        Instant to = Dates.to(inv.option("--to").orElseThrow(() -> CliException.usage("report needs --to DAY")), "--to"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        String format = inv.option("--format").orElse(inv.json() ? "json" : "csv").toLowerCase(Locale.ROOT); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        Optional<String> output = inv.option("--output"); //$NON-NLS-1$
        inv.noMoreArguments();
        if (!from.isBefore(to)) {
            throw CliException.usage("--from must be before --to"); //$NON-NLS-1$
        }
        FundersReport report;
        try (Archive archive = inv.openArchive(AccessMode.READ_ONLY)) {
            TriageService triage = Triages.of(archive);
            report = ReportBuilder.build(triage.facts().values(), triage.store().snapshot(),
                    TriagePolicy.defaults(), from, to, triage.zone());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        switch (format) {
            case "csv" -> ReportWriters.writeCsv(report, bytes); //$NON-NLS-1$
            case "json" -> ReportWriters.writeJson(report, bytes); //$NON-NLS-1$
            case "xlsx" -> ReportWriters.writeXlsx(report, bytes); //$NON-NLS-1$
            default -> throw CliException.usage("--format expects csv, json or xlsx"); //$NON-NLS-1$
        }
        if (output.isPresent()) {
            Path file = Paths.get(output.get());
            Files.write(file, bytes.toByteArray());
            inv.err().println("maraude: report written to " + file); //$NON-NLS-1$
        } else {
            OutputStream out = inv.out();
            out.write(bytes.toByteArray());
            out.flush();
        }
        return 0;
    }

    @Override
    public boolean worksOnTeamArchive() {
        return true;
    }
}
