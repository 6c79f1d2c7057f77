package maraude.solr.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.Query;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.CursorMarkParams;
import org.apache.solr.common.util.NamedList;
import org.eclipse.osgi.util.NLS;

import maraude.archive.ArchiveSchema;
import maraude.archive.ConversationFold;
import maraude.archive.TeamQueries;
import maraude.archive.analysis.PhoneNumbers;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveException;
import maraude.core.archive.ArchiveException.Kind;
import maraude.core.archive.ArchiveStats;
import maraude.core.archive.ConversationSummary;
import maraude.core.archive.SearchHit;
import maraude.core.archive.SearchQuery;
import maraude.core.archive.SearchResults;
import maraude.core.model.Attachment;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;
import maraude.core.model.SourceRef;
import maraude.solr.TeamSchema;

/**
 * The team archive: an {@link Archive} over a SolrCloud collection made from the plugin's configset,
 * through any {@link SolrClient} (the product uses {@code HttpJdkSolrClient}: see {@link TeamArchives}).
 *
 * <p>
 * Documents and ids are the local archive's ({@link ArchiveSchema}), so an import is idempotent across
 * machines: a message id already in the collection is skipped, and two workers importing the same
 * export write the same documents (an id is an upsert key, never a second copy). Searches run on the
 * nodes in the archive's own query syntax ({@code {!maraude}}); snippets are made here as the local
 * archive makes them.
 *
 * <p>
 * Differences from the local archive, by design of a shared server: there is no single-writer lock
 * (several workers write at once); changes are held here until {@link #commit()}, which sends them and
 * makes them visible to everyone. Attachments are documents of the collection (content-addressed, stored
 * at once as in the local store); removing a message (a pending reply replaced by the real one) is a
 * delete by id sent at the next commit. The side files stay in the local folder given at open.
 */
public final class SolrArchive implements Archive, maraude.core.archive.ImportedFiles,
        maraude.core.triage.ArchiveTriageStates, maraude.core.archive.ArchiveAudit,
        maraude.archive.maintenance.ArchiveErasure, maraude.archive.maintenance.ArchiveRetentionPolicy {

    /** Documents per update request. */
    private static final int BATCH = 1000;
    /** Rows per page when reading every document of a kind (cursor paging). */
    private static final int PAGE = 2000;

    private final SolrClient client;
    private final String collection;
    private final Path location;
    private final AccessMode mode;
    private final boolean ownsClient;
    private final TeamQueries queries = new TeamQueries();

    private final Object writeLock = new Object();
    private final Map<String, Contact> pendingContacts = new LinkedHashMap<>();
    private final Map<String, Conversation> pendingConversations = new LinkedHashMap<>();
    private final Map<String, SolrInputDocument> pendingMessages = new LinkedHashMap<>();
    /** Source files read whole, recorded with the next commit: key to messages. */
    private final Map<String, Long> pendingFiles = new LinkedHashMap<>();
    /** Committed messages removed since the last commit: id to route (a delete by id needs its shard). */
    private final Map<String, String> pendingRemovals = new LinkedHashMap<>();
    /** Committed message ids per conversation, read on the first message added to it since open. */
    private final Map<String, Set<String>> knownIds = new HashMap<>();

    private volatile Map<String, Contact> contacts = Map.of();
    private volatile Map<String, Conversation> conversations = Map.of();
    private volatile boolean closed;

    private SolrArchive(SolrClient client, String collection, Path location, AccessMode mode, boolean ownsClient) {
        this.client = client;
        this.collection = collection;
        this.location = location;
        this.mode = mode;
        this.ownsClient = ownsClient;
    }

    /**
     * Opens the team archive in {@code collection}; {@code localFolder} holds this machine's side files.
     *
     * @param ownsClient whether {@link #close()} closes the client
     * @throws ArchiveException IO when the collection cannot be reached
     */
    public static SolrArchive open(SolrClient client, String collection, Path localFolder, AccessMode mode,
            boolean ownsClient) {
        SolrArchive a = new SolrArchive(client, collection, localFolder, mode, ownsClient);
        a.reloadPeople();
        return a;
    }

    @Override
    public Path location() {
        return location;
    }

    @Override
    public AccessMode accessMode() {
        return mode;
    }

    // ---- writing ----------------------------------------------------------------------------

    @Override
    public void putContact(Contact contact) {
        synchronized (writeLock) {
            ensureWritable();
            pendingContacts.put(contact.id(), contact);
        }
    }

    @Override
    public void putConversation(Conversation conversation) {
        synchronized (writeLock) {
            ensureWritable();
            pendingConversations.put(conversation.id(), conversation);
        }
    }

    @Override
    public boolean addMessage(Message message) {
        synchronized (writeLock) {
            ensureWritable();
            Conversation conv = pendingConversations.get(message.conversationId());
            if (conv == null) {
                conv = conversations.get(message.conversationId());
            }
            if (conv == null) {
                throw new ArchiveException(Kind.BAD_INPUT, NLS.bind(Messages.Team_unknownConversation, message.conversationId()));
            }
            if (pendingMessages.containsKey(message.id()) || committedIds(conv.id()).contains(message.id())) {
                return false;
            }
            pendingMessages.put(message.id(), messageDocument(message, conv));
            return true;
        }
    }

    /**
     * The committed message ids of a conversation, as this archive last read them; what decides whether
     * {@link #addMessage} is new.
     *
     * <ul>
     * <li>A conversation that was not in the collection when this archive last read its conversations (at
     * open and after each of its commits: {@link #conversations}) has no committed message: nothing is
     * asked (an import of new exports sends no query at all).</li>
     * <li>A conversation of the collection has its ids read on the first message added to it, together
     * with those of other conversations not read yet ({@link #idBatch}): one request for up to
     * {@value #ID_BATCH} conversations, so a re-import of everything asks about one conversation in
     * {@value #ID_BATCH}, not every one.</li>
     * </ul>
     *
     * <p>
     * What this guarantees: a message committed before this archive read its conversation (the
     * conversation's ids, or the list of conversations for a new one) is never reported as new and never
     * sent again, so a re-import, by anyone, adds nothing and reports 0 added. The window: a message
     * another worker commits after that read (two workers importing the same new conversation at the
     * same moment) is reported as new by both and sent by both; the documents and ids are the same, so
     * the second write overwrites the first with identical content (never a second copy: the id is the
     * upsert key), but each worker's "added" count includes those messages.
     */
    private Set<String> committedIds(String conversationId) {
        Set<String> ids = knownIds.get(conversationId);
        if (ids != null) {
            return ids;
        }
        if (!conversations.containsKey(conversationId)) {
            ids = new HashSet<>();
            knownIds.put(conversationId, ids); // the commit adds what it sends
            return ids;
        }
        readCommittedIds(idBatch(conversationId));
        return knownIds.get(conversationId);
    }

    /** Conversations whose committed ids one request reads at most. */
    static final int ID_BATCH = 64;
    /** Conversations looked at, at most, when filling a batch with the ones that follow by id. */
    private static final int ID_BATCH_SCAN = 8 * ID_BATCH;

    /** {@link #conversations}' ids in order, and the map they were taken from (rebuilt when it changes). */
    private String[] conversationOrder = new String[0];
    private Map<String, Conversation> conversationOrderOf = Map.of();

    /**
     * {@code first} and up to {@value #ID_BATCH} - 1 other conversations of the collection whose ids
     * were not read yet: the ones put since the last commit first (an import hands a batch's
     * conversations over before their messages), then the ones that follow {@code first} by id (a copy
     * of a whole archive, as {@code team push}, goes through them in that order). Ids with a comma stay
     * alone (the {@code terms} query separates by commas).
     */
    private List<String> idBatch(String first) {
        List<String> batch = new ArrayList<>();
        batch.add(first);
        Map<String, Conversation> snapshot = conversations;
        if (first.indexOf(',') >= 0) {
            return batch;
        }
        Set<String> in = new HashSet<>(batch);
        int looked = 0;
        for (String c : pendingConversations.keySet()) {
            if (batch.size() >= ID_BATCH || ++looked > ID_BATCH_SCAN) {
                break;
            }
            if (unread(c, snapshot) && in.add(c)) {
                batch.add(c);
            }
        }
        if (batch.size() >= ID_BATCH) {
            return batch;
        }
        if (conversationOrderOf != snapshot) {
            conversationOrder = snapshot.keySet().toArray(new String[0]);
            java.util.Arrays.sort(conversationOrder);
            conversationOrderOf = snapshot;
        }
        String[] order = conversationOrder;
        int at = java.util.Arrays.binarySearch(order, first);
        for (int k = 1; at >= 0 && k < Math.min(order.length, ID_BATCH_SCAN) && batch.size() < ID_BATCH; k++) {
            String c = order[Math.floorMod(at + k, order.length)];
            if (unread(c, snapshot) && in.add(c)) {
                batch.add(c);
            }
        }
        return batch;
    }

    private boolean unread(String conversationId, Map<String, Conversation> snapshot) {
        return snapshot.containsKey(conversationId) && !knownIds.containsKey(conversationId)
                && conversationId.indexOf(',') < 0;
    }

    /** Ids read by the first request of {@link #readCommittedIds}; past that, cursor paging. */
    private static final int ID_ROWS = 20_000;

    /**
     * Reads the committed message ids of these conversations: one request in index order, read in a
     * single pass (the shards return the ids at once, reading their stored fields block after block; in
     * id order, as a cursor reads, each document unpacks a block of its own), or, past
     * {@value #ID_ROWS} ids, cursor paging.
     */
    private void readCommittedIds(List<String> batch) {
        Map<String, Set<String>> read = new HashMap<>();
        batch.forEach(c -> read.put(c, new HashSet<>()));
        String q = batch.size() == 1 ? termQuery(TeamSchema.CONVERSATION, batch.get(0))
                : "{!terms f=" + TeamSchema.CONVERSATION + "}" + String.join(",", batch); //$NON-NLS-1$ //$NON-NLS-2$
        try {
            // a filter: every score equal, each shard returns its documents in index order
            SolrQuery first = new SolrQuery("*:*").addFilterQuery(q).setFields(TeamSchema.ID + ',' + TeamSchema.CONVERSATION) //$NON-NLS-1$
                    .setRows(ID_ROWS);
            first.set("distrib.singlePass", true); //$NON-NLS-1$
            QueryResponse r = query(first);
            if (r.getResults().getNumFound() <= ID_ROWS) {
                for (SolrDocument d : r.getResults()) {
                    Set<String> ids = read.get(str(d, TeamSchema.CONVERSATION));
                    if (ids != null) {
                        ids.add(str(d, TeamSchema.ID));
                    }
                }
                knownIds.putAll(read);
                return;
            }
        } catch (SolrServerException | IOException | RuntimeException e) {
            throw failure("read", e); //$NON-NLS-1$
        }
        String cursor = CursorMarkParams.CURSOR_MARK_START;
        try {
            while (true) {
                SolrQuery sq = new SolrQuery(q).setFields(TeamSchema.ID + ',' + TeamSchema.CONVERSATION).setRows(PAGE)
                        .setSort(TeamSchema.ID, SolrQuery.ORDER.asc);
                sq.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
                QueryResponse r = query(sq);
                for (SolrDocument d : r.getResults()) {
                    Set<String> ids = read.get(str(d, TeamSchema.CONVERSATION));
                    if (ids != null) {
                        ids.add(str(d, TeamSchema.ID));
                    }
                }
                String next = r.getNextCursorMark();
                if (r.getResults().size() < PAGE || next == null || next.equals(cursor)) {
                    break;
                }
                cursor = next;
            }
        } catch (SolrServerException | IOException | RuntimeException e) {
            throw failure("read", e); //$NON-NLS-1$
        }
        knownIds.putAll(read);
    }

    /** As the stored {@code attachment} value of the local archive: {@code sha|size|mediaType|fileName}. */
    private static String attachmentValue(Attachment a) {
        return a.sha256() + '|' + a.size() + '|' + a.mediaType() + '|' + a.fileName();
    }

    private static Attachment attachment(String value) {
        String[] p = value.split("\\|", 4); //$NON-NLS-1$
        return new Attachment(p[0], p[2], p.length > 3 ? p[3] : "", Long.parseLong(p[1])); //$NON-NLS-1$
    }

    /**
     * Largest attachment the team archive takes: one stored field of one document, sent in one request
     * (exports carry photos and voice notes of a few megabytes).
     */
    public static final int MAX_ATTACHMENT_BYTES = 32 << 20;

    /** Null until {@link #triageStates()} is first asked. */
    private TeamTriageStates triageStates;

    /**
     * Sent at once, as the local store writes at once: visible to {@link #openAttachment} (real-time
     * get) straight away, counted in {@link #stats()} after the next commit. The same bytes stored
     * again (by anyone) send nothing.
     */
    @Override
    public Attachment storeAttachment(InputStream content, String mediaType, String fileName) throws IOException {
        ensureWritable();
        byte[] bytes = content.readNBytes(MAX_ATTACHMENT_BYTES + 1);
        if (bytes.length > MAX_ATTACHMENT_BYTES) {
            throw new ArchiveException(Kind.BAD_INPUT, NLS.bind(Messages.Team_attachmentTooLarge, MAX_ATTACHMENT_BYTES >> 20));
        }
        String sha;
        try {
            sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes)); //$NON-NLS-1$
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Attachment a = new Attachment(sha, mediaType, fileName, bytes.length);
        try {
            if (realTimeGet(TeamSchema.ATTACHMENT_ID_PREFIX + sha, sha, TeamSchema.ID) == null) {
                SolrInputDocument d = new SolrInputDocument();
                d.addField(TeamSchema.ID, TeamSchema.ATTACHMENT_ID_PREFIX + sha);
                d.addField(TeamSchema.ROUTE, sha);
                d.addField(TeamSchema.TYPE, TeamSchema.TYPE_ATTACHMENT);
                d.addField(TeamSchema.ATTACHMENT, attachmentValue(a));
                d.addField(TeamSchema.BYTES, bytes);
                UpdateRequest u = new UpdateRequest();
                u.add(d);
                retrying(() -> u.process(client, collection));
            }
        } catch (SolrServerException | RuntimeException e) {
            throw failure("attachment", e); //$NON-NLS-1$
        }
        return a;
    }

    /** @throws java.nio.file.NoSuchFileException when no attachment has these bytes, as the local store */
    @Override
    public InputStream openAttachment(String sha256) throws IOException {
        ensureOpen();
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) { //$NON-NLS-1$
            throw new IllegalArgumentException("not a lower-case SHA-256"); //$NON-NLS-1$
        }
        SolrDocument d;
        try {
            d = realTimeGet(TeamSchema.ATTACHMENT_ID_PREFIX + sha256, sha256, TeamSchema.BYTES);
        } catch (SolrServerException | RuntimeException e) {
            throw failure("attachment", e); //$NON-NLS-1$
        }
        Object v = d == null ? null : d.getFirstValue(TeamSchema.BYTES);
        byte[] bytes;
        if (v instanceof byte[] b) {
            bytes = b;
        } else if (v instanceof java.nio.ByteBuffer bb) {
            bytes = new byte[bb.remaining()];
            bb.get(bytes);
        } else if (v instanceof String b64) {
            bytes = java.util.Base64.getDecoder().decode(b64);
        } else {
            throw new java.nio.file.NoSuchFileException(sha256);
        }
        return new java.io.ByteArrayInputStream(bytes);
    }

    /**
     * The latest version of one document, committed or not (Solr's real-time get, from the update
     * log): {@code route} names its shard, as the collection routes by {@link TeamSchema#ROUTE}.
     */
    SolrDocument realTimeGet(String id, String route, String fields) throws SolrServerException, IOException {
        org.apache.solr.common.params.ModifiableSolrParams p = new org.apache.solr.common.params.ModifiableSolrParams();
        p.set("id", id); //$NON-NLS-1$
        p.set("_route_", route); //$NON-NLS-1$
        p.set("fl", fields); //$NON-NLS-1$
        org.apache.solr.client.solrj.request.QueryRequest r = new org.apache.solr.client.solrj.request.QueryRequest(p,
                SolrRequest.METHOD.POST);
        r.setPath("/get"); //$NON-NLS-1$
        NamedList<Object> response = retrying(() -> client.request(r, collection));
        return (SolrDocument) response.get("doc"); //$NON-NLS-1$
    }

    /**
     * Removed from the collection at the next commit (a pending one is just dropped), as the local
     * archive does.
     */
    @Override
    public boolean removeMessage(String messageId) {
        synchronized (writeLock) {
            ensureWritable();
            if (pendingMessages.remove(messageId) != null) {
                return true;
            }
            if (pendingRemovals.containsKey(messageId)) {
                return true;
            }
            SolrDocumentList found;
            try {
                found = query(new SolrQuery(termQuery(TeamSchema.ID, messageId)).addFilterQuery(MESSAGES)
                        .setFields(TeamSchema.ID, TeamSchema.CONTACT).setRows(1)).getResults();
            } catch (SolrServerException | IOException | RuntimeException e) {
                throw failure("remove", e); //$NON-NLS-1$
            }
            if (found.isEmpty()) {
                return false;
            }
            pendingRemovals.put(messageId, str(found.get(0), TeamSchema.CONTACT));
            return true;
        }
    }

    private static SolrInputDocument importedFileDocument(String key, long messages) {
        SolrInputDocument d = new SolrInputDocument();
        d.addField(TeamSchema.ID, TeamSchema.IMPORTED_FILE_PREFIX + key);
        d.addField(TeamSchema.ROUTE, key);
        d.addField(TeamSchema.TYPE, TeamSchema.TYPE_IMPORTED_FILE);
        d.addField(TeamSchema.FILE_MESSAGES, messages);
        return d;
    }

    /** As of the last commit, as the local archive (a re-import on another machine skips the file too). */
    @Override
    public long importedMessages(String key) {
        ensureWritable();
        try {
            SolrDocumentList found = query(new SolrQuery(termQuery(TeamSchema.ID, TeamSchema.IMPORTED_FILE_PREFIX + key))
                    .setFields(TeamSchema.FILE_MESSAGES).setRows(1)).getResults();
            return found.isEmpty() ? -1 : ((Number) found.get(0).getFirstValue(TeamSchema.FILE_MESSAGES)).longValue();
        } catch (SolrServerException | IOException | RuntimeException e) {
            throw failure("read", e); //$NON-NLS-1$
        }
    }

    @Override
    public void markImported(String key, long messages) {
        synchronized (writeLock) {
            ensureWritable();
            pendingFiles.put(key, messages);
        }
    }

    /** Messages whose source is {@link maraude.core.archive.PendingReplies#SOURCE}, of the last commit. */
    @Override
    public List<Message> pendingReplies() {
        ensureOpen();
        List<Message> out = new ArrayList<>();
        forEach(termQuery(TeamSchema.PENDING, "1"), MESSAGE_FIELDS, d -> out.add(toMessage(d))); //$NON-NLS-1$
        return out;
    }

    /** The local archive's own match ranges ({@code MatchRanges}) for the text of a search. */
    @Override
    public maraude.core.archive.TextMatcher matcher(String queryText) {
        ensureOpen();
        try {
            TeamQueries.Highlights h = queries.highlights(queries.parse(queryText));
            return h::matches;
        } catch (ParseException e) {
            return maraude.core.archive.TextMatcher.NONE;
        }
    }

    @Override
    public void commit() {
        synchronized (writeLock) {
            ensureOpen();
            if (pendingContacts.isEmpty() && pendingConversations.isEmpty() && pendingMessages.isEmpty()
                    && pendingRemovals.isEmpty() && pendingFiles.isEmpty()) {
                return;
            }
            List<SolrInputDocument> people = new ArrayList<>();
            pendingContacts.values().forEach(c -> people.add(contactDocument(c)));
            pendingConversations.values().forEach(c -> people.add(conversationDocument(c)));
            List<SolrInputDocument> files = new ArrayList<>();
            pendingFiles.forEach((key, n) -> files.add(importedFileDocument(key, n)));
            try {
                if (!pendingRemovals.isEmpty()) { // before the adds: a removed id may come back in this batch
                    UpdateRequest u = new UpdateRequest();
                    pendingRemovals.forEach(u::deleteById);
                    retrying(() -> u.process(client, collection));
                }
                send(people);
                send(new ArrayList<>(pendingMessages.values()));
                // only once every message was accepted: a file's key is committed with them or not at all
                send(files);
                retrying(() -> client.commit(collection, true, true));
            } catch (SolrServerException | IOException | RuntimeException e) {
                throw failure("commit", e); //$NON-NLS-1$
            }
            for (SolrInputDocument d : pendingMessages.values()) {
                Set<String> ids = knownIds.get((String) d.getFieldValue(TeamSchema.CONVERSATION));
                if (ids != null) {
                    ids.add((String) d.getFieldValue(TeamSchema.ID));
                }
            }
            knownIds.values().forEach(ids -> ids.removeAll(pendingRemovals.keySet()));
            Map<String, Contact> putContacts = new HashMap<>(pendingContacts);
            Map<String, Conversation> putConversations = new HashMap<>(pendingConversations);
            pendingContacts.clear();
            pendingConversations.clear();
            pendingMessages.clear();
            pendingRemovals.clear();
            pendingFiles.clear();
            refreshPeople(putContacts, putConversations);
        }
    }

    /**
     * After a commit of this archive: what it put joins the contacts and conversations held here, and
     * the whole list is read again only when the collection holds another number of them (another
     * worker added or erased some meanwhile). Two counts read no stored field; the whole list reads the
     * stored fields of every contact and conversation, in blocks they share with messages (about 10
     * seconds of the nodes' time per commit at 100,000 messages). Not seen by the counts: another
     * worker renaming a contact, or adding one and erasing another between two commits of this archive;
     * they show at the next open.
     */
    private void refreshPeople(Map<String, Contact> putContacts, Map<String, Conversation> putConversations) {
        Map<String, Contact> cs = new HashMap<>(contacts);
        cs.putAll(putContacts);
        Map<String, Conversation> vs = new HashMap<>(conversations);
        vs.putAll(putConversations);
        if (count(termQuery(TeamSchema.TYPE, TeamSchema.TYPE_CONTACT)) != cs.size()
                || count(termQuery(TeamSchema.TYPE, TeamSchema.TYPE_CONVERSATION)) != vs.size()) {
            reloadPeople();
            return;
        }
        contacts = Map.copyOf(cs);
        conversations = Map.copyOf(vs);
    }

    /**
     * Threads sending the update requests of one commit at once ({@value #SENDERS}): the nodes parse,
     * route, index and replicate one request while the next is on its way, instead of waiting for a
     * single client thread. Created on the first commit that needs them, stopped by {@link #close()}.
     */
    private static final int SENDERS = Integer.getInteger("maraude.team.senders", 3); //$NON-NLS-1$
    private java.util.concurrent.ExecutorService senders;

    /**
     * Sends the documents in requests of {@value #BATCH}, several at once, and returns once every one
     * was accepted (each sent again on a dropped connection, as {@link #retrying} says: an add by id is
     * an upsert); the first failure is thrown after the others ended, so nothing is still in flight.
     */
    private void send(List<SolrInputDocument> docs) throws SolrServerException, IOException {
        if (docs.isEmpty()) {
            return;
        }
        List<Idempotent<?>> requests = new ArrayList<>();
        LeaderRoutes leaders = routes;
        Map<LeaderRoutes.Shard, List<SolrInputDocument>> parts = leaders == null
                ? java.util.Collections.singletonMap(null, docs)
                : leaders.split(docs);
        parts.forEach((shard, part) -> {
            for (int i = 0; i < part.size(); i += BATCH) {
                UpdateRequest u = new UpdateRequest();
                u.add(part.subList(i, Math.min(part.size(), i + BATCH)));
                requests.add(shard == null ? () -> u.process(client, collection) : () -> toLeader(leaders, shard, u));
            }
        });
        if (requests.size() == 1 || SENDERS <= 1) {
            for (Idempotent<?> u : requests) {
                retrying(u);
            }
            return;
        }
        if (senders == null) {
            java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
            senders = java.util.concurrent.Executors.newFixedThreadPool(SENDERS, r -> {
                Thread t = new Thread(r, "maraude-team-send-" + n.incrementAndGet()); //$NON-NLS-1$
                t.setDaemon(true);
                return t;
            });
        }
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        for (Idempotent<?> u : requests) {
            sent.add(senders.submit(() -> retrying(u)));
        }
        Throwable failed = null;
        boolean interrupted = false;
        for (java.util.concurrent.Future<?> f : sent) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (java.util.concurrent.ExecutionException e) {
                    failed = failed == null ? e.getCause() : failed;
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the requests in flight end first: never half a commit behind our back
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failed instanceof SolrServerException e) {
            throw e;
        } else if (failed instanceof IOException e) {
            throw e;
        } else if (failed instanceof RuntimeException e) {
            throw e;
        } else if (failed != null) {
            throw new SolrServerException(failed);
        }
    }

    /** Null when update batches go through the address's node only (see {@link #routeToLeaders}). */
    private volatile LeaderRoutes routes;

    /**
     * Update batches of {@link #commit()} go straight to their shard's leader ({@link LeaderRoutes}),
     * through clients that {@code clientFor} makes for a node's base URL (the archive's credentials and
     * trust); off with {@code -Dmaraude.team.leaders=false}.
     */
    void routeToLeaders(java.util.function.Function<String, SolrClient> clientFor) {
        if (Boolean.parseBoolean(System.getProperty("maraude.team.leaders", "true"))) { //$NON-NLS-1$ //$NON-NLS-2$
            routes = new LeaderRoutes(client, collection, clientFor);
        }
    }

    /** The routes of {@link #routeToLeaders}, or null. */
    LeaderRoutes leaderRoutes() {
        return routes;
    }

    /**
     * One batch to its shard's leader's core; if that fails in any way (a node down, a leader moved, a
     * certificate the leader's node does not share), the routes are read again before the next batch
     * and this one goes through the address's node, which forwards it as Solr does: the outcome is
     * that node's (an add by id sent twice is one upsert).
     */
    private Object toLeader(LeaderRoutes r, LeaderRoutes.Shard shard, UpdateRequest u) throws SolrServerException, IOException {
        try {
            return u.process(r.client(shard), shard.core());
        } catch (SolrServerException | IOException | RuntimeException e) {
            if (LeaderRoutes.refusedByTrust(e)) {
                r.disable(); // the leader's node has a certificate the archive does not trust: never again
            } else {
                r.stale();
            }
            return u.process(client, collection);
        }
    }

    // ---- documents (the fields of ArchiveSchema's documents) --------------------------------

    private static SolrInputDocument contactDocument(Contact c) {
        SolrInputDocument d = new SolrInputDocument();
        d.addField(TeamSchema.ID, c.id());
        d.addField(TeamSchema.ROUTE, c.id());
        d.addField(TeamSchema.TYPE, TeamSchema.TYPE_CONTACT);
        d.addField(TeamSchema.PLATFORM, c.platform().key());
        d.addField(TeamSchema.HANDLE, c.handle());
        d.addField(TeamSchema.NAME, c.displayName());
        return d;
    }

    private static SolrInputDocument conversationDocument(Conversation c) {
        SolrInputDocument d = new SolrInputDocument();
        d.addField(TeamSchema.ID, c.id());
        d.addField(TeamSchema.ROUTE, c.contactId());
        d.addField(TeamSchema.TYPE, TeamSchema.TYPE_CONVERSATION);
        d.addField(TeamSchema.PLATFORM, c.platform().key());
        d.addField(TeamSchema.CONTACT, c.contactId());
        d.addField(TeamSchema.TITLE, c.title());
        return d;
    }

    private static SolrInputDocument messageDocument(Message m, Conversation conv) {
        SolrInputDocument d = new SolrInputDocument();
        d.addField(TeamSchema.ID, m.id());
        d.addField(TeamSchema.ROUTE, conv.contactId());
        d.addField(TeamSchema.CONVERSATION, m.conversationId());
        d.addField(TeamSchema.CONTACT, conv.contactId());
        d.addField(TeamSchema.PLATFORM, conv.platform().key());
        d.addField(TeamSchema.DIRECTION, m.direction().key());
        if (m.workerId() != null && !m.workerId().isBlank()) {
            d.addField(TeamSchema.WORKER, m.workerId());
        }
        if (!m.author().isEmpty()) {
            d.addField(TeamSchema.AUTHOR, m.author());
            d.addField(TeamSchema.WHO, m.author());
        }
        ZonedDateTime when = m.instant();
        d.addField(TeamSchema.TIME, when.toInstant().toEpochMilli());
        d.addField(TeamSchema.WHEN, when.toString());
        d.addField(TeamSchema.MONTH, when.getYear() * 100L + when.getMonthValue());
        d.addField(TeamSchema.SEQ, seq(m.source()));
        d.addField(TeamSchema.TEXT, m.text());
        d.addField(TeamSchema.PREVIEW, ArchiveSchema.preview(m.text()));
        for (String p : PhoneNumbers.keysIn(m.text())) {
            d.addField(TeamSchema.PHONES, p);
        }
        for (Attachment a : m.attachments()) {
            d.addField(TeamSchema.ATTACHMENT, attachmentValue(a));
            d.addField(TeamSchema.ATTACHMENT_SHA, a.sha256());
        }
        SourceRef src = m.source();
        if (src != null) {
            d.addField(TeamSchema.SOURCE_FILE, src.file());
            if (src.file().startsWith(maraude.core.archive.PendingReplies.SOURCE)) {
                d.addField(TeamSchema.PENDING, "1"); //$NON-NLS-1$
            }
            d.addField(TeamSchema.SOURCE_LINE, src.line());
            d.addField(TeamSchema.SOURCE_OFFSET, src.offset());
        }
        return d;
    }

    /** As {@code ArchiveSchema.seq}: line, else byte offset, else 0. */
    private static long seq(SourceRef src) {
        if (src == null) {
            return 0;
        }
        return src.line() > 0 ? src.line() : Math.max(0, src.offset());
    }

    private static final String MESSAGE_FIELDS = String.join(",", TeamSchema.ID, TeamSchema.CONVERSATION, //$NON-NLS-1$
            TeamSchema.DIRECTION, TeamSchema.WORKER, TeamSchema.AUTHOR, TeamSchema.WHEN, TeamSchema.TEXT,
            TeamSchema.ATTACHMENT, TeamSchema.SOURCE_FILE, TeamSchema.SOURCE_LINE, TeamSchema.SOURCE_OFFSET);

    private static Message toMessage(SolrDocument d) {
        List<Attachment> atts = new ArrayList<>();
        Collection<Object> values = d.getFieldValues(TeamSchema.ATTACHMENT);
        if (values != null) {
            for (Object v : values) {
                atts.add(attachment(v.toString()));
            }
        }
        SourceRef src = null;
        Object file = d.getFirstValue(TeamSchema.SOURCE_FILE);
        if (file != null) {
            src = new SourceRef(file.toString(), ((Number) d.getFirstValue(TeamSchema.SOURCE_LINE)).longValue(),
                    ((Number) d.getFirstValue(TeamSchema.SOURCE_OFFSET)).longValue());
        }
        Object author = d.getFirstValue(TeamSchema.AUTHOR);
        Object worker = d.getFirstValue(TeamSchema.WORKER);
        return new Message(str(d, TeamSchema.ID), str(d, TeamSchema.CONVERSATION),
                Direction.fromKey(str(d, TeamSchema.DIRECTION)), ZonedDateTime.parse(str(d, TeamSchema.WHEN)),
                author == null ? "" : author.toString(), worker == null ? null : worker.toString(), //$NON-NLS-1$
                str(d, TeamSchema.TEXT), atts, src);
    }

    private static String str(SolrDocument d, String field) {
        Object v = d.getFirstValue(field);
        return v == null ? null : v.toString();
    }

    // ---- reading ----------------------------------------------------------------------------

    /** Contacts and conversations, held in memory as the local archive holds them (a few thousand). */
    private void reloadPeople() {
        Map<String, Contact> cs = new HashMap<>();
        forEach(termQuery(TeamSchema.TYPE, TeamSchema.TYPE_CONTACT),
                String.join(",", TeamSchema.ID, TeamSchema.PLATFORM, TeamSchema.HANDLE, TeamSchema.NAME), //$NON-NLS-1$
                d -> cs.put(str(d, TeamSchema.ID), new Contact(str(d, TeamSchema.ID),
                        Platform.fromKey(str(d, TeamSchema.PLATFORM)), str(d, TeamSchema.HANDLE), str(d, TeamSchema.NAME))));
        Map<String, Conversation> vs = new HashMap<>();
        forEach(termQuery(TeamSchema.TYPE, TeamSchema.TYPE_CONVERSATION),
                String.join(",", TeamSchema.ID, TeamSchema.PLATFORM, TeamSchema.CONTACT, TeamSchema.TITLE), //$NON-NLS-1$
                d -> vs.put(str(d, TeamSchema.ID), new Conversation(str(d, TeamSchema.ID),
                        Platform.fromKey(str(d, TeamSchema.PLATFORM)), str(d, TeamSchema.CONTACT), str(d, TeamSchema.TITLE))));
        contacts = Map.copyOf(cs);
        conversations = Map.copyOf(vs);
    }

    /** Reads every document matching {@code q} (cursor paging, by id). */
    private void forEach(String q, String fields, Consumer<SolrDocument> each) {
        String cursor = CursorMarkParams.CURSOR_MARK_START;
        try {
            while (true) {
                SolrQuery sq = new SolrQuery(q).setFields(fields).setRows(PAGE).setSort(TeamSchema.ID, SolrQuery.ORDER.asc);
                sq.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
                QueryResponse r = query(sq);
                r.getResults().forEach(each);
                String next = r.getNextCursorMark();
                if (next == null || next.equals(cursor)) {
                    return;
                }
                cursor = next;
            }
        } catch (SolrServerException | IOException | RuntimeException e) {
            throw failure("read", e); //$NON-NLS-1$
        }
    }

    /** A request that may be sent twice: reads, and updates by id (an upsert sent twice changes nothing more). */
    private interface Idempotent<T> {
        T send() throws SolrServerException, IOException;
    }

    /**
     * Sends again when the connection failed: after a node restarts, the HTTP client's pooled
     * connections to it are dead, and the first request on each fails before reaching the node.
     */
    private static <T> T retrying(Idempotent<T> request) throws SolrServerException, IOException {
        for (int attempt = 1;; attempt++) {
            try {
                return request.send();
            } catch (SolrServerException e) {
                if (!(e.getCause() instanceof IOException) || attempt == SENDS) {
                    throw e;
                }
            } catch (IOException e) {
                if (attempt == SENDS) {
                    throw e;
                }
            }
        }
    }

    /** A query of the team's other records (triage state), sent as searches are. */
    QueryResponse select(SolrQuery q) throws SolrServerException, IOException {
        ensureOpen();
        return query(q);
    }

    /** Every document matching {@code q} (cursor paging). */
    void forEachDocument(String q, String fields, Consumer<SolrDocument> each) {
        ensureOpen();
        forEach(q, fields, each);
    }

    /** An update of the team's other records (triage state): sent at once, outside {@link #commit()}. */
    org.apache.solr.client.solrj.response.UpdateResponse send(UpdateRequest u) throws SolrServerException, IOException {
        ensureWritable();
        return retrying(() -> u.process(client, collection));
    }

    /** Sends of one request at most: each failed one drops a dead pooled connection. */
    private static final int SENDS = 4;

    /** POST: the search text stays out of URLs, hence out of request logs. */
    private QueryResponse query(SolrQuery q) throws SolrServerException, IOException {
        return retrying(() -> client.query(collection, q, SolrRequest.METHOD.POST));
    }

    private static String termQuery(String field, String value) {
        return "{!term f=" + field + "}" + value; //$NON-NLS-1$ //$NON-NLS-2$
    }

    /** Messages are the documents with a {@code seq} value, as in the local archive. */
    private static final String MESSAGES = TeamSchema.SEQ + ":[* TO *]"; //$NON-NLS-1$

    private long count(String q) {
        try {
            return query(new SolrQuery(q).setRows(0)).getResults().getNumFound();
        } catch (SolrServerException | IOException | RuntimeException e) {
            throw failure("count", e); //$NON-NLS-1$
        }
    }

    @Override
    public ArchiveStats stats() {
        ensureOpen();
        return new ArchiveStats(contacts.size(), conversations.size(), count(MESSAGES),
                count(termQuery(TeamSchema.TYPE, TeamSchema.TYPE_ATTACHMENT)));
    }

    @Override
    public List<Contact> contacts() {
        ensureOpen();
        List<Contact> list = new ArrayList<>(contacts.values());
        list.sort(Comparator.comparing((Contact c) -> c.displayName().toLowerCase(Locale.ROOT)).thenComparing(Contact::id));
        return list;
    }

    @Override
    public Optional<Contact> contact(String contactId) {
        ensureOpen();
        return Optional.ofNullable(contacts.get(contactId));
    }

    @Override
    public List<Conversation> conversations() {
        ensureOpen();
        List<Conversation> list = new ArrayList<>(conversations.values());
        list.sort(Comparator.comparing(Conversation::id));
        return list;
    }

    @Override
    public Optional<Conversation> conversation(String conversationId) {
        ensureOpen();
        return Optional.ofNullable(conversations.get(conversationId));
    }

    @Override
    public List<Message> messages(String conversationId) {
        ensureOpen();
        List<Message> out = new ArrayList<>();
        // (time, seq) as the local archive (the cursor reads them by id), from the same documents: one
        // request per thread (the backlog reads each waiting thread once)
        Map<String, long[]> order = new HashMap<>();
        forEach(termQuery(TeamSchema.CONVERSATION, conversationId), MESSAGE_FIELDS + ',' + TeamSchema.TIME + ','
                + TeamSchema.SEQ, d -> {
                    Message m = toMessage(d);
                    out.add(m);
                    order.put(m.id(), new long[] { ((Number) d.getFirstValue(TeamSchema.TIME)).longValue(),
                            ((Number) d.getFirstValue(TeamSchema.SEQ)).longValue() });
                });
        out.sort(Comparator.comparingLong((Message m) -> order.get(m.id())[0]).thenComparingLong(m -> order.get(m.id())[1]));
        return out;
    }

    /**
     * Many threads per request (a terms filter on the conversation ids, read with the cursor as
     * {@link #messages(String)}, which it gives for each: the same documents, ids order then (time, seq)):
     * the first backlog after a change read each waiting thread with its own request.
     */
    @Override
    public Map<String, List<Message>> threads(Collection<String> conversationIds) {
        ensureOpen();
        Map<String, List<Message>> out = new LinkedHashMap<>();
        conversationIds.forEach(id -> out.putIfAbsent(id, new ArrayList<>()));
        Map<String, long[]> order = new HashMap<>();
        List<String> ids = new ArrayList<>(out.keySet());
        for (int i = 0; i < ids.size(); i += THREADS_PER_REQUEST) {
            List<String> part = ids.subList(i, Math.min(ids.size(), i + THREADS_PER_REQUEST));
            forEach("{!terms f=" + TeamSchema.CONVERSATION + "}" + String.join(",", part), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                    MESSAGE_FIELDS + ',' + TeamSchema.TIME + ',' + TeamSchema.SEQ, d -> {
                        List<Message> thread = out.get(str(d, TeamSchema.CONVERSATION));
                        if (thread != null) {
                            Message m = toMessage(d);
                            thread.add(m);
                            order.put(m.id(), new long[] { ((Number) d.getFirstValue(TeamSchema.TIME)).longValue(),
                                    ((Number) d.getFirstValue(TeamSchema.SEQ)).longValue() });
                        }
                    });
        }
        Comparator<Message> chrono = Comparator.comparingLong((Message m) -> order.get(m.id())[0])
                .thenComparingLong(m -> order.get(m.id())[1]);
        out.values().forEach(thread -> thread.sort(chrono));
        return out;
    }

    /** Conversations per request of {@link #threads}: a terms filter of a few tens of kilobytes. */
    private static final int THREADS_PER_REQUEST = 500;

    /**
     * One request to the collection's {@value TeamSchema#SUMMARIES_HANDLER} handler: each shard folds its
     * messages per conversation with the local archive's fold ({@link ConversationFold}) and sends one
     * line per conversation, so what crosses the network grows with the conversations, not the
     * messages; the summaries are then made as the local archive makes them.
     */
    @Override
    public List<ConversationSummary> summaries() {
        ensureOpen();
        SolrQuery q = new SolrQuery();
        q.setRequestHandler(TeamSchema.SUMMARIES_HANDLER);
        Map<String, ConversationFold> folds = new HashMap<>();
        try {
            Object lines = query(q).getResponse().get(TeamSchema.SUMMARIES);
            if (!(lines instanceof NamedList<?> list)) {
                throw new IllegalStateException("no " + TeamSchema.SUMMARIES + " in the answer"); //$NON-NLS-1$ //$NON-NLS-2$
            }
            for (Map.Entry<String, ?> e : list) {
                List<?> line = (List<?>) e.getValue();
                long[] figures = new long[line.size() - 1];
                for (int i = 0; i < figures.length; i++) {
                    figures[i] = ((Number) line.get(i)).longValue();
                }
                folds.put(e.getKey(), ConversationFold.of(figures, (String) line.get(figures.length)));
            }
        } catch (SolrServerException | IOException | RuntimeException e) {
            throw failure("summaries", e); //$NON-NLS-1$
        }
        return ConversationFold.summaries(folds, conversations.values(), contacts);
    }

    @Override
    public SearchResults search(SearchQuery query) {
        ensureOpen();
        Query textQuery;
        try {
            textQuery = queries.parse(query.text());
        } catch (ParseException e) {
            throw new ArchiveException(Kind.BAD_INPUT, NLS.bind(Messages.Team_badQuery, e.getMessage()), e);
        }
        SolrQuery q = new SolrQuery("{!maraude v=$text}"); //$NON-NLS-1$
        q.set("text", query.text()); //$NON-NLS-1$
        if (!query.platforms().isEmpty()) {
            q.addFilterQuery("{!terms f=" + TeamSchema.PLATFORM + "}" //$NON-NLS-1$ //$NON-NLS-2$
                    + String.join(",", query.platforms().stream().map(Platform::key).sorted().toList())); //$NON-NLS-1$
        }
        if (query.contactId() != null && !query.contactId().isBlank()) {
            q.addFilterQuery(termQuery(TeamSchema.CONTACT, query.contactId()));
        }
        if (query.direction() != null) {
            q.addFilterQuery(termQuery(TeamSchema.DIRECTION, query.direction().key()));
        }
        if (query.workerId() != null && !query.workerId().isBlank()) {
            q.addFilterQuery(termQuery(TeamSchema.WORKER, query.workerId()));
        }
        if (query.from() != null || query.to() != null) {
            q.addFilterQuery(TeamSchema.TIME + ":[" + (query.from() == null ? "*" : query.from().toEpochMilli()) //$NON-NLS-1$ //$NON-NLS-2$
                    + " TO " + (query.to() == null ? "*" : query.to().toEpochMilli()) + "]"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        }
        switch (query.sort()) {
        case RELEVANCE -> q.addSort("score", SolrQuery.ORDER.desc).addSort(TeamSchema.TIME, SolrQuery.ORDER.desc) //$NON-NLS-1$
                .addSort(TeamSchema.SEQ, SolrQuery.ORDER.desc);
        case NEWEST -> q.addSort(TeamSchema.TIME, SolrQuery.ORDER.desc).addSort(TeamSchema.SEQ, SolrQuery.ORDER.desc);
        case OLDEST -> q.addSort(TeamSchema.TIME, SolrQuery.ORDER.asc).addSort(TeamSchema.SEQ, SolrQuery.ORDER.asc);
        }
        q.setStart(query.offset()).setRows(query.limit());
        q.setFields(TeamSchema.ID, TeamSchema.CONVERSATION, TeamSchema.DIRECTION, TeamSchema.WHEN, TeamSchema.TEXT, "score"); //$NON-NLS-1$
        q.set("json.facet", "{platforms:{type:terms,field:" + TeamSchema.PLATFORM + ",limit:-1}," //$NON-NLS-1$ //$NON-NLS-2$
                + "months:{type:terms,field:" + TeamSchema.MONTH + ",limit:-1}}"); //$NON-NLS-1$ //$NON-NLS-2$
        QueryResponse r;
        try {
            r = query(q);
        } catch (SolrServerException | IOException | RuntimeException e) {
            throw failure("search", e); //$NON-NLS-1$
        }
        SolrDocumentList docs = r.getResults();
        TeamQueries.Highlights snippets = queries.highlights(textQuery);
        List<SearchHit> hits = new ArrayList<>(docs.size());
        Map<String, Conversation> convs = conversations;
        try {
            for (SolrDocument d : docs) {
                Conversation conv = convs.get(str(d, TeamSchema.CONVERSATION));
                Contact contact = conv == null ? null : contacts.get(conv.contactId());
                Object score = d.getFirstValue("score"); //$NON-NLS-1$
                hits.add(new SearchHit(str(d, TeamSchema.ID), str(d, TeamSchema.CONVERSATION),
                        conv == null ? null : conv.platform(), conv == null ? null : conv.contactId(),
                        contact == null ? null : contact.displayName(), Direction.fromKey(str(d, TeamSchema.DIRECTION)),
                        ZonedDateTime.parse(str(d, TeamSchema.WHEN)), snippets.snippet(str(d, TeamSchema.TEXT)),
                        score instanceof Number n ? n.floatValue() : 0f, snippets.matches(str(d, TeamSchema.TEXT))));
            }
        } catch (IOException e) {
            throw failure("snippets", e); //$NON-NLS-1$
        }
        Map<String, Long> byPlatform = new HashMap<>();
        Map<Long, Long> months = new TreeMap<>();
        facet(r, "platforms", (k, v) -> byPlatform.put(k.toString(), v)); //$NON-NLS-1$
        facet(r, "months", (k, v) -> months.put(((Number) k).longValue(), v)); //$NON-NLS-1$
        Map<String, Long> byMonth = new LinkedHashMap<>();
        months.forEach((k, v) -> byMonth.put(String.format(Locale.ROOT, "%04d-%02d", k / 100, k % 100), v)); //$NON-NLS-1$
        return new SearchResults(docs.getNumFound(), hits, byPlatform, byMonth);
    }

    @SuppressWarnings("unchecked")
    private static void facet(QueryResponse r, String name, java.util.function.BiConsumer<Object, Long> each) {
        NamedList<Object> facets = (NamedList<Object>) r.getResponse().get("facets"); //$NON-NLS-1$
        if (facets == null || facets.get(name) == null) {
            return;
        }
        List<NamedList<Object>> buckets = (List<NamedList<Object>>) ((NamedList<Object>) facets.get(name)).get("buckets"); //$NON-NLS-1$
        for (NamedList<Object> b : buckets) {
            each.accept(b.get("val"), ((Number) b.get("count")).longValue()); //$NON-NLS-1$ //$NON-NLS-2$
        }
    }

    // ---- erasure ------------------------------------------------------------------------------

    /**
     * The right to be forgotten on the servers: the contact, its conversations, their messages, the
     * team's triage records about them and the attachments no other message refers to are deleted,
     * then the merge is forced ({@link #expunge()}) so that their bytes leave the index files of every
     * replica. Pending changes are committed first.
     */
    @Override
    public maraude.archive.maintenance.Retention.Result forgetContact(String contactId) {
        synchronized (writeLock) {
            ensureWritable();
            commit();
            List<String> convs = conversations.values().stream().filter(c -> c.contactId().equals(contactId))
                    .map(Conversation::id).toList();
            boolean known = contacts.containsKey(contactId);
            // every document of the contact is routed by its id: contact, conversations, messages, triage records
            String routed = termQuery(TeamSchema.ROUTE, contactId);
            List<String> of = new ArrayList<>(convs);
            of.add(contactId);
            return erase(routed, List.of(routed), of, convs.size(), known ? 1 : 0,
                    maraude.archive.maintenance.AuditTrail.Event.ERASURE);
        }
    }

    /**
     * Retention on the servers: every message older than {@code cutoff}, then the conversations and
     * contacts left without messages (and the team's records about them), the attachments no message
     * refers to any more; the merge is forced as for {@link #forgetContact}.
     */
    @Override
    public maraude.archive.maintenance.Retention.Result purgeOlderThan(Instant cutoff) {
        return purge(TeamSchema.TIME + ":[* TO " + (cutoff.toEpochMilli() - 1) + "]", p -> cutoff.toEpochMilli()); //$NON-NLS-1$ //$NON-NLS-2$
    }

    /** A retention policy's purge (#18): each platform's messages older than its cutoff; the others kept. */
    @Override
    public maraude.archive.maintenance.Retention.Result purgeOlderThan(Map<Platform, Instant> cutoffs) {
        if (cutoffs.isEmpty()) {
            return maraude.archive.maintenance.Retention.Result.NOTHING;
        }
        List<String> old = new ArrayList<>();
        cutoffs.forEach((p, c) -> old.add("(" + termQuery(TeamSchema.PLATFORM, p.key()) + " AND " + TeamSchema.TIME //$NON-NLS-1$ //$NON-NLS-2$
                + ":[* TO " + (c.toEpochMilli() - 1) + "])")); //$NON-NLS-1$ //$NON-NLS-2$
        Map<String, Long> byKey = new HashMap<>();
        cutoffs.forEach((p, c) -> byKey.put(p.key(), c.toEpochMilli()));
        return purge("(" + String.join(" OR ", old) + ")", p -> byKey.getOrDefault(p, Long.MIN_VALUE)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    }

    /** Messages matching {@code old} (each older than its platform's {@code cutoffOf}) and what is left without any. */
    private maraude.archive.maintenance.Retention.Result purge(String old, java.util.function.ToLongFunction<String> cutoffOf) {
        synchronized (writeLock) {
            ensureWritable();
            commit();
            // conversations whose every message is old go whole, and contacts whose every conversation goes
            Map<String, long[]> perConversation = new HashMap<>();
            forEach(MESSAGES, TeamSchema.ID + ',' + TeamSchema.CONVERSATION + ',' + TeamSchema.TIME + ',' + TeamSchema.PLATFORM, d -> {
                long[] c = perConversation.computeIfAbsent(str(d, TeamSchema.CONVERSATION), k -> new long[2]);
                c[0]++;
                if (((Number) d.getFirstValue(TeamSchema.TIME)).longValue() < cutoffOf.applyAsLong(str(d, TeamSchema.PLATFORM))) {
                    c[1]++;
                }
            });
            List<String> goneConvs = new ArrayList<>();
            for (Conversation c : conversations.values()) {
                long[] n = perConversation.get(c.id());
                if (n != null && n[0] == n[1]) {
                    goneConvs.add(c.id());
                }
            }
            Set<String> goneContacts = new HashSet<>(contacts.keySet());
            for (Conversation c : conversations.values()) {
                if (!goneConvs.contains(c.id())) {
                    goneContacts.remove(c.contactId());
                }
            }
            List<String> of = new ArrayList<>(goneConvs);
            of.addAll(goneContacts);
            StringBuilder whole = new StringBuilder();
            for (String id : of) {
                whole.append(whole.length() == 0 ? "" : ",").append(id); //$NON-NLS-1$ //$NON-NLS-2$
            }
            String messages = MESSAGES + " AND " + old; //$NON-NLS-1$
            List<String> deletes = new ArrayList<>(List.of(messages));
            if (!of.isEmpty()) {
                deletes.add("{!terms f=" + TeamSchema.ID + "}" + whole); //$NON-NLS-1$ //$NON-NLS-2$
            }
            return erase(messages, deletes, of, goneConvs.size(), goneContacts.size(),
                    maraude.archive.maintenance.AuditTrail.Event.PURGE);
        }
    }

    /**
     * Deletes what {@code deleteQueries} match and the triage records about {@code triageOf}, then the
     * attachments of the messages {@code readQuery} finds that no message refers to any more; expunges.
     */
    private maraude.archive.maintenance.Retention.Result erase(String readQuery, List<String> deleteQueries,
            List<String> triageOf, long conversationsGone, long contactsGone,
            maraude.archive.maintenance.AuditTrail.Event audit) {
        Set<String> ids = new HashSet<>();
        Set<String> shas = new HashSet<>();
        forEach(readQuery, TeamSchema.ID + ',' + TeamSchema.ATTACHMENT + ',' + TeamSchema.SEQ, d -> {
            if (d.getFirstValue(TeamSchema.SEQ) == null) {
                return; // not a message
            }
            ids.add(str(d, TeamSchema.ID));
            Collection<Object> atts = d.getFieldValues(TeamSchema.ATTACHMENT);
            if (atts != null) {
                atts.forEach(a -> shas.add(attachment(a.toString()).sha256()));
            }
        });
        try {
            UpdateRequest u = new UpdateRequest();
            deleteQueries.forEach(u::deleteByQuery);
            // as the local archive: every file is read again after an erasure (what went may come back)
            u.deleteByQuery(termQuery(TeamSchema.TYPE, TeamSchema.TYPE_IMPORTED_FILE));
            if (!triageOf.isEmpty()) {
                u.deleteByQuery("{!terms f=" + TeamSchema.TRIAGE_OF + "}" + String.join(",", triageOf)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            }
            retrying(() -> u.process(client, collection));
            // the side files kept on the servers (readings: words of the people) are emptied whole
            ((TeamSideFiles) files()).emptyAll();
            retrying(() -> client.commit(collection, true, true));
            long attachmentsGone = 0;
            UpdateRequest a = new UpdateRequest();
            for (String sha : shas) {
                if (count(termQuery(TeamSchema.ATTACHMENT_SHA, sha)) == 0) {
                    a.deleteById(TeamSchema.ATTACHMENT_ID_PREFIX + sha, sha);
                    attachmentsGone++;
                }
            }
            if (attachmentsGone > 0) {
                retrying(() -> a.process(client, collection));
            }
            expunge();
            knownIds.clear();
            reloadPeople();
            maraude.archive.maintenance.Retention.Result r = new maraude.archive.maintenance.Retention.Result(ids.size(),
                    conversationsGone, contactsGone, attachmentsGone);
            // counts only, in the team's audit trail on the servers (this machine's folder if they refuse it)
            audit().recordQuietly(audit.name().toLowerCase(Locale.ROOT), r.counts());
            return r;
        } catch (SolrServerException | IOException | RuntimeException e) {
            throw failure("erase", e); //$NON-NLS-1$
        }
    }

    /**
     * A commit that rewrites every segment holding deleted documents ({@code expungeDeletes}; the
     * configset's merge policy allows no deleted share at all), on every replica: the erased bytes
     * leave the index files, not only the searches.
     */
    private void expunge() throws SolrServerException, IOException {
        UpdateRequest u = new UpdateRequest();
        u.setAction(org.apache.solr.client.solrj.request.AbstractUpdateRequest.ACTION.COMMIT, true, true);
        u.setParam("expungeDeletes", "true"); //$NON-NLS-1$ //$NON-NLS-2$
        retrying(() -> u.process(client, collection));
    }

    // ---- life cycle -------------------------------------------------------------------------

    private void ensureOpen() {
        if (closed) {
            throw new ArchiveException(Kind.IO, Messages.Team_closed);
        }
    }

    private void ensureWritable() {
        ensureOpen();
        if (mode != AccessMode.READ_WRITE) {
            throw new ArchiveException(Kind.NOT_WRITABLE, Messages.Team_readOnly);
        }
    }

    /** Never the server's message text: only what failed and the exception's class and status. */
    private ArchiveException failure(String what, Exception e) {
        return new ArchiveException(Kind.IO, NLS.bind(Messages.Team_failed, new Object[] { collection, what,
                e.getClass().getSimpleName() }), e);
    }

    private TeamSideFiles sideFiles;

    /**
     * This machine's folder for the side files, except the readings of the waiting threads, which are
     * kept in the collection ({@link TeamSideFiles}).
     */
    @Override
    public synchronized maraude.core.archive.ArchiveFiles files() {
        if (sideFiles == null) {
            sideFiles = new TeamSideFiles(this, new maraude.core.archive.PlainArchiveFiles(location));
        }
        return sideFiles;
    }

    /** The team's triage state in this collection ({@link TeamTriageStates}), read on first use. */
    @Override
    public synchronized TeamTriageStates triageStates() {
        if (triageStates == null) {
            triageStates = TeamTriageStates.of(this);
        }
        return triageStates;
    }

    // ---- audit trail and attachment presence (#18: audit on the servers, team push/pull) ---------

    /** The authenticated team user, recorded as the acting user of audit entries (set by {@link TeamArchives}). */
    private volatile String actingUser;
    /** Null until {@link #audit()} is first asked. */
    private TeamAudit audit;

    /** The team user this archive's client authenticates as: the acting user of its audit entries. */
    void actingUser(String user) {
        this.actingUser = user;
    }

    /** The team's audit trail on the servers ({@link TeamAudit}, companion collection {@code COLLECTION_audit}). */
    @Override
    public synchronized TeamAudit audit() {
        ensureOpen();
        if (audit == null) {
            audit = new TeamAudit(client, collection, actingUser, location);
        }
        return audit;
    }

    /** The team's retention policy on the servers ({@link TeamRetention}, companion collection {@code COLLECTION_policy}). */
    @Override
    public Map<String, String> retentionSettings() {
        ensureOpen();
        return new TeamRetention(client, collection, actingUser).settings();
    }

    /** Sets the team's retention policy (the lead or the admin) and records it in the team's audit trail. */
    @Override
    public void setRetentionSettings(Map<String, String> settings) {
        ensureOpen();
        int platforms = new TeamRetention(client, collection, actingUser).write(settings);
        audit().recordQuietly("retention", Map.of("platforms", (long) platforms)); //$NON-NLS-1$ //$NON-NLS-2$
    }

    /** Without reading the bytes: a real-time get of the attachment document's id. */
    @Override
    public boolean hasAttachment(String sha256) throws IOException {
        ensureOpen();
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) { //$NON-NLS-1$
            return false;
        }
        try {
            return realTimeGet(TeamSchema.ATTACHMENT_ID_PREFIX + sha256, sha256, TeamSchema.ID) != null;
        } catch (SolrServerException | RuntimeException e) {
            throw failure("attachment", e); //$NON-NLS-1$
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (this) {
            if (triageStates != null) {
                triageStates.close();
            }
        }
        synchronized (writeLock) {
            pendingContacts.clear();
            pendingConversations.clear();
            pendingMessages.clear();
            pendingRemovals.clear();
            pendingFiles.clear();
            if (senders != null) {
                senders.shutdown();
            }
            if (routes != null) {
                routes.close();
            }
        }
        if (ownsClient) { // never waits for, nor fails on, a request to the address's node that went down mid-way
            SolrClientCloser.closeInBackground(List.of(client), "maraude-team-close"); //$NON-NLS-1$
        }
    }
}
