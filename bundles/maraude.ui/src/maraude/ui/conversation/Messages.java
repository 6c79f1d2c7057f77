package maraude.ui.conversation;

import org.eclipse.osgi.util.NLS;

/** Strings of the conversation side (pictures, reply panel); French in messages.properties. */
public final class Messages extends NLS {
    private static final String BUNDLE_NAME = "maraude.ui.conversation.messages"; //$NON-NLS-1$

    public static String Conversation_pending;
    public static String Pictures_title;
    public static String Pictures_job;
    public static String Picture_caption;
    public static String Picture_loading;
    public static String Picture_show;
    public static String Picture_hide;
    public static String Picture_confirm;
    public static String Picture_explicit;
    public static String Picture_confirmQuestion;
    public static String Picture_revealing;
    public static String Picture_revealed;
    public static String Picture_revealJob;
    public static String Picture_unavailable;
    public static String Reply_suggestionsTitle;
    public static String Reply_loadingSuggestions;
    public static String Reply_noSuggestions;
    public static String Reply_suggestionsFailed;
    public static String Reply_suggestion;
    public static String Reply_insert;
    public static String Reply_editorTitle;
    public static String Reply_noConversation;
    public static String Reply_noWarning;
    public static String Reply_warning;
    public static String Reply_useOpening;
    public static String Reply_copy;
    public static String Reply_copyAnyway;
    public static String Reply_confirmWarnings;
    public static String Reply_empty;
    public static String Reply_copied;
    public static String Reply_copiedReadOnly;
    public static String Reply_recordFailed;
    public static String Reply_recording;
    public static String Reply_settingsError;
    public static String Services_title;
    public static String Services_none;
    public static String Services_add;
    public static String Services_addTip;
    public static String Services_withdrawTip;
    public static String Services_loading;
    public static String Services_saving;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}
