package maraude.solr;

import maraude.archive.ArchiveSchema;

/**
 * Field names of a team collection: the local archive's ({@link ArchiveSchema}, whose javadoc says what
 * each is for), plus {@link #ROUTE}. The configset's {@code managed-schema.xml} declares them with the
 * same analysis; {@code TeamSchemaTest} checks the two agree.
 */
public final class TeamSchema {

    private TeamSchema() {
    }

    public static final String TYPE = ArchiveSchema.TYPE;
    public static final String TYPE_CONTACT = ArchiveSchema.TYPE_CONTACT;
    public static final String TYPE_CONVERSATION = ArchiveSchema.TYPE_CONVERSATION;
    public static final String ID = ArchiveSchema.ID;
    public static final String PLATFORM = ArchiveSchema.PLATFORM;
    public static final String HANDLE = ArchiveSchema.HANDLE;
    public static final String NAME = ArchiveSchema.NAME;
    public static final String TITLE = ArchiveSchema.TITLE;
    public static final String CONTACT = ArchiveSchema.CONTACT;
    public static final String CONVERSATION = ArchiveSchema.CONVERSATION;
    public static final String DIRECTION = ArchiveSchema.DIRECTION;
    public static final String WORKER = ArchiveSchema.WORKER;
    public static final String AUTHOR = ArchiveSchema.AUTHOR;
    public static final String TIME = ArchiveSchema.TIME;
    public static final String WHEN = ArchiveSchema.WHEN;
    public static final String MONTH = ArchiveSchema.MONTH;
    public static final String SEQ = ArchiveSchema.SEQ;
    public static final String TEXT = ArchiveSchema.TEXT;
    public static final String PREVIEW = ArchiveSchema.PREVIEW;
    public static final String WHO = ArchiveSchema.WHO;
    public static final String PHONES = ArchiveSchema.PHONES;
    public static final String ATTACHMENT = ArchiveSchema.ATTACHMENT;
    public static final String SOURCE_FILE = ArchiveSchema.SOURCE_FILE;
    public static final String SOURCE_LINE = ArchiveSchema.SOURCE_LINE;
    public static final String SOURCE_OFFSET = ArchiveSchema.SOURCE_OFFSET;
    public static final String PENDING = ArchiveSchema.PENDING;

    /**
     * The contact id of every document (a contact's own id): the collection's {@code router.field}, so a
     * contact, its conversations and their messages live on one shard and a "who" or phone clause is
     * answered on each shard from its own contacts. Indexed keyword, not stored.
     */
    public static final String ROUTE = "route"; //$NON-NLS-1$

    /**
     * An attachment's document ({@value #TYPE_ATTACHMENT}): id {@code a-SHA256}, routed by the hash,
     * metadata in {@link #ATTACHMENT} ({@code sha|size|mediaType|fileName}, as on messages) and the
     * bytes in {@link #BYTES} (stored binary; encrypted at rest like every index file). Content-addressed
     * as the local store: the same bytes stored twice are one document.
     */
    public static final String TYPE_ATTACHMENT = "attachment"; //$NON-NLS-1$
    public static final String ATTACHMENT_ID_PREFIX = "a-"; //$NON-NLS-1$
    /** An attachment's bytes: stored binary, not indexed. */
    public static final String BYTES = "bytes"; //$NON-NLS-1$
    /**
     * The hashes of a message's attachments, indexed keyword, not stored: an erasure finds whether
     * another message still refers to an attachment before deleting its bytes.
     */
    public static final String ATTACHMENT_SHA = "attachment_sha"; //$NON-NLS-1$

    /**
     * A source file an import read whole ({@code maraude.core.archive.ImportedFiles}), as in the local
     * archive: {@value #TYPE_IMPORTED_FILE}, id {@value #IMPORTED_FILE_PREFIX} and the key, routed by
     * the key, the number of messages the file gave in {@link #FILE_MESSAGES} (doc values).
     */
    public static final String TYPE_IMPORTED_FILE = ArchiveSchema.TYPE_IMPORTED_FILE;
    public static final String IMPORTED_FILE_PREFIX = "f-"; //$NON-NLS-1$
    public static final String FILE_MESSAGES = "file_messages"; //$NON-NLS-1$

    /** Solr's document version, the key of optimistic concurrency (doc values; assigned by the shard leader). */
    public static final String VERSION = "_version_"; //$NON-NLS-1$

    /**
     * The team's triage state, one document per record, each written with optimistic concurrency on
     * {@link #VERSION} ({@code maraude.solr.client.TeamTriageStates}): a conversation's state and notes
     * ({@value #TYPE_TRIAGE_CONVERSATION}, id {@code tv-CONVERSATION}, routed by its contact), a
     * contact's flags ({@value #TYPE_TRIAGE_CONTACT}, {@code tf-CONTACT}), a service offered
     * ({@value #TYPE_TRIAGE_SERVICE}, {@code ts-ID}), a campaign ({@value #TYPE_TRIAGE_CAMPAIGN},
     * {@code tc-ID}) and a permanence ({@value #TYPE_TRIAGE_SESSION}, {@code tp-ID}), these two routed
     * by {@value #TEAM_ROUTE}.
     */
    public static final String TYPE_TRIAGE_CONVERSATION = "triage_conversation"; //$NON-NLS-1$
    public static final String TYPE_TRIAGE_CONTACT = "triage_contact"; //$NON-NLS-1$
    public static final String TYPE_TRIAGE_SERVICE = "triage_service"; //$NON-NLS-1$
    public static final String TYPE_TRIAGE_CAMPAIGN = "triage_campaign"; //$NON-NLS-1$
    public static final String TYPE_TRIAGE_SESSION = "triage_session"; //$NON-NLS-1$
    public static final String TEAM_ROUTE = "team"; //$NON-NLS-1$
    /** A triage record as JSON: stored, not indexed. */
    public static final String TRIAGE = "triage"; //$NON-NLS-1$
    /**
     * The conversation or contact a triage record is about: indexed keyword, not stored; an erasure
     * deletes the records of the contacts and conversations it removes by it.
     */
    public static final String TRIAGE_OF = "triage_of"; //$NON-NLS-1$

    /**
     * A side file kept on the servers rather than in a worker's folder ({@code TeamSideFiles}: the
     * readings of the waiting threads): id {@value #SIDE_FILE_PREFIX} + its name, routed by
     * {@value #TEAM_ROUTE}, the bytes in {@link #BYTES}.
     */
    public static final String TYPE_SIDE_FILE = "side_file"; //$NON-NLS-1$
    public static final String SIDE_FILE_PREFIX = "sf-"; //$NON-NLS-1$

    /**
     * The request handler of the summaries (the plugin's {@code SummariesComponent}): each shard folds its
     * messages per conversation and the answer holds one line per conversation under {@value #SUMMARIES}.
     */
    public static final String SUMMARIES_HANDLER = "/summaries"; //$NON-NLS-1$
    public static final String SUMMARIES = "summaries"; //$NON-NLS-1$

    /** Where the configset lies in the plugin jar (and under {@code src/main/resources}). */
    public static final String CONFIGSET_RESOURCE = "maraude/solr/configset/"; //$NON-NLS-1$
    public static final String[] CONFIGSET_FILES = { "managed-schema.xml", "solrconfig.xml" }; //$NON-NLS-1$ //$NON-NLS-2$

    /**
     * The request handler that tells a client where each shard's leader is (the plugin's
     * {@code LeadersHandler}; the "read" permission covers it): {@value #LEADERS} → one entry per shard
     * with its hash range, its leader's node URL and core, beside the collection's router.
     */
    public static final String LEADERS_HANDLER = "/leaders"; //$NON-NLS-1$
    public static final String LEADERS = "leaders"; //$NON-NLS-1$
}
