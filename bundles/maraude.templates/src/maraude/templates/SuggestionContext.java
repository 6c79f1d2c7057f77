package maraude.templates;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import maraude.core.model.Message;

/**
 * What the suggester knows besides the inbound text: the team's settings, values from the
 * conversation ({@code pseudonym}…), whether anything was exchanged, when, and a planned
 * appointment. Immutable; the {@code with…} methods return copies.
 */
public record SuggestionContext(
        TeamSettings settings,
        Map<String, String> conversationValues,
        boolean exchangedBefore,
        ZonedDateTime lastExchange,
        ZonedDateTime appointment,
        ZonedDateTime now,
        Duration followUpAfter,
        String conversationLanguage,
        int limit) {

    /** Teams space follow-ups by about three months so as not to harass. */
    public static final Duration DEFAULT_FOLLOW_UP = Duration.ofDays(90);
    private static final DateTimeFormatter APPOINTMENT_FORMAT = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm"); //$NON-NLS-1$

    public SuggestionContext {
        settings = settings == null ? TeamSettings.empty() : settings;
        conversationValues = conversationValues == null ? Map.of() : Map.copyOf(conversationValues);
        now = now == null ? ZonedDateTime.now() : now;
        followUpAfter = followUpAfter == null ? DEFAULT_FOLLOW_UP : followUpAfter;
        limit = limit <= 0 ? 3 : limit;
    }

    /** A conversation already under way, no appointment, default settings. */
    public static SuggestionContext defaults() {
        return new SuggestionContext(TeamSettings.empty(), Map.of(), true, null, null, null, null, null, 3);
    }

    /**
     * Derives the exchange facts from a conversation's messages (any order).
     */
    public static SuggestionContext fromConversation(List<Message> messages, TeamSettings settings,
            Map<String, String> conversationValues, ZonedDateTime appointment, ZonedDateTime now) {
        ZonedDateTime last = null;
        boolean any = false;
        for (Message m : messages) {
            if (m.isInbound() || m.isOutbound()) {
                any = true;
                if (last == null || m.instant().isAfter(last)) {
                    last = m.instant();
                }
            }
        }
        return new SuggestionContext(settings, conversationValues, any, last, appointment, now, null, null, 3);
    }

    public SuggestionContext withSettings(TeamSettings s) {
        return new SuggestionContext(s, conversationValues, exchangedBefore, lastExchange, appointment, now,
                followUpAfter, conversationLanguage, limit);
    }

    public SuggestionContext withConversationValues(Map<String, String> values) {
        return new SuggestionContext(settings, values, exchangedBefore, lastExchange, appointment, now, followUpAfter,
                conversationLanguage, limit);
    }

    public SuggestionContext withExchange(boolean exchanged, ZonedDateTime last) {
        return new SuggestionContext(settings, conversationValues, exchanged, last, appointment, now, followUpAfter,
                conversationLanguage, limit);
    }

    public SuggestionContext withAppointment(ZonedDateTime at) {
        return new SuggestionContext(settings, conversationValues, exchangedBefore, lastExchange, at, now,
                followUpAfter, conversationLanguage, limit);
    }

    public SuggestionContext withNow(ZonedDateTime at) {
        return new SuggestionContext(settings, conversationValues, exchangedBefore, lastExchange, appointment, at,
                followUpAfter, conversationLanguage, limit);
    }

    public SuggestionContext withConversationLanguage(String language) {
        return new SuggestionContext(settings, conversationValues, exchangedBefore, lastExchange, appointment, now,
                followUpAfter, language, limit);
    }

    public SuggestionContext withLimit(int n) {
        return new SuggestionContext(settings, conversationValues, exchangedBefore, lastExchange, appointment, now,
                followUpAfter, conversationLanguage, n);
    }

    boolean appointmentAhead() {
        return appointment != null && appointment.isAfter(now);
    }

    boolean followUpDue() {
        return exchangedBefore && lastExchange != null && !lastExchange.plus(followUpAfter).isAfter(now);
    }

    /** Settings, then conversation values over them, then the appointment's date if not given. */
    Map<String, String> placeholderValues() {
        Map<String, String> m = new LinkedHashMap<>(settings.asMap());
        m.putAll(conversationValues);
        if (appointment != null && !m.containsKey(Placeholders.APPOINTMENT_DATE)) {
            m.put(Placeholders.APPOINTMENT_DATE, APPOINTMENT_FORMAT.format(appointment));
        }
        return m;
    }
}
