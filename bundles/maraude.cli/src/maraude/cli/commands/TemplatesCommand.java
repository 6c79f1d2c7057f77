package maraude.cli.commands;

import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
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
import maraude.core.archive.FileChangedException;
import maraude.templates.CheckContext;
import maraude.templates.Finding;
import maraude.templates.OutingCheck;
import maraude.templates.Template;
import maraude.templates.TemplateFormatException;
import maraude.templates.TeamTemplates;
import maraude.templates.TemplateLibrary;

/**
 * {@code templates check|list|export|import}: the outing-safe check of an outgoing text, the library,
 * and the team's shareable template set ({@code <archive>/templates.json}; on a team archive the team's,
 * on the servers: {@link TeamTemplates}).
 */
@Component(service = CliCommand.class)
public class TemplatesCommand implements CliCommand {

    /** Texts longer than this are not messages: refuse rather than scan a random file. */
    private static final long MAX_TEXT_BYTES = 64 * 1024;

    @Override
    public String name() {
        return "templates"; //$NON-NLS-1$
    }

    @Override
    public String summary() {
        return "check an outgoing text for outing risks; list the reply templates"; //$NON-NLS-1$
    }

    @Override
    public String usage() {
        return "maraude templates check FILE_OR_TEXT [--bulk] [--worker NAME]... [--language L] [--json]\n" //$NON-NLS-1$
                + "maraude [--archive DIR] templates list [--json]\n" //$NON-NLS-1$
                + "maraude [--archive DIR] templates export FILE [--all] [--force] [--json]\n" //$NON-NLS-1$
                + "  writes the team's templates (--all: the whole effective library) as a shareable set\n" //$NON-NLS-1$
                + "maraude [--archive DIR] templates import FILE [--json]\n" //$NON-NLS-1$
                + "  validates the set and adds it to the team's templates (same id: replaced)\n" //$NON-NLS-1$
                + "  On a team archive (--archive solr+https://...) the team's templates are on the servers: a save\n" //$NON-NLS-1$
                + "  made while another worker saved exits 2 and writes nothing."; //$NON-NLS-1$
    }

    /** On a team archive: the team's templates and settings, on the servers. */
    @Override
    public boolean worksOnTeamArchive() {
        return true;
    }

    @Override
    public int run(CliInvocation inv) throws Exception {
        List<String> args = inv.remaining();
        if (args.isEmpty()) {
            throw CliException.usage(usage());
        }
        return switch (args.get(0)) {
            case "check" -> check(inv); //$NON-NLS-1$
            case "list" -> list(inv); //$NON-NLS-1$
            case "export" -> export(inv); //$NON-NLS-1$
            case "import" -> importSet(inv); //$NON-NLS-1$
            default -> throw CliException.usage("unknown templates action: " + args.get(0)); //$NON-NLS-1$
        };
    }

    private int check(CliInvocation inv) throws Exception {
        boolean bulk = inv.flag("--bulk"); //$NON-NLS-1$
        List<String> workers = inv.options("--worker"); //$NON-NLS-1$
        String language = inv.option("--language").orElse(null); //$NON-NLS-1$
        List<String> args = inv.remaining();
        if (args.size() != 2) {
            throw CliException.usage("templates check needs one FILE_OR_TEXT"); //$NON-NLS-1$
        }
        String text = textOf(args.get(1));
        CheckContext ctx = CheckContext.defaults();
        if (bulk) {
            ctx = ctx.forBulk(workers);
        }
        if (language != null) {
            ctx = ctx.withLanguage(language);
        }
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding f : OutingCheck.check(text, ctx)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", f.kind()); //$NON-NLS-1$
            m.put("start", f.start()); //$NON-NLS-1$
            m.put("end", f.end()); //$NON-NLS-1$
            m.put("message", f.message()); //$NON-NLS-1$
            m.put("suggestion", f.suggestion()); //$NON-NLS-1$
            findings.add(m);
        }
        if (inv.json()) {
            inv.printJson(findings);
        } else if (findings.isEmpty()) {
            inv.out().println("ok"); //$NON-NLS-1$
        } else {
            findings.forEach(f -> inv.out().println(f.get("kind") + " [" + f.get("start") + "-" + f.get("end") + "] " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
                    + f.get("message"))); //$NON-NLS-1$
        }
        return 0;
    }

    private static String textOf(String fileOrText) throws Exception {
        Path p;
        try {
            p = Paths.get(fileOrText);
        } catch (RuntimeException e) {
            return fileOrText;
        }
        if (fileOrText.length() < 4096 && Files.isRegularFile(p)) {
            if (Files.size(p) > MAX_TEXT_BYTES) {
                throw CliException.usage(p + ": larger than " + MAX_TEXT_BYTES + " bytes, not a message"); //$NON-NLS-1$ //$NON-NLS-2$
            }
            return Files.readString(p, StandardCharsets.UTF_8);
        }
        return fileOrText;
    }

    private int list(CliInvocation inv) throws Exception {
        List<Map<String, Object>> doc = new ArrayList<>();
        for (Template t : library(inv).templates()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("template_id", t.id()); //$NON-NLS-1$
            m.put("category", t.category().key()); //$NON-NLS-1$
            m.put("language", t.language()); //$NON-NLS-1$
            m.put("title", t.title()); //$NON-NLS-1$
            doc.add(m);
        }
        if (inv.json()) {
            inv.printJson(doc);
        } else {
            doc.forEach(m -> inv.out().println(m.get("template_id") + "  " + m.get("category") + "  " + m.get("language") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
                    + "  " + m.get("title"))); //$NON-NLS-1$ //$NON-NLS-2$
        }
        return 0;
    }

    /** The effective library of the archive: shipped templates merged with the team's. */
    static TemplateLibrary library(CliInvocation inv) throws Exception {
        return withTeamTemplates(inv, AccessMode.READ_ONLY, store -> {
            try {
                return store.library();
            } catch (TemplateFormatException e) {
                throw new CliException(CliException.USAGE, e.getMessage());
            }
        });
    }

    /** What to do with an archive's team templates. */
    interface TemplatesWork<T> {
        T apply(TeamTemplates store) throws Exception;
    }

    /**
     * Runs {@code work} on the archive's team templates: a local archive's folder (the archive is not
     * opened, as before), or a team archive's, on the servers (opened for the call, {@code mode}).
     */
    static <T> T withTeamTemplates(CliInvocation inv, AccessMode mode, TemplatesWork<T> work) throws Exception {
        if (inv.teamAddress() == null) {
            return work.apply(TeamTemplates.of(inv.archiveFolder()));
        }
        try (Archive archive = inv.openArchive(mode)) {
            return work.apply(TeamTemplates.of(archive));
        }
    }

    private int export(CliInvocation inv) throws Exception {
        boolean all = inv.flag("--all"); //$NON-NLS-1$
        boolean force = inv.flag("--force"); //$NON-NLS-1$
        List<String> args = inv.remaining();
        if (args.size() != 2) {
            throw CliException.usage("templates export needs one FILE"); //$NON-NLS-1$
        }
        Path target = Paths.get(args.get(1)).toAbsolutePath();
        if (Files.exists(target) && !force) {
            throw CliException.usage(target + ": already exists (use --force to replace it)"); //$NON-NLS-1$
        }
        if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
            throw CliException.usage(target + ": no such folder"); //$NON-NLS-1$
        }
        List<Template> set = withTeamTemplates(inv, AccessMode.READ_ONLY, store -> {
            try {
                return all ? store.library().templates() : store.read().templates();
            } catch (TemplateFormatException e) {
                throw new CliException(CliException.USAGE, e.getMessage());
            }
        });
        TemplateLibrary.writeFile(target, set);
        report(inv, "exported", set.size(), target); //$NON-NLS-1$
        return 0;
    }

    private int importSet(CliInvocation inv) throws Exception {
        List<String> args = inv.remaining();
        if (args.size() != 2) {
            throw CliException.usage("templates import needs one FILE"); //$NON-NLS-1$
        }
        Path source = Paths.get(args.get(1)).toAbsolutePath();
        if (!Files.isRegularFile(source)) {
            throw CliException.usage(source + ": no such file"); //$NON-NLS-1$
        }
        List<Template> imported;
        try {
            imported = TemplateLibrary.load(source).templates();
        } catch (TemplateFormatException e) {
            // Names the file, line and column; nothing has been written.
            throw new CliException(CliException.USAGE, e.getMessage());
        }
        String where = withTeamTemplates(inv, AccessMode.READ_WRITE, store -> {
            TeamTemplates.Snapshot team;
            try {
                team = store.read();
            } catch (TemplateFormatException e) {
                throw new CliException(CliException.USAGE, e.getMessage());
            }
            List<Template> merged = new TemplateLibrary(team.templates()).merge(imported).templates();
            try {
                store.write(merged, team.version());
            } catch (FileChangedException e) {
                // another worker saved the team's templates between the read and the write: nothing written
                throw new CliException(CliException.USAGE, TriageMessages.Templates_conflict);
            } catch (AccessDeniedException e) {
                throw new CliException(CliException.USAGE, TriageMessages.Templates_notAllowed);
            }
            return store.where();
        });
        report(inv, "imported", imported.size(), where); //$NON-NLS-1$
        return 0;
    }

    private static void report(CliInvocation inv, String action, int count, Object file) throws Exception {
        if (inv.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(action, count);
            m.put("file", file.toString()); //$NON-NLS-1$
            inv.printJson(m);
        } else {
            inv.out().println(action + " " + count + " templates: " + file); //$NON-NLS-1$ //$NON-NLS-2$
        }
    }
}
