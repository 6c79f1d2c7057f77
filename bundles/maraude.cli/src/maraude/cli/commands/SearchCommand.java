package maraude.cli.commands;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import maraude.cli.CliCommand;
import maraude.cli.CliException;
import maraude.cli.CliInvocation;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.SearchHit;
import maraude.core.archive.SearchQuery;
import maraude.core.archive.SearchResults;
import maraude.core.model.Direction;
import maraude.core.model.Platform;

/** {@code search QUERY}: past exchanges, with filters; read-only, works while the workbench is open. */
@Component(service = CliCommand.class)
public class SearchCommand implements CliCommand {

    @Override
    public String name() {
        return "search"; //$NON-NLS-1$
    }

    @Override
    public String summary() {
        return "search past exchanges (words, \"phrases\", prefix*, AND/OR/NOT, filters)"; //$NON-NLS-1$
    }

    @Override
    public String usage() {
        return "maraude [--archive DIR] search QUERY [--platform P]... [--contact CONTACT_ID] [--direction inbound|outbound]\n" //$NON-NLS-1$
                + "        [--worker W] [--from DAY] [--to DAY] [--sort relevance|newest|oldest] [--limit N] [--json]"; //$NON-NLS-1$
    }

    @Override
    public int run(CliInvocation inv) throws Exception {
        List<String> platformKeys = inv.options("--platform"); //$NON-NLS-1$
        String contact = inv.option("--contact").orElse(null); //$NON-NLS-1$
        String worker = inv.option("--worker").orElse(null); //$NON-NLS-1$
        String direction = inv.option("--direction").orElse(null); //$NON-NLS-1$
        String from = inv.option("--from").orElse(null); //$NON-NLS-1$
        String to = inv.option("--to").orElse(null); //$NON-NLS-1$
        String sort = inv.option("--sort").orElse("relevance"); //$NON-NLS-1$ //$NON-NLS-2$
        int limit = Limits.positive(inv.option("--limit").orElse("20"), "--limit", 10_000); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        List<String> words = inv.remaining();
        if (words.isEmpty()) {
            throw CliException.usage("search needs a QUERY"); //$NON-NLS-1$
        }
        for (String w : words) {
            if (w.startsWith("--")) { //$NON-NLS-1$
                throw CliException.usage("unknown option: " + w); //$NON-NLS-1$
            }
        }
        Set<Platform> platforms = new java.util.HashSet<>();
        for (String p : platformKeys) {
            try {
                platforms.add(Platform.fromKey(p));
            } catch (IllegalArgumentException e) {
                throw CliException.usage("unknown platform: " + p); //$NON-NLS-1$
            }
        }
        Direction dir = null;
        if (direction != null) {
            try {
                dir = Direction.fromKey(direction);
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--direction expects inbound or outbound"); //$NON-NLS-1$
            }
        }
        SearchQuery.Sort order;
        try {
            order = SearchQuery.Sort.valueOf(sort.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--sort expects relevance, newest or oldest"); //$NON-NLS-1$
        }
        Instant fromInstant = from == null ? null : Dates.from(from, "--from"); //$NON-NLS-1$
        Instant toInstant = to == null ? null : Dates.to(to, "--to"); //$NON-NLS-1$
        SearchQuery query = new SearchQuery(String.join(" ", words), platforms, contact, dir, worker, fromInstant, //$NON-NLS-1$
                toInstant, order, 0, limit);

        SearchResults results;
        long started = System.nanoTime();
        try (Archive archive = inv.openArchive(AccessMode.READ_ONLY)) {
            results = archive.search(query);
        }
        double tookMs = (System.nanoTime() - started) / 1e6;
        if (inv.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("query", query.text()); //$NON-NLS-1$
            doc.put("total", results.totalHits()); //$NON-NLS-1$
            List<Map<String, Object>> hits = new ArrayList<>();
            for (SearchHit h : results.hits()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("message_id", h.messageId()); //$NON-NLS-1$
                m.put("conversation_id", h.conversationId()); //$NON-NLS-1$
                m.put("platform", h.platform().key()); //$NON-NLS-1$
                m.put("contact_id", h.contactId()); //$NON-NLS-1$
                m.put("contact", h.contactName()); //$NON-NLS-1$
                m.put("direction", h.direction().key()); //$NON-NLS-1$
                m.put("instant", h.instant().toOffsetDateTime().toString()); //$NON-NLS-1$
                m.put("snippet", h.snippet()); //$NON-NLS-1$
                m.put("score", h.score()); //$NON-NLS-1$
                hits.add(m);
            }
            doc.put("hits", hits); //$NON-NLS-1$
            doc.put("facets", Map.of("platform", results.byPlatform(), "month", results.byMonth())); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            doc.put("took_ms", Math.round(tookMs * 10) / 10.0); //$NON-NLS-1$
            inv.printJson(doc);
        } else {
            inv.out().println(results.totalHits() + " hit(s)"); //$NON-NLS-1$
            for (SearchHit h : results.hits()) {
                inv.out().println(h.instant().toLocalDate() + "  " + h.platform().key() + "  " + h.contactName() + "  " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                        + h.conversationId() + "\n    " + h.snippet().replaceAll("\\s+", " ")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            }
        }
        return 0;
    }

    @Override
    public boolean worksOnTeamArchive() {
        return true;
    }
}
