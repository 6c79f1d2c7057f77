package maraude.cli.commands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import maraude.cli.CliCommand;
import maraude.cli.CliException;
import maraude.cli.CliInvocation;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Message;
import maraude.templates.Suggestion;
import maraude.templates.SuggestionContext;
import maraude.templates.TeamSettings;
import maraude.templates.TeamTemplates;
import maraude.templates.TemplateFormatException;
import maraude.templates.TemplateLibrary;
import maraude.templates.TemplateSuggester;

/** {@code suggest}: the reply templates that fit a conversation (or a text), with the reasons. */
@Component(service = CliCommand.class)
public class SuggestCommand implements CliCommand {

    /** Team settings (permanence hours, address, bus dates…) live beside the archive. */
    static final String SETTINGS_FILE = "team.properties"; //$NON-NLS-1$

    @Override
    public String name() {
        return "suggest"; //$NON-NLS-1$
    }

    @Override
    public String summary() {
        return "suggest reply templates for a conversation or a text"; //$NON-NLS-1$
    }

    @Override
    public String usage() {
        return "maraude [--archive DIR] suggest CONVERSATION_ID [--limit N] [--now INSTANT] [--json]\n" //$NON-NLS-1$
                + "maraude suggest --text TEXT [--language fr|nl|en|es|pt|ro] [--limit N] [--json]\n" //$NON-NLS-1$
                + "  A conversation's suggestions are in its language (read from the whole thread, or the worker's choice).\n" //$NON-NLS-1$
                + "  Placeholders are filled from <archive>/" + SETTINGS_FILE + " (key=value)."; //$NON-NLS-1$ //$NON-NLS-2$
    }

    /** On a team archive: the team's templates and settings, on the servers. */
    @Override
    public boolean worksOnTeamArchive() {
        return true;
    }

    @Override
    public int run(CliInvocation inv) throws Exception {
        Optional<String> text = inv.option("--text"); //$NON-NLS-1$
        Optional<String> language = inv.option("--language"); //$NON-NLS-1$
        if (language.isPresent() && !maraude.core.classify.Languages.isSupported(language.get())) {
            throw CliException.usage("--language must be one of " + maraude.core.classify.Languages.SUPPORTED); //$NON-NLS-1$
        }
        int limit = Limits.positive(inv.option("--limit").orElse("3"), "--limit", 50); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        ZonedDateTime now = inv.now().atZone(ZoneId.systemDefault());
        List<String> args = inv.remaining();
        // a team archive: the team's settings and templates are on the servers, read through it
        Archive team = inv.teamAddress() == null ? null : inv.openArchive(AccessMode.READ_ONLY);
        try {
            return suggest(inv, text, language, limit, now, args, team);
        } finally {
            if (team != null) {
                team.close();
            }
        }
    }

    private int suggest(CliInvocation inv, Optional<String> text, Optional<String> language, int limit, ZonedDateTime now,
            List<String> args, Archive team) throws Exception {
        TeamSettings settings = team == null ? settings(inv.archiveFolder()) : settings(team.files());
        TemplateLibrary library;
        if (team == null) {
            library = TemplatesCommand.library(inv);
        } else {
            try {
                library = TeamTemplates.of(team).library();
            } catch (TemplateFormatException e) {
                throw new CliException(CliException.USAGE, e.getMessage());
            }
        }
        List<Suggestion> suggestions;
        try (TemplateSuggester suggester = new TemplateSuggester(library)) {
            if (text.isPresent()) {
                if (!args.isEmpty()) {
                    throw CliException.usage("give either CONVERSATION_ID or --text, not both"); //$NON-NLS-1$
                }
                // Without --language, the message's own language when it can tell (null for "ok" or an emoji).
                String lang = language.orElseGet(
                        () -> maraude.core.classify.MessageClassifier.shared().detector().detect(text.get()).language());
                SuggestionContext ctx = SuggestionContext.defaults().withSettings(settings).withNow(now).withLimit(limit)
                        .withConversationLanguage(lang);
                suggestions = suggester.suggest(List.of(text.get()), ctx);
            } else {
                if (args.size() != 1) {
                    throw CliException.usage("suggest needs one CONVERSATION_ID or --text TEXT"); //$NON-NLS-1$
                }
                Archive archive = team != null ? team : inv.openArchive(AccessMode.READ_ONLY);
                try {
                    Conversation conversation = archive.conversation(args.get(0))
                            .orElseThrow(() -> CliException.usage("no conversation " + args.get(0))); //$NON-NLS-1$
                    List<Message> thread = archive.messages(conversation.id());
                    Map<String, String> values = new LinkedHashMap<>();
                    archive.contact(conversation.contactId()).map(Contact::displayName)
                            .ifPresent(n -> values.put("pseudonym", n)); //$NON-NLS-1$
                    String lang = language.orElse(null);
                    if (lang == null) {
                        var reading = Triages.of(archive).reading(conversation.id(), now.toInstant());
                        lang = reading == null ? null : reading.language().language();
                    }
                    SuggestionContext ctx = SuggestionContext.fromConversation(thread, settings, values, null, now)
                            .withLimit(limit).withConversationLanguage(lang);
                    suggestions = suggester.suggest(TemplateSuggester.recentInbound(thread, 5), ctx);
                } finally {
                    if (archive != team) {
                        archive.close();
                    }
                }
            }
        }
        List<Map<String, Object>> doc = new ArrayList<>();
        for (Suggestion s : suggestions.subList(0, Math.min(limit, suggestions.size()))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("template_id", s.templateId()); //$NON-NLS-1$
            m.put("category", s.category()); //$NON-NLS-1$
            m.put("language", s.language()); //$NON-NLS-1$
            m.put("score", s.score()); //$NON-NLS-1$
            m.put("reasons", s.reasons()); //$NON-NLS-1$
            m.put("text", s.text()); //$NON-NLS-1$
            m.put("missing_placeholders", s.missingPlaceholders()); //$NON-NLS-1$
            doc.add(m);
        }
        if (inv.json()) {
            inv.printJson(doc);
        } else {
            for (Map<String, Object> m : doc) {
                inv.out().println(m.get("template_id") + " (" + m.get("category") + ", " + m.get("language") + ", " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
                        + m.get("score") + ") " + m.get("reasons")); //$NON-NLS-1$ //$NON-NLS-2$
                inv.out().println("    " + String.valueOf(m.get("text")).replace("\n", "\n    ")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
            }
        }
        return 0;
    }

    /** A team archive's settings, from the servers ({@code team.properties} is one of its shared side files). */
    static TeamSettings settings(maraude.core.archive.ArchiveFiles files) throws CliException {
        if (!files.exists(SETTINGS_FILE)) {
            return TeamSettings.empty();
        }
        try (java.io.InputStream in = files.read(SETTINGS_FILE)) {
            return TeamSettings.load(in, SETTINGS_FILE);
        } catch (Exception e) {
            throw CliException.usage(SETTINGS_FILE + ": " + e.getMessage()); //$NON-NLS-1$
        }
    }

    static TeamSettings settings(Path archiveFolder) throws CliException {
        Path file = archiveFolder.resolve(SETTINGS_FILE);
        if (!Files.isRegularFile(file)) {
            return TeamSettings.empty();
        }
        maraude.core.archive.ArchiveFiles files = maraude.archive.crypto.ArchiveProtection.filesFor(archiveFolder);
        try (java.io.InputStream in = files.read(SETTINGS_FILE)) {
            return TeamSettings.load(in, SETTINGS_FILE);
        } catch (java.io.IOException e) {
            if (!files.encrypted()) {
                throw CliException.usage(file + ": " + e.getMessage()); //$NON-NLS-1$
            }
        } catch (Exception e) {
            throw CliException.usage(file + ": " + e.getMessage()); //$NON-NLS-1$
        }
        try {
            // a clear file written by hand into a protected archive: read, then stored encrypted
            TeamSettings clear = TeamSettings.load(file);
            files.writeAllBytes(SETTINGS_FILE, Files.readAllBytes(file));
            return clear;
        } catch (Exception e) {
            throw CliException.usage(file + ": " + e.getMessage()); //$NON-NLS-1$
        }
    }
}
