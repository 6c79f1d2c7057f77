package maraude.cli.commands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import maraude.cli.CliCommand;
import maraude.cli.CliException;
import maraude.cli.CliInvocation;
import maraude.core.classify.Classification;
import maraude.core.classify.ClassifierRules;
import maraude.core.classify.MessageClassifier;
import maraude.core.classify.Urgency;
import maraude.core.triage.ReadingSettings;

/** {@code classify}: language, intent and urgency of one inbound message, as the queue reads it. */
@Component(service = CliCommand.class)
public class ClassifyCommand implements CliCommand {

    /** Longest text accepted: a message, not a file. */
    static final int MAX_TEXT = 100_000;

    @Override
    public String name() {
        return "classify"; //$NON-NLS-1$
    }

    @Override
    public String summary() {
        return "language, intent (reply, closing, opt_out) and urgency of an inbound message"; //$NON-NLS-1$
    }

    @Override
    public String usage() {
        return "maraude [--archive DIR] classify --text TEXT [--now INSTANT] [--json]\n" //$NON-NLS-1$
                + "  The message is taken as written at --now (default: now) for the PEP hours left.\n" //$NON-NLS-1$
                + "  A team's own rule lines in <archive>/classify/<lang>.txt are added to the shipped ones."; //$NON-NLS-1$
    }

    @Override
    public int run(CliInvocation inv) throws Exception {
        Optional<String> text = inv.option("--text"); //$NON-NLS-1$
        Instant now = inv.now();
        inv.noMoreArguments();
        if (text.isEmpty()) {
            throw CliException.usage("classify needs --text TEXT"); //$NON-NLS-1$
        }
        if (text.get().length() > MAX_TEXT) {
            throw CliException.usage("--text is longer than " + MAX_TEXT + " characters"); //$NON-NLS-1$ //$NON-NLS-2$
        }
        Classification c = classifier(inv.archiveFolder()).classify(text.get(), now, now);
        Map<String, Object> doc = document(c);
        if (inv.json()) {
            inv.printJson(doc);
        } else {
            inv.out().println("language: " + (c.language() == null ? "(cannot tell)" : c.language() //$NON-NLS-1$ //$NON-NLS-2$
                    + " (" + c.languageConfidence() + ")")); //$NON-NLS-1$ //$NON-NLS-2$
            inv.out().println("intent:   " + c.intent().key()); //$NON-NLS-1$
            for (Urgency u : c.urgency()) {
                inv.out().println("urgent:   " + u.kind().key() + " (" + u.matched() + ")" //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                        + (u.hoursLeft() == null ? "" : ", " + u.hoursLeft() + " h left")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            }
        }
        return 0;
    }

    /** The JSON contract of {@code classify --json}, shared with {@code backlog --json}'s urgency. */
    static Map<String, Object> document(Classification c) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("language", c.language()); //$NON-NLS-1$
        doc.put("language_confidence", c.languageConfidence()); //$NON-NLS-1$
        doc.put("intent", c.intent().key()); //$NON-NLS-1$
        doc.put("urgent", c.urgent()); //$NON-NLS-1$
        doc.put("urgency", urgency(c.urgency())); //$NON-NLS-1$
        doc.put("matched", c.matched()); //$NON-NLS-1$
        return doc;
    }

    static List<Map<String, Object>> urgency(List<Urgency> list) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Urgency u : list) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", u.kind().key()); //$NON-NLS-1$
            m.put("matched", u.matched()); //$NON-NLS-1$
            m.put("hours_left", u.hoursLeft()); //$NON-NLS-1$
            out.add(m);
        }
        return out;
    }

    /** The shipped rules, plus the team's lines when the archive folder has a {@code classify/} folder. */
    static MessageClassifier classifier(Path archiveFolder) throws CliException {
        Path folder = archiveFolder == null ? null : archiveFolder.resolve(ReadingSettings.RULES_FOLDER);
        if (folder == null || !Files.isDirectory(folder)) {
            return MessageClassifier.shared();
        }
        try {
            return new MessageClassifier(ClassifierRules.load(folder));
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw CliException.usage(e.getMessage());
        }
    }
}
