package maraude.ui;

import org.eclipse.osgi.util.NLS;

/** Every user-facing string of the workbench; French in messages.properties, Dutch and English beside it. */
public final class Messages extends NLS {
    private static final String BUNDLE_NAME = "maraude.ui.messages"; //$NON-NLS-1$

    public static String About_title;
    public static String About_text;
    public static String Archive_openFailedTitle;
    public static String Archive_openFailed;
    public static String Archive_locked;
    public static String Archive_noService;
    public static String Queue_title;
    public static String Queue_loading;
    public static String Queue_colPlatform;
    public static String Queue_colContact;
    public static String Queue_colWaiting;
    public static String Queue_colPreview;
    public static String Queue_empty;
    public static String Queue_colExpires;
    public static String Queue_expired;
    public static String Queue_saving;
    public static String Queue_counters;
    public static String Search_prompt;
    public static String Search_running;
    public static String Search_hits;
    public static String Search_noHits;
    public static String Search_allPlatforms;
    public static String Search_sortRelevance;
    public static String Search_sortNewest;
    public static String Search_sortOldest;
    public static String Search_colDate;
    public static String Search_colPlatform;
    public static String Search_colContact;
    public static String Search_colSnippet;
    public static String Search_facets;
    public static String Search_error;
    public static String Search_anyTime;
    public static String Search_last7;
    public static String Search_last30;
    public static String Search_last365;
    public static String Conversation_none;
    public static String Conversation_loading;
    public static String Conversation_header;
    public static String Conversation_inbound;
    public static String Conversation_outbound;
    public static String Conversation_system;
    public static String Conversation_attachmentImage;
    public static String Conversation_attachmentFile;
    public static String Dashboard_loading;
    public static String Dashboard_colPlatform;
    public static String Dashboard_colConversations;
    public static String Dashboard_colAwaiting;
    public static String Dashboard_colOldest;
    public static String Dashboard_summary;
    public static String Dashboard_export;
    public static String Dashboard_period4;
    public static String Dashboard_period12;
    public static String Dashboard_period52;
    public static String Dashboard_chartBacklog;
    public static String Dashboard_chartReplies;
    public static String Dashboard_median;
    public static String Dashboard_p90;
    public static String Dashboard_band0;
    public static String Dashboard_band1;
    public static String Dashboard_band2;
    public static String Dashboard_band3;
    public static String Dashboard_summary2;
    public static String Dashboard_colWorker;
    public static String Dashboard_unassigned;
    public static String Register_colPlatform;
    public static String Register_colContact;
    public static String Register_colFirst;
    public static String Register_colLast;
    public static String Register_colMessages;
    public static String Register_title;
    public static String Register_filterHint;
    public static String Register_all;
    public static String Register_due;
    public static String Register_unknown;
    public static String Register_flagged;
    public static String Register_export;
    public static String Register_exportFailed;
    public static String Register_colReplies;
    public static String Register_colFollowUps;
    public static String Register_colNext;
    public static String Register_colStatus;
    public static String Register_doNotContact;
    public static String Register_caution;
    public static String Register_cautionPrompt;
    public static String Register_statusDnc;
    public static String Register_statusUnknown;
    public static String Permanence_started;
    public static String Permanence_first;
    public static String Permanence_noNote;
    public static String Permanence_handover;
    public static String Permanence_end;
    public static String Permanence_notePrompt;
    public static String Lock_passphrase;
    public static String Lock_unlock;
    public static String Lock_quit;
    public static String Lock_message;
    public static String Lock_wrong;
    public static String Lock_title;
    public static String Lock_startTitle;
    public static String Duration_minutes;
    public static String Duration_hours;
    public static String Duration_days;
    public static String Archive_opening;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}
