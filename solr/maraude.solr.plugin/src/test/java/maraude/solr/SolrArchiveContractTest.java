package maraude.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.core.archive.Archive;
import maraude.core.archive.ImportedFiles;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;
import maraude.core.model.SourceRef;
import maraude.solr.client.SolrArchive;

/**
 * The contract on the team archive: one SolrCloud node, one collection emptied before each test (2 shards, routed
 * by contact), through the JDK HTTP client. Then what only the team archive's import does: ids read in batches of
 * conversations, several update requests per commit, another client's writes.
 */
class SolrArchiveContractTest extends ArchiveContractTest {

    @TempDir
    static Path dir;
    private static TeamCluster cluster;
    private static final String COLLECTION = "contract"; //$NON-NLS-1$
    private static boolean created;

    @BeforeAll
    static void start() throws Exception {
        cluster = TeamCluster.start(dir, 1);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    protected Archive open(Path local) throws Exception {
        if (!created) {
            cluster.createCollection(COLLECTION, 2, 1);
            created = true;
        } else {
            cluster.cluster().getSolrClient().deleteByQuery(COLLECTION, "*:*"); //$NON-NLS-1$
            cluster.cluster().getSolrClient().commit(COLLECTION);
        }
        return cluster.open(COLLECTION, 0, local);
    }

    @Override
    protected Archive reopen() {
        return cluster.open(COLLECTION, 0, local);
    }

    /** Another worker's client on the same collection (its own HTTP client and side folder). */
    private SolrArchive other() throws Exception {
        return cluster.open(COLLECTION, 0, Files.createTempDirectory(local, "other")); //$NON-NLS-1$
    }

    private static Conversation thread(int i) {
        return Conversation.of(Platform.SMS, "fil-" + i, contactOf(i), "Fil " + i); //$NON-NLS-1$ //$NON-NLS-2$
    }

    private static Contact contactOf(int i) {
        return Contact.of(Platform.SMS, "0470 20 " + (1000 + i), "Personne " + i); //$NON-NLS-1$ //$NON-NLS-2$
    }

    private static Message line(Conversation v, int n) {
        return Message.of(v.id(), n % 2 == 0 ? Direction.INBOUND : Direction.OUTBOUND, T0.plusMinutes(n), "", //$NON-NLS-1$
                n % 2 == 0 ? null : "w1", "ligne " + n + " du fil", List.of(), SourceRef.ofLine(v.id() + ".txt", n + 1)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
    }

    /** Puts contact and conversation, then its messages, as an import does; the messages taken as new. */
    private static int importThread(Archive a, int i, int from, int to) {
        Conversation v = thread(i);
        a.putContact(contactOf(i));
        a.putConversation(v);
        int added = 0;
        for (int n = from; n < to; n++) {
            added += a.addMessage(line(v, n)) ? 1 : 0;
        }
        return added;
    }

    /**
     * A re-import through a new client, in another order than the first, over more conversations than one
     * read of ids covers ({@link SolrArchive}'s batches of 64): nothing is new, a new line is.
     */
    @Test
    void aReimportThroughANewClientAddsNothingOverSeveralBatchesOfIds() throws Exception {
        int threads = 150;
        for (int i = 0; i < threads; i++) {
            assertEquals(3, importThread(archive, i, 0, 3));
        }
        archive.commit();
        assertEquals(threads * 3L, archive.stats().messages());
        try (SolrArchive again = other()) {
            int added = 0;
            for (int i = threads - 1; i >= 0; i--) {
                added += importThread(again, i, 0, 3);
            }
            assertEquals(0, added, "a re-import adds nothing"); //$NON-NLS-1$
            assertEquals(1, importThread(again, 77, 0, 4), "only the new line"); //$NON-NLS-1$
            again.commit();
            assertEquals(threads * 3L + 1, again.stats().messages());
        }
    }

    /** More messages than one update request takes: sent at once, each arrives once, with the file's key. */
    @Test
    void aCommitOfSeveralRequestsBringsEveryMessageOnceWithItsFile() {
        int lines = 2_600;
        assertEquals(lines, importThread(archive, 1, 0, lines));
        String key = "abcdef0123456789".repeat(4); //$NON-NLS-1$
        ((ImportedFiles) archive).markImported(key, lines);
        archive.commit();
        assertEquals(lines, archive.stats().messages());
        assertEquals(lines, ((ImportedFiles) archive).importedMessages(key));
        assertEquals(lines, archive.messages(thread(1).id()).size());
        assertEquals(0, importThread(archive, 1, 0, lines), "then known, in the same session"); //$NON-NLS-1$
    }

    /**
     * Two workers bring the same new conversation: the second one had read the conversations before the
     * first committed, so it takes its lines as new (its count says so: the window stated in SolrArchive)
     * and writes them again; the ids being the same, each line is stored once. Then, committed, another
     * worker's conversations show in this client's list.
     */
    @Test
    void theSameNewConversationFromTwoWorkersIsStoredOnce() throws Exception {
        try (SolrArchive b = other()) {
            assertEquals(5, importThread(archive, 3, 0, 5));
            archive.commit();
            assertEquals(7, importThread(b, 3, 0, 7), "read before the other's commit: all taken as new"); //$NON-NLS-1$
            b.commit();
            assertEquals(7, b.stats().messages());
            assertEquals(7, b.messages(thread(3).id()).size());
            List<String> ids = new ArrayList<>(b.messages(thread(3).id()).stream().map(Message::id).toList());
            assertEquals(7, ids.stream().distinct().count());
            // b's new conversation reaches the first client's list with the first client's next commit
            assertEquals(2, importThread(b, 4, 0, 2));
            b.commit();
            assertFalse(archive.conversation(thread(4).id()).isPresent());
            assertEquals(1, importThread(archive, 5, 0, 1));
            archive.commit();
            assertTrue(archive.conversation(thread(4).id()).isPresent(), "read again: another worker added one"); //$NON-NLS-1$
            assertTrue(archive.contact(contactOf(4).id()).isPresent());
            assertEquals(0, importThread(archive, 4, 0, 2), "its lines known, read in a batch"); //$NON-NLS-1$
        }
    }
}
