package maraude.ui.templates;

import org.eclipse.osgi.util.NLS;

/** Strings of the template editor; French in messages.properties. */
public final class Messages extends NLS {
    private static final String BUNDLE_NAME = "maraude.ui.templates.messages"; //$NON-NLS-1$

    public static String Editor_title;
    public static String Editor_allLanguages;
    public static String Editor_allCategories;
    public static String Editor_colTitle;
    public static String Editor_colLanguage;
    public static String Editor_colCategory;
    public static String Editor_colOrigin;
    public static String Editor_originShipped;
    public static String Editor_originTeam;
    public static String Editor_originOverride;
    public static String Editor_id;
    public static String Editor_titleField;
    public static String Editor_category;
    public static String Editor_language;
    public static String Editor_bulk;
    public static String Editor_text;
    public static String Editor_keywords;
    public static String Editor_examples;
    public static String Editor_new;
    public static String Editor_duplicate;
    public static String Editor_delete;
    public static String Editor_save;
    public static String Editor_export;
    public static String Editor_import;
    public static String Editor_noWarning;
    public static String Editor_warning;
    public static String Editor_saving;
    public static String Editor_saved;
    public static String Editor_savedOverride;
    public static String Editor_saveFailed;
    public static String Editor_invalid;
    public static String Editor_idTaken;
    public static String Editor_deleteOnlyTeam;
    public static String Editor_deleteConfirm;
    public static String Editor_deleted;
    public static String Editor_exported;
    public static String Editor_exportFailed;
    public static String Editor_imported;
    public static String Editor_importRefused;
    public static String Editor_teamFileError;
    public static String Editor_loading;
    public static String Editor_newTitle;
    public static String Editor_unsaved;

    public static String Category_first_contact;
    public static String Category_kit;
    public static String Category_screening;
    public static String Category_pep_prep;
    public static String Category_rights;
    public static String Category_housing;
    public static String Category_violence;
    public static String Category_reminder;
    public static String Category_permanence;
    public static String Category_follow_up;
    public static String Editor_saveConflict;
    public static String Editor_saveNotAllowed;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}
