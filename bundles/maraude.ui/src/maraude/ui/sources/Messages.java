package maraude.ui.sources;

import org.eclipse.osgi.util.NLS;

/** Texts of the "Receive from phone" dialog and the Sources view. */
public final class Messages extends NLS {

    private static final String BUNDLE_NAME = "maraude.ui.sources.messages"; //$NON-NLS-1$

    public static String PhoneDrop_title;
    public static String PhoneDrop_noNetwork;
    public static String PhoneDrop_close;
    public static String PhoneDrop_intro;
    public static String PhoneDrop_starting;
    public static String PhoneDrop_url;
    public static String PhoneDrop_code;
    public static String PhoneDrop_codeHint;
    public static String PhoneDrop_fingerprint;
    public static String PhoneDrop_fingerprintHint;
    public static String PhoneDrop_waiting;
    public static String PhoneDrop_received;
    public static String PhoneDrop_failed;
    public static String PhoneDrop_readOnly;
    public static String PhoneDrop_job;
    public static String Sources_colId;
    public static String Sources_colKind;
    public static String Sources_colPlatform;
    public static String Sources_colLastPull;
    public static String Sources_colNextPull;
    public static String Sources_colState;
    public static String Sources_colError;
    public static String Sources_pullNow;
    public static String Sources_addFolder;
    public static String Sources_remove;
    public static String Sources_removeTitle;
    public static String Sources_removeConfirm;
    public static String Sources_addFolderMessage;
    public static String Sources_pullJob;
    public static String Sources_checkJob;
    public static String Sources_loading;
    public static String Sources_none;
    public static String Sources_summary;
    public static String Sources_readOnly;
    public static String Sources_pulled;
    public static String Sources_pullFailed;
    public static String Sources_pullCancelled;
    public static String Sources_unreadable;
    public static String Sources_saveFailed;
    public static String Sources_never;
    public static String Sources_manual;
    public static String Sources_overdue;
    public static String Sources_atRisk;
    public static String Sources_attention;
    public static String Sources_kind_watched_folder;
    public static String Sources_kind_web_inbox;
    public static String Sources_kind_phone_drop;
    public static String Sources_state_new;
    public static String Sources_state_ok;
    public static String Sources_state_partial;
    public static String Sources_state_failing;
    public static String Sources_state_login_failed;
    public static String Sources_state_profile_mismatch;
    public static String Sources_addWebInbox;
    public static String Sources_credentialsFailed;
    public static String WebInbox_title;
    public static String WebInbox_intro;
    public static String WebInbox_id;
    public static String WebInbox_platform;
    public static String WebInbox_profile;
    public static String WebInbox_url;
    public static String WebInbox_auth;
    public static String WebInbox_useLogin;
    public static String WebInbox_useCookie;
    public static String WebInbox_user;
    public static String WebInbox_password;
    public static String WebInbox_cookie;
    public static String WebInbox_retention;
    public static String WebInbox_every;
    public static String WebInbox_delay;
    public static String WebInbox_badId;
    public static String WebInbox_idTaken;
    public static String WebInbox_noProfile;
    public static String WebInbox_profileNoWeb;
    public static String WebInbox_badUrl;
    public static String WebInbox_noCookie;
    public static String WebInbox_noLogin;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}
