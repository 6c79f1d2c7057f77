package maraude.archive;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.MultiPhraseQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PointRangeQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

import maraude.archive.analysis.PhoneNumbers;
import maraude.archive.analysis.NameAnalyzer;
import maraude.archive.analysis.TextAnalyzer;
import maraude.core.model.Attachment;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;
import maraude.core.model.SourceRef;

/**
 * The index schema, in one place: every field, what it is for, and how it is indexed (indexed,
 * stored, doc values, analysed), in the style of the Lucene demo. Field names double as the query
 * syntax ({@code platform:sms direction:inbound}).
 *
 * <p>
 * One index holds three kinds of documents told apart by {@link #TYPE}: contacts, conversations
 * (a few thousand; loaded into memory when the archive opens) and messages (up to millions). Ids
 * come from {@link maraude.core.model.StableIds} and carry a type prefix ({@code c-}, {@code t-},
 * {@code m-}), so one {@link #ID} field serves as the upsert key of all three kinds.
 *
 * <p>
 * Messages are denormalised with what filters and list views need of their conversation (platform,
 * contact id) so that a filter never joins. What identifies the contact (name, handle, the phone keys
 * of the handle) is <em>not</em> indexed into each message: {@link ContactMatcher} answers a
 * {@link #WHO} or {@link #PHONES} clause from the contacts held in memory, as the conversations of the
 * matching contacts. A search therefore follows the contact's current name after a rename.
 *
 * <h2>Schema versions and compatibility</h2> Version 1 indexed, per message, {@link #TYPE}, the contact's
 * name and handle in {@link #WHO} and the handle's phone keys in {@link #PHONES}. Version 2 (this
 * class) writes none of those on messages, recognises messages by their {@link #SEQ} doc values
 * ({@link #typeQuery}). Every field keeps its version 1 type
 * (Lucene refuses a field whose indexing options change), so a version 1 archive opens as is and is
 * not re-indexed: its messages carry the extra terms, which only match what the query-time contact
 * matching matches anyway, and new messages are added in version 2. Version 3 adds the {@link #HIT}
 * doc values (a new field: older messages simply have none, and their hits are read from stored
 * fields).
 *
 * <p>
 * Cost per message (indexing and disk) is what this schema is tuned for: doc values only where a
 * sort, the summaries or the facets read them, norms only on the two analysed fields, stored fields
 * only for what rebuilds a message.
 */
public final class ArchiveSchema {

    private ArchiveSchema() {
    }

    // ---- every kind -------------------------------------------------------------------------

    /**
     * Document kind: {@value #TYPE_CONTACT} or {@value #TYPE_CONVERSATION}. Indexed keyword, not stored.
     * Messages written by schema version 1 also carry {@value #TYPE_MESSAGE}; query kinds through
     * {@link #typeQuery}.
     */
    public static final String TYPE = "type"; //$NON-NLS-1$
    public static final String TYPE_CONTACT = "contact"; //$NON-NLS-1$
    public static final String TYPE_CONVERSATION = "conversation"; //$NON-NLS-1$
    public static final String TYPE_MESSAGE = "message"; //$NON-NLS-1$
    /**
     * A source file an import read whole ({@link maraude.core.archive.ImportedFiles}): only {@link #TYPE}
     * and {@link #ID} ({@value #IMPORTED_FILE_PREFIX} and the key, a digest of the file's bytes and of
     * what shaped their reading), both indexed, neither stored, and {@link #FILE_MESSAGES}. Nothing
     * names the file.
     */
    public static final String TYPE_IMPORTED_FILE = "file"; //$NON-NLS-1$
    static final String IMPORTED_FILE_PREFIX = "f-"; //$NON-NLS-1$
    /** Number of messages a recorded file gave. Numeric doc values on {@value #TYPE_IMPORTED_FILE} documents only. */
    static final String FILE_MESSAGES = "file_messages"; //$NON-NLS-1$

    /** Stable id, the upsert and dedup key. Indexed keyword, stored. */
    public static final String ID = "id"; //$NON-NLS-1$

    /**
     * Platform key ({@link Platform#key()}). Indexed keyword (filter) and sorted doc values (facet
     * counts per platform) on every kind; stored on contacts and conversations.
     */
    public static final String PLATFORM = "platform"; //$NON-NLS-1$

    // ---- contacts ---------------------------------------------------------------------------

    /** Contact handle (phone number, pseudonym, address) as given. Stored only. */
    public static final String HANDLE = "handle"; //$NON-NLS-1$
    /** Contact display name. Stored only. */
    public static final String NAME = "name"; //$NON-NLS-1$

    // ---- conversations ----------------------------------------------------------------------

    /** Conversation title. Stored only. */
    public static final String TITLE = "title"; //$NON-NLS-1$

    /** Contact id: stored on conversations; indexed keyword on messages (filter {@code contact:c-…}). */
    public static final String CONTACT = "contact"; //$NON-NLS-1$

    // ---- messages ---------------------------------------------------------------------------

    /**
     * Conversation id of a message. Indexed keyword (thread lookup, filter), stored, and sorted doc
     * values: summaries group all messages by it in one pass over doc values.
     */
    public static final String CONVERSATION = "conversation"; //$NON-NLS-1$

    /**
     * Direction. Indexed keyword ({@link Direction#key()}, filter), stored and numeric doc values as
     * the enum ordinal (summaries read it without stored fields).
     */
    public static final String DIRECTION = "direction"; //$NON-NLS-1$

    /** Worker id of an outbound message, when known. Indexed keyword (filter), stored. */
    public static final String WORKER = "worker"; //$NON-NLS-1$

    /** Author as the export shows it. Stored only (it is also analysed into {@link #WHO}). */
    public static final String AUTHOR = "author"; //$NON-NLS-1$

    /**
     * Instant in epoch milliseconds: a {@link LongPoint} (date range filter) and numeric doc values
     * (sort by date, summaries). Not stored: {@link #WHEN} keeps the exact zoned value.
     */
    public static final String TIME = "time"; //$NON-NLS-1$

    /** The zoned instant, ISO-8601 with zone ({@link ZonedDateTime#toString()}, written and read by {@link WhenCodec}), stored only. */
    public static final String WHEN = "when"; //$NON-NLS-1$

    /** Local month of the message as {@code yyyy*100+mm}. Numeric doc values only: month facets. */
    public static final String MONTH = "month"; //$NON-NLS-1$

    /**
     * Position in the source (line, else byte offset, else 0). Numeric doc values: breaks ties between
     * messages of the same second, keeping export order. Every message has it and nothing else does:
     * it is how {@link #typeQuery} tells messages.
     */
    public static final String SEQ = "seq"; //$NON-NLS-1$

    /**
     * Message body. Analysed by {@link TextAnalyzer} (folded, lightly stemmed), with positions
     * (phrases), stored (threads, snippets). No offsets in postings: messages are short, and
     * re-analysing the 20 texts of a result page for snippets costs less than offsets cost at
     * indexing time and on disk.
     */
    public static final String TEXT = "text"; //$NON-NLS-1$

    /**
     * The first {@value #PREVIEW_CHARS} characters of the body, whitespace collapsed. Binary doc values
     * only: summaries read the preview of each conversation's last message without decompressing
     * stored-field blocks (a random stored-field read costs up to a 60 KiB block).
     */
    public static final String PREVIEW = "preview"; //$NON-NLS-1$
    public static final int PREVIEW_CHARS = 140;

    /**
     * The message id and the id of its time zone ({@code m-… Europe/Brussels}). Binary doc values only,
     * since schema version 3: with {@link #PREVIEW}, {@link #CONVERSATION}, {@link #DIRECTION} and
     * {@link #TIME} they make a search hit without reading stored fields (a stored-field read
     * decompresses a block of several KiB: a third of a search at 100k messages). Messages written
     * before have none; their hits are read from stored fields.
     */
    public static final String HIT = "hit"; //$NON-NLS-1$

    /**
     * The message's author as the export shows it. Analysed by {@link NameAnalyzer} (folded, not
     * stemmed), not stored; searched with the text by default. The contact's name and handle are
     * matched at query time ({@link ContactMatcher}), so a pseudonym finds its whole thread.
     */
    public static final String WHO = "who"; //$NON-NLS-1$

    /**
     * Canonical phone keys ({@link PhoneNumbers}) of numbers in the text (texts with fewer than 8
     * digits are not scanned). Indexed keywords, multi-valued, not stored. Query side: {@code phone:…},
     * or any phone-looking run in the query; a contact whose handle has the number is matched at query
     * time ({@link ContactMatcher}).
     */
    public static final String PHONES = "phones"; //$NON-NLS-1$

    /** Query-syntax alias of {@link #PHONES}: the number as written, canonicalised at query time. */
    public static final String PHONE_QUERY_FIELD = "phone"; //$NON-NLS-1$

    /** Attachments, one stored value each: {@code sha256|size|mediaType|fileName}. Stored only. */
    public static final String ATTACHMENT = "attachment"; //$NON-NLS-1$

    /** Source file, line and offset ({@link SourceRef}). Stored only. */
    public static final String SOURCE_FILE = "source_file"; //$NON-NLS-1$
    /** Indexed, not stored: "1" on pending replies recorded by the workbench, so an import finds them in one query. */
    public static final String PENDING = "pending"; //$NON-NLS-1$
    public static final String SOURCE_LINE = "source_line"; //$NON-NLS-1$
    public static final String SOURCE_OFFSET = "source_offset"; //$NON-NLS-1$

    /** Fields that only message documents have: a query that requires one of them needs no {@link #TYPE} filter. */
    static final Set<String> MESSAGE_ONLY_FIELDS = Set.of(TEXT, WHO, PHONES, CONVERSATION, DIRECTION, WORKER, TIME,
            PENDING);

    /** Whether {@code q} can only match message documents (conservative: false when unsure). */
    static boolean matchesMessagesOnly(Query q) {
        if (q instanceof BooleanQuery bq) {
            List<BooleanClause> required = bq.clauses().stream().filter(BooleanClause::isRequired).toList();
            if (!required.isEmpty()) {
                return required.stream().anyMatch(c -> matchesMessagesOnly(c.getQuery()));
            }
            List<BooleanClause> should = bq.clauses().stream().filter(c -> c.getOccur() == BooleanClause.Occur.SHOULD)
                    .toList();
            return !should.isEmpty() && should.stream().allMatch(c -> matchesMessagesOnly(c.getQuery()));
        }
        if (q instanceof BoostQuery bq) {
            return matchesMessagesOnly(bq.getQuery());
        }
        if (q instanceof ConstantScoreQuery cq) {
            return matchesMessagesOnly(cq.getQuery());
        }
        String field = null;
        if (q instanceof TermQuery tq) {
            field = tq.getTerm().field();
        } else if (q instanceof PhraseQuery pq) {
            field = pq.getField();
        } else if (q instanceof MultiTermQuery mq) {
            field = mq.getField();
        } else if (q instanceof TermInSetQuery tq) {
            field = tq.getField();
        } else if (q instanceof PointRangeQuery pq) {
            field = pq.getField();
        } else if (q instanceof SynonymQuery sq) {
            field = sq.getField();
        } else if (q instanceof MultiPhraseQuery mq) {
            field = mq.getTermArrays().length == 0 ? null : mq.getTermArrays()[0][0].field();
        }
        return field != null && MESSAGE_ONLY_FIELDS.contains(field);
    }

    /** Fields a query without a field name searches. */
    public static final String[] DEFAULT_SEARCH_FIELDS = { TEXT, WHO };

    /** Field names the query syntax accepts; anything else before a colon is plain text. */
    public static final Set<String> QUERY_FIELDS = Set.of(TEXT, WHO, PLATFORM, CONTACT, CONVERSATION, DIRECTION,
            WORKER, PHONE_QUERY_FIELD, PHONES, ID);

    /** The analyzer for writing and for parsing queries: free text analysed, ids and keys kept whole. */
    public static Analyzer analyzer() {
        Analyzer keyword = new KeywordAnalyzer();
        // Keys written lower case by the archive: typed "platform:WhatsApp" must still match.
        Analyzer lowerKeyword = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                KeywordTokenizer t = new KeywordTokenizer();
                return new TokenStreamComponents(t, new LowerCaseFilter(t));
            }
        };
        return new PerFieldAnalyzerWrapper(new TextAnalyzer(), Map.of(WHO, new NameAnalyzer(),
                ID, keyword, PLATFORM, lowerKeyword, CONTACT, keyword, CONVERSATION, keyword,
                DIRECTION, lowerKeyword, WORKER, keyword, PHONES, keyword, TYPE, keyword));
    }

    public static Term idTerm(String id) {
        return new Term(ID, id);
    }

    /**
     * Documents of one kind. Messages are the documents with a {@link #SEQ} value (only messages have
     * one, in every schema version); their {@link #TYPE} term is no longer written (one indexed field
     * less per message) but the term is still present in archives written before.
     */
    public static Query typeQuery(String type) {
        if (TYPE_MESSAGE.equals(type)) {
            return new FieldExistsQuery(SEQ);
        }
        return new TermQuery(new Term(TYPE, type));
    }

    // ---- documents --------------------------------------------------------------------------

    static Document contactDocument(Contact c) {
        Document d = new Document();
        d.add(new StringField(TYPE, TYPE_CONTACT, Field.Store.NO));
        d.add(new StringField(ID, c.id(), Field.Store.YES));
        d.add(new StringField(PLATFORM, c.platform().key(), Field.Store.YES));
        d.add(platformDocValues(c.platform()));
        d.add(new StoredField(HANDLE, c.handle()));
        d.add(new StoredField(NAME, c.displayName()));
        return d;
    }

    static Contact toContact(Document d) {
        return new Contact(d.get(ID), Platform.fromKey(d.get(PLATFORM)), d.get(HANDLE), d.get(NAME));
    }

    static Document importedFileDocument(String key, long messages) {
        Document d = new Document();
        d.add(new StringField(TYPE, TYPE_IMPORTED_FILE, Field.Store.NO));
        d.add(new StringField(ID, IMPORTED_FILE_PREFIX + key, Field.Store.NO));
        d.add(new NumericDocValuesField(FILE_MESSAGES, messages));
        return d;
    }

    static Document conversationDocument(Conversation c) {
        Document d = new Document();
        d.add(new StringField(TYPE, TYPE_CONVERSATION, Field.Store.NO));
        d.add(new StringField(ID, c.id(), Field.Store.YES));
        d.add(new StringField(PLATFORM, c.platform().key(), Field.Store.YES));
        d.add(platformDocValues(c.platform()));
        d.add(new StringField(CONTACT, c.contactId(), Field.Store.YES));
        d.add(new StoredField(TITLE, c.title()));
        return d;
    }

    static Conversation toConversation(Document d) {
        return new Conversation(d.get(ID), Platform.fromKey(d.get(PLATFORM)), d.get(CONTACT), d.get(TITLE));
    }

    /**
     * A message document; {@code contact} may be null when the conversation's contact was never put.
     * Callers outside the archive store messages through it.
     */
    static Document messageDocument(Message m, Conversation conv, Contact contact) {
        Document d = new Document();
        d.add(new StringField(ID, m.id(), Field.Store.YES));
        d.add(new StringField(CONVERSATION, m.conversationId(), Field.Store.YES));
        d.add(new SortedDocValuesField(CONVERSATION, new BytesRef(m.conversationId())));
        d.add(new StringField(CONTACT, conv.contactId(), Field.Store.NO));
        d.add(new StringField(PLATFORM, conv.platform().key(), Field.Store.NO));
        d.add(platformDocValues(conv.platform()));
        d.add(new StringField(DIRECTION, m.direction().key(), Field.Store.NO));
        d.add(new NumericDocValuesField(DIRECTION, m.direction().ordinal()));
        d.add(new StoredField(DIRECTION, m.direction().ordinal()));
        if (m.workerId() != null && !m.workerId().isBlank()) {
            d.add(new StringField(WORKER, m.workerId(), Field.Store.YES));
        }
        if (!m.author().isEmpty()) {
            d.add(new StoredField(AUTHOR, m.author()));
        }
        ZonedDateTime when = m.instant();
        long millis = Math.addExact(Math.multiplyExact(when.toEpochSecond(), 1000), when.getNano() / 1_000_000);
        d.add(new LongPoint(TIME, millis));
        d.add(new NumericDocValuesField(TIME, millis));
        d.add(new StoredField(WHEN, WhenCodec.format(when)));
        d.add(new NumericDocValuesField(MONTH, when.getYear() * 100L + when.getMonthValue()));
        d.add(new NumericDocValuesField(SEQ, seq(m.source())));
        d.add(new TextField(TEXT, m.text(), Field.Store.YES));
        d.add(new BinaryDocValuesField(PREVIEW, new BytesRef(preview(m.text()))));
        d.add(new BinaryDocValuesField(HIT, new BytesRef(m.id() + ' ' + when.getZone().getId())));
        if (!m.author().isEmpty()) {
            d.add(new TextField(WHO, m.author(), Field.Store.NO));
        }
        if (mayHoldPhone(m.text())) {
            for (String p : PhoneNumbers.keysIn(m.text())) {
                d.add(new StringField(PHONES, p, Field.Store.NO));
            }
        }
        for (Attachment a : m.attachments()) {
            d.add(new StoredField(ATTACHMENT, a.sha256() + '|' + a.size() + '|' + a.mediaType() + '|' + a.fileName()));
        }
        SourceRef src = m.source();
        if (src != null) {
            d.add(new StoredField(SOURCE_FILE, src.file()));
            if (src.file().startsWith(maraude.core.archive.PendingReplies.SOURCE)) {
                d.add(new StringField(PENDING, "1", Field.Store.NO)); //$NON-NLS-1$
            }
            d.add(new StoredField(SOURCE_LINE, src.line()));
            d.add(new StoredField(SOURCE_OFFSET, src.offset()));
        }
        return d;
    }

    /**
     * Lucene 9 requires a field to have the same structure in every document, so contacts and
     * conversations carry the platform doc values too (searches count messages only).
     */
    private static SortedDocValuesField platformDocValues(Platform p) {
        return new SortedDocValuesField(PLATFORM, PLATFORM_KEYS[p.ordinal()]);
    }

    /** The platform keys in UTF-8, encoded once (the writer copies doc values, never changes them). */
    private static final BytesRef[] PLATFORM_KEYS = java.util.Arrays.stream(Platform.values())
            .map(p -> new BytesRef(p.key())).toArray(BytesRef[]::new);

    /** Whitespace collapsed, cut at {@link #PREVIEW_CHARS} code points with an ellipsis. */
    public static String preview(String text) {
        if (text.length() <= PREVIEW_CHARS && isCollapsed(text)) {
            return text;
        }
        StringBuilder sb = new StringBuilder(Math.min(text.length(), PREVIEW_CHARS + 2));
        int points = 0;
        boolean space = false;
        for (int i = 0; i < text.length();) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp)) {
                space = sb.length() > 0;
                continue;
            }
            if (points + (space ? 1 : 0) >= PREVIEW_CHARS) {
                sb.append('…');
                return sb.toString();
            }
            if (space) {
                sb.append(' ');
                points++;
                space = false;
            }
            sb.appendCodePoint(cp);
            points++;
        }
        return sb.toString();
    }

    /** True when {@link #preview} would return the text unchanged: single spaces only, none at the ends. */
    private static boolean isCollapsed(String text) {
        int n = text.length();
        boolean space = true; // no leading space
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == ' ') {
                if (space) {
                    return false;
                }
                space = true;
            } else if (c < 0x21 ? c <= ' ' : c >= 0x80 && Character.isWhitespace(c)) {
                return false;
            } else {
                space = false;
            }
        }
        return n == 0 || !space;
    }

    /** At least 8 digits: cheaper than scanning for numbers in the many messages without any. */
    private static boolean mayHoldPhone(String text) {
        int digits = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9' && ++digits >= 8) {
                return true;
            }
        }
        return false;
    }

    static long seq(SourceRef src) {
        if (src == null) {
            return 0;
        }
        return src.line() > 0 ? src.line() : Math.max(0, src.offset());
    }

    /** Stored fields needed to rebuild a {@link Message}. */
    static final Set<String> MESSAGE_STORED = Set.of(ID, CONVERSATION, DIRECTION, WORKER, AUTHOR, WHEN, TEXT,
            ATTACHMENT, SOURCE_FILE, SOURCE_LINE, SOURCE_OFFSET);

    static Message toMessage(Document d) {
        List<Attachment> atts = new ArrayList<>();
        for (IndexableField f : d.getFields(ATTACHMENT)) {
            String[] p = f.stringValue().split("\\|", 4); //$NON-NLS-1$
            atts.add(new Attachment(p[0], p[2], p.length > 3 ? p[3] : "", Long.parseLong(p[1]))); //$NON-NLS-1$
        }
        SourceRef src = null;
        String file = d.get(SOURCE_FILE);
        if (file != null) {
            src = new SourceRef(file, d.getField(SOURCE_LINE).numericValue().longValue(),
                    d.getField(SOURCE_OFFSET).numericValue().longValue());
        }
        String author = d.get(AUTHOR);
        return new Message(d.get(ID), d.get(CONVERSATION), direction(d), WhenCodec.parse(d.get(WHEN)),
                author == null ? "" : author, d.get(WORKER), d.get(TEXT), atts, src); //$NON-NLS-1$
    }

    /**
     * Whether a {@link #PREVIEW} value holds its whole text (whitespace collapsed): a cut preview ends
     * with an ellipsis, and so may a text, which is then read from stored fields to be sure.
     */
    static boolean previewIsWhole(String preview) {
        return !preview.endsWith("…"); //$NON-NLS-1$
    }

    static Direction direction(Document d) {
        return Direction.values()[d.getField(DIRECTION).numericValue().intValue()];
    }
}
