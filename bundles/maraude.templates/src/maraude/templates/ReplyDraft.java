package maraude.templates;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import maraude.core.model.Contact;

/**
 * The reply being written for the open conversation, without a widget: which conversation, the
 * suggestions that fit it, the draft and its outing check, and the two-step copy (a draft with
 * warnings needs a second "copy anyway"). The reply panel shows this state and forwards the worker's
 * actions; tests drive it directly.
 */
public final class ReplyDraft {

    /** Team setting: the service's own domains, comma-separated (links to them out the reader). */
    public static final String SERVICE_DOMAINS = "service_domains"; //$NON-NLS-1$

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-z][a-z0-9_]{0,40}\\}"); //$NON-NLS-1$

    /** What "copy" came to. */
    public enum CopyState {
        /** Nothing to copy (no conversation, or a blank draft). */
        EMPTY,
        /** A placeholder has no value: {@link Copy#problem()} says which. */
        UNFILLED,
        /** The check found risks: asked again before copying ({@link #copyAnyway()} is now set). */
        CONFIRM,
        /** {@link Copy#text()} is ready for the clipboard and to be recorded as a pending reply. */
        READY
    }

    /** The outcome of {@link #copy()}: the filled text when ready, the problem when unfilled. */
    public record Copy(CopyState state, String text, String problem) {
    }

    /** The check of the draft: findings, placeholder ranges ({start, end}), and whether a word reveals the service. */
    public record Check(List<Finding> findings, List<int[]> placeholders, boolean revealing) {
    }

    private String conversationId;
    private List<Suggestion> suggestions = List.of();
    private List<Finding> findings = List.of();
    private TeamSettings settings = TeamSettings.empty();
    private Map<String, String> values = Map.of();
    private CheckContext checkContext = CheckContext.defaults();
    private String language;
    private String templateId;
    private boolean copyAnyway;
    private String text = ""; //$NON-NLS-1$
    private long generation;

    /**
     * A conversation starts loading: suggestions go, the draft goes unless it is the same conversation.
     *
     * @return whether the draft was cleared
     */
    public boolean loading(String id) {
        generation++;
        boolean same = Objects.equals(id, conversationId);
        conversationId = id;
        suggestions = List.of();
        if (!same) {
            templateId = null;
            setText(""); //$NON-NLS-1$
        }
        return !same;
    }

    /** No conversation: nothing to reply to. */
    public void clear() {
        generation++;
        conversationId = null;
        suggestions = List.of();
        setText(""); //$NON-NLS-1$
    }

    /** The conversation's language (read from the thread or chosen for the contact; null: unknown). */
    public void conversationLanguage(String lang) {
        language = lang;
    }

    public String conversationLanguage() {
        return language;
    }

    /**
     * The conversation {@code id} is loaded: its contact and the team's settings give the placeholder
     * values and the check's context.
     *
     * @return the generation to hand back with the suggestions, or -1 when {@code id} is no longer current
     */
    public long loaded(String id, Contact contact, TeamSettings team) {
        if (!Objects.equals(id, conversationId)) {
            return -1;
        }
        settings = team == null ? TeamSettings.empty() : team;
        Map<String, String> v = new LinkedHashMap<>();
        if (contact != null && !contact.displayName().isBlank()) {
            v.put(Placeholders.PSEUDONYM, contact.displayName());
        }
        values = Map.copyOf(v);
        String domains = settings.get(SERVICE_DOMAINS);
        checkContext = CheckContext.defaults()
                .withServiceDomains(domains == null ? List.of()
                        : Arrays.stream(domains.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()) //$NON-NLS-1$
                .withLanguage(language);
        return generation;
    }

    /**
     * Suggestions computed for {@code generation}: kept unless another conversation opened since.
     *
     * @return whether they were kept
     */
    public boolean suggested(long forGeneration, List<Suggestion> found) {
        if (forGeneration != generation || conversationId == null) {
            return false;
        }
        suggestions = List.copyOf(found);
        if (!found.isEmpty()) {
            // The conversation's language: the neutral opening is proposed in it.
            checkContext = checkContext.withLanguage(language != null ? language : found.get(0).language());
        }
        return true;
    }

    /**
     * Puts suggestion {@code index} into the draft: the whole draft when blank, else over the selection.
     *
     * @return the new draft, or null when there is no such suggestion
     */
    public String insert(int index, int selectionStart, int selectionLength) {
        if (index < 0 || index >= suggestions.size()) {
            return null;
        }
        Suggestion s = suggestions.get(index);
        templateId = s.templateId();
        checkContext = checkContext.withLanguage(s.language());
        if (text.isBlank()) {
            setText(s.text());
        } else {
            int start = Math.max(0, Math.min(selectionStart, text.length()));
            int end = Math.max(start, Math.min(start + Math.max(0, selectionLength), text.length()));
            setText(text.substring(0, start) + s.text() + text.substring(end));
        }
        return text;
    }

    /** The worker typed: a "copy anyway" asked before no longer holds. */
    public void edited(String draft) {
        text = draft == null ? "" : draft; //$NON-NLS-1$
        copyAnyway = false;
    }

    private void setText(String draft) {
        text = draft;
        copyAnyway = false;
    }

    /** Runs the outing check over the draft. */
    public Check check() {
        findings = OutingCheck.check(text, checkContext);
        List<int[]> placeholders = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            placeholders.add(new int[] { m.start(), m.end() });
        }
        boolean revealing = findings.stream().anyMatch(f -> Finding.REVEALING_WORD.equals(f.kind()));
        return new Check(findings, placeholders, revealing);
    }

    /** The neutral opening in the conversation's language. */
    public String opening() {
        return checkContext.words().opening(checkContext.language());
    }

    /** Replaces the draft's first line (leading blanks kept) with the neutral opening; returns the new draft. */
    public String useNeutralOpening() {
        int start = 0;
        while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        int nl = text.indexOf('\n', start);
        int end = nl < 0 ? text.length() : nl;
        setText(text.substring(0, start) + opening() + text.substring(end));
        return text;
    }

    /**
     * "Copy": the draft with its placeholders filled, once its warnings were confirmed (the first copy
     * of a risky draft only asks).
     */
    public Copy copy() {
        if (conversationId == null) {
            return new Copy(CopyState.EMPTY, null, null);
        }
        String draft = text.strip();
        if (draft.isEmpty()) {
            return new Copy(CopyState.EMPTY, null, null);
        }
        String ready;
        try {
            ready = Placeholders.fill(draft, placeholderValues()).requireComplete();
        } catch (UnfilledPlaceholdersException e) {
            return new Copy(CopyState.UNFILLED, null, e.getMessage());
        }
        check();
        if (!findings.isEmpty() && !copyAnyway) {
            copyAnyway = true;
            return new Copy(CopyState.CONFIRM, null, null);
        }
        copyAnyway = false;
        return new Copy(CopyState.READY, ready, null);
    }

    private Map<String, String> placeholderValues() {
        Map<String, String> m = new LinkedHashMap<>(settings.asMap());
        m.putAll(values);
        return m;
    }

    public String conversationId() {
        return conversationId;
    }

    /** Whether {@code forGeneration} (from {@link #loaded}) is still the conversation shown. */
    public boolean current(long forGeneration) {
        return forGeneration == generation && conversationId != null;
    }

    /** The placeholder values the conversation gives (the contact's pseudonym). */
    public Map<String, String> values() {
        return values;
    }

    public String text() {
        return text;
    }

    public List<Suggestion> suggestions() {
        return suggestions;
    }

    public List<Finding> findings() {
        return findings;
    }

    /** The template the draft came from (recorded with the pending reply), or null. */
    public String templateId() {
        return templateId;
    }

    /** Whether the next copy goes through despite the warnings. */
    public boolean copyAnyway() {
        return copyAnyway;
    }

    /** The language of the neutral opening the check proposes. */
    public String openingLanguage() {
        return checkContext.language();
    }

    public TeamSettings settings() {
        return settings;
    }

    public CheckContext checkContext() {
        return checkContext;
    }
}
