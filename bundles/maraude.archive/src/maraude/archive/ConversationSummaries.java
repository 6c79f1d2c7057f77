package maraude.archive;

import java.util.List;
import java.util.Map;

import org.apache.lucene.index.IndexReader;

import maraude.core.archive.ConversationSummary;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;

/**
 * One {@link ConversationSummary} per conversation of the last commit (the queue, the dashboard and
 * the register read them), from doc values only ({@link ConversationFold}, the fold the team archive's
 * shards run too), computed once per commit.
 */
final class ConversationSummaries {

    private final Readers readers;

    ConversationSummaries(Readers readers) {
        this.readers = readers;
    }

    List<ConversationSummary> summaries(Map<String, Conversation> convs, Map<String, Contact> cons) {
        Map<String, ConversationFold> folds = readers.with(s -> {
            // The per-conversation figures only change with a new commit: the queue, the dashboard
            // and the register all ask after each import, so compute them once per reader.
            SummaryCache cached = summaryCache;
            if (cached != null && cached.reader() == s.getIndexReader()) {
                return cached.folds();
            }
            Map<String, ConversationFold> map = ConversationFold.fold(s.getIndexReader(), ConversationFold.LOCAL);
            summaryCache = new SummaryCache(s.getIndexReader(), map);
            return map;
        }, Map.<String, ConversationFold>of());
        return ConversationFold.summaries(folds, convs.values(), cons);
    }

    /** Figures of the last summaries() call and the reader they were read from (never mutated after). */
    private record SummaryCache(IndexReader reader, Map<String, ConversationFold> folds) {
    }

    private volatile SummaryCache summaryCache;
}
