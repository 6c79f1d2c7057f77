package maraude.templates;

import org.eclipse.osgi.util.NLS;

/** User-facing strings of the template bundle (French by default, Dutch and English shipped). */
public final class Messages extends NLS {

    private static final String BUNDLE_NAME = "maraude.templates.messages"; //$NON-NLS-1$

    public static String TemplateFormat_error;
    public static String TemplateFormat_tooLarge;
    public static String TemplateFormat_malformed;
    public static String TemplateFormat_notAnObject;
    public static String TemplateFormat_badHeader;
    public static String TemplateFormat_missingField;
    public static String TemplateFormat_badField;
    public static String TemplateFormat_badCategory;
    public static String TemplateFormat_badLanguage;
    public static String TemplateFormat_badId;
    public static String TemplateFormat_duplicateId;
    public static String TemplateFormat_noExamples;
    public static String TemplateFormat_badBrace;
    public static String TemplateFormat_tooMany;
    public static String TemplateFormat_tooLong;
    public static String TemplateFormat_badEvalLine;
    public static String Placeholders_unfilledOne;
    public static String Placeholders_unfilledMany;
    public static String Settings_badKey;
    public static String Reason_language;
    public static String Reason_languageFallback;
    public static String Reason_conversationLanguage;
    public static String Reason_matched;
    public static String Reason_firstContact;
    public static String Reason_followUpDue;
    public static String Reason_appointment;
    public static String Reason_default;
    public static String Reason_templateFallback;
    public static String Outing_revealingWord;
    public static String Outing_workerName;
    public static String Outing_workerPlaceholder;
    public static String Outing_revealingLink;
    public static String Outing_suggestOpening;
    public static String Outing_suggestRemoveName;
    public static String Outing_suggestLink;
    public static String Language_fr;
    public static String Language_nl;
    public static String Language_en;
    public static String Language_es;
    public static String Language_pt;
    public static String Language_ro;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }

    static String format(String pattern, Object... args) {
        return NLS.bind(pattern, args);
    }

    /** Display name of a supported language code, in the user's locale. */
    public static String languageName(String code) {
        return switch (code) {
            case "fr" -> Language_fr; //$NON-NLS-1$
            case "nl" -> Language_nl; //$NON-NLS-1$
            case "en" -> Language_en; //$NON-NLS-1$
            case "es" -> Language_es; //$NON-NLS-1$
            case "pt" -> Language_pt; //$NON-NLS-1$
            case "ro" -> Language_ro; //$NON-NLS-1$
            default -> code;
        };
    }
}
