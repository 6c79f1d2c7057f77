package maraude.cli.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import maraude.archive.crypto.ArchiveProtection;
import maraude.archive.maintenance.AttachmentCheck;
import maraude.archive.maintenance.IntegrityCheck;
import maraude.archive.storage.ArchiveStorage;
import maraude.cli.CliCommand;
import maraude.cli.CliException;
import maraude.cli.CliInvocation;
import maraude.core.archive.ArchiveException;

/**
 * {@code verify}: reads and checks every byte of the last commit (checksums, encryption tags) and every
 * attachment against its content address; lists each damaged or missing file; exit 2 when anything is.
 */
@Component(service = CliCommand.class)
public class VerifyCommand implements CliCommand {

    @Override
    public String name() {
        return "verify"; //$NON-NLS-1$
    }

    @Override
    public String summary() {
        return "check every file of the archive, attachments included (damage, tampering); read-only"; //$NON-NLS-1$
    }

    @Override
    public String usage() {
        return "maraude [--archive DIR] verify [--json]\n" //$NON-NLS-1$
                + "  exit 0 when intact, 2 when anything is damaged or missing (each file listed)"; //$NON-NLS-1$
    }

    @Override
    public int run(CliInvocation inv) throws Exception {
        inv.noMoreArguments();
        long docs = 0;
        String indexDamage = null;
        AttachmentCheck.Report atts;
        try (ArchiveStorage st = ArchiveProtection.storageFor(inv.archiveFolder())) {
            if (st.indexExists()) {
                try {
                    docs = IntegrityCheck.verify(st.indexDirectory(), inv.archiveFolder());
                } catch (ArchiveException e) {
                    if (e.kind() != ArchiveException.Kind.CORRUPT) {
                        throw e;
                    }
                    indexDamage = e.getMessage();
                }
            }
            // a damaged index cannot say which attachments it refers to: only the stored files are checked
            atts = AttachmentCheck.check(indexDamage == null && st.indexExists() ? st.indexDirectory() : null,
                    st.attachments());
        }
        List<Map<String, String>> problems = new ArrayList<>();
        if (indexDamage != null) {
            problems.add(problem("damaged", "index", indexDamage)); //$NON-NLS-1$ //$NON-NLS-2$
        }
        for (AttachmentCheck.Problem p : atts.problems()) {
            problems.add(problem(p.kind(), "attachments/" + p.file(), p.reason())); //$NON-NLS-1$
        }
        boolean intact = problems.isEmpty();
        if (inv.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("intact", intact); //$NON-NLS-1$
            doc.put("documents", docs); //$NON-NLS-1$
            doc.put("attachments", atts.checked()); //$NON-NLS-1$
            doc.put("problems", problems); //$NON-NLS-1$
            inv.printJson(doc);
        } else if (intact) {
            inv.out().println("intact: " + docs + " document(s), " + atts.checked() + " attachment(s) checked"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        } else {
            for (Map<String, String> p : problems) {
                inv.out().println(p.get("kind") + ": " + p.get("file") + " (" + p.get("reason") + ")"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
            }
            inv.err().println("maraude: " + problems.size() + " damaged or missing file(s): restore from a backup"); //$NON-NLS-1$ //$NON-NLS-2$
        }
        return intact ? 0 : CliException.USAGE;
    }

    private static Map<String, String> problem(String kind, String file, String reason) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kind", kind); //$NON-NLS-1$
        m.put("file", file); //$NON-NLS-1$
        m.put("reason", reason); //$NON-NLS-1$
        return m;
    }
}
