package maraude.imports;

import org.eclipse.osgi.util.NLS;

/**
 * Texts shown to users in import reports (never including message text or names), and the notes
 * shown in place of media an export left out.
 */
public final class Messages extends NLS {

    private static final String BUNDLE_NAME = "maraude.imports.messages"; //$NON-NLS-1$

    public static String problemLineTooLong;
    public static String problemBadDate;
    public static String problemTextBeforeFirstMessage;
    public static String problemMissingAttachment;
    public static String problemUnsafeEntry;
    public static String problemZipBomb;
    public static String problemZipTooManyEntries;
    public static String problemZipUnreadable;
    public static String problemNestedArchive;
    public static String problemNotRecognised;
    public static String problemUnreadable;
    public static String problemTooLarge;
    public static String problemTooDeep;
    public static String problemBadRecord;
    public static String problemInvalidEncoding;
    public static String problemNoDate;
    public static String problemTruncated;
    public static String problemNoMessages;
    public static String problemArchive;
    public static String problemOutsideFolder;
    public static String problemInvalidEncodingLine;
    public static String problemInvalidEncodingMore;
    public static String notIncludedPhoto;
    public static String notIncludedVideo;
    public static String notIncludedAudio;
    public static String notIncludedSticker;
    public static String notIncludedFile;
    public static String problemMessageTooLong;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}
