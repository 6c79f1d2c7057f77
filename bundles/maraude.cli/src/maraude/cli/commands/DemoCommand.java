package maraude.cli.commands;

import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import maraude.cli.CliCommand;
import maraude.cli.CliException;
import maraude.cli.CliInvocation;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveStats;
import maraude.core.demo.DemoGenerator;
import maraude.images.DemoImages;

/**
 * {@code demo}: fills an empty archive with the demo conversations (the ./maraude script then opens
 * the workbench on it). An archive that already holds messages is left as it is: a demo never
 * overwrites anything.
 */
@Component(service = CliCommand.class)
public class DemoCommand implements CliCommand {

    /** Enough to feel real in the queue and the search without a long first start. */
    private static final long DEFAULT_MESSAGES = 6_000;
    private static final long SEED = 20261128L;

    @Override
    public String name() {
        return "demo"; //$NON-NLS-1$
    }

    @Override
    public String summary() {
        return "create the demo archive if it is empty, then (from ./maraude) open the workbench on it"; //$NON-NLS-1$
    }

    @Override
    public String usage() {
        return "maraude [--archive DIR] demo [--messages N] [--no-ui] [--json]\n" //$NON-NLS-1$
                + "  Generates synthetic conversations (French first; Dutch, English, Spanish, Portuguese, Romanian)\n" //$NON-NLS-1$
                + "  into an EMPTY archive (default ~/.local/share/maraude-demo); an archive with messages is left as is."; //$NON-NLS-1$
    }

    @Override
    public int run(CliInvocation inv) throws Exception {
        long messages = parse(inv.option("--messages").orElse(Long.toString(DEFAULT_MESSAGES))); //$NON-NLS-1$
        inv.flag("--no-ui"); //$NON-NLS-1$ (handled by the script)
        inv.noMoreArguments();
        boolean generated = false;
        ArchiveStats stats;
        try (Archive archive = inv.openArchive(AccessMode.READ_WRITE)) {
            if (archive.stats().messages() == 0) {
                inv.err().println("maraude: generating the demo archive (" + messages + " messages)…"); //$NON-NLS-1$ //$NON-NLS-2$
                ZonedDateTime demoNow = ZonedDateTime.now(maraude.core.archive.TeamZone.of(archive.files()));
                new DemoGenerator(SEED, demoNow).withPictures(new DemoImages()).populate(archive, messages, (done, total) -> true);
                maraude.core.demo.DemoShowcase.populate(archive, demoNow);
                generated = true;
            }
            stats = archive.stats();
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("archive", inv.archiveFolder().toAbsolutePath().toString()); //$NON-NLS-1$
        doc.put("generated", generated); //$NON-NLS-1$
        doc.put("contacts", stats.contacts()); //$NON-NLS-1$
        doc.put("conversations", stats.conversations()); //$NON-NLS-1$
        doc.put("messages", stats.messages()); //$NON-NLS-1$
        if (inv.json()) {
            inv.printJson(doc);
        } else {
            doc.forEach((k, v) -> inv.err().println(k + ": " + v)); //$NON-NLS-1$
        }
        return 0;
    }

    private static long parse(String value) throws CliException {
        try {
            long n = Long.parseLong(value);
            if (n < 1 || n > 10_000_000) {
                throw CliException.usage("--messages must be between 1 and 10000000"); //$NON-NLS-1$
            }
            return n;
        } catch (NumberFormatException e) {
            throw CliException.usage("--messages expects a number"); //$NON-NLS-1$
        }
    }
}
