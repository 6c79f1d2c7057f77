package maraude.solr.client;

import java.io.IOException;
import java.util.List;

import org.apache.solr.client.solrj.SolrClient;

/**
 * Closes the team archive's SolrJ clients without making the archive's close wait or fail for them:
 * a client's close waits for the requests in flight (up to a minute, then throws) and a request to a
 * node that went away mid-way may wait that long. Nothing of the archive is held by a client being
 * closed, so the clients are closed on a daemon thread and their errors dropped.
 */
final class SolrClientCloser {

    private SolrClientCloser() {
    }

    /** Starts closing {@code clients} in the background on a daemon thread named {@code threadName}; returns at once. */
    static Thread closeInBackground(List<? extends SolrClient> clients, String threadName) {
        Thread closer = new Thread(() -> {
            for (SolrClient c : clients) {
                try {
                    c.close();
                } catch (IOException | RuntimeException e) {
                    // a pool still waiting on a node that went away: nothing of ours is held any more
                }
            }
        }, threadName);
        closer.setDaemon(true);
        closer.start();
        return closer;
    }
}
