package maraude.core.archive;

import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The layout of {@code <archive>/}{@value #FILE_NAME}: who "us" is per source (importer id to the
 * service's own names, numbers and addresses), remembered by the imports so that the next import of
 * the same kind needs no option. Here so that the archive's erasure can reach it: a person's name or
 * number given by mistake as "us" goes when that person is forgotten.
 */
public final class RememberedIdentities {

    public static final String FILE_NAME = "import-us.json"; //$NON-NLS-1$

    private RememberedIdentities() {
    }

    /**
     * Removes every remembered identity that is one of {@code identifiers} (compared folded; numbers
     * by their last 9 digits), rewriting the file only when something goes.
     *
     * @return how many identities were removed
     */
    public static int forget(ArchiveFiles files, Collection<String> identifiers) throws IOException {
        if (identifiers.isEmpty() || !files.exists(FILE_NAME)) {
            return 0;
        }
        ObjectMapper json = new ObjectMapper();
        Map<String, Set<String>> bySource = new TreeMap<>();
        try {
            JsonNode root = json.readTree(files.readAllBytes(FILE_NAME));
            if (root == null || !root.isObject()) {
                throw new IOException("not an object"); //$NON-NLS-1$
            }
            for (var it = root.fields(); it.hasNext();) {
                var f = it.next();
                Set<String> values = new LinkedHashSet<>();
                f.getValue().forEach(v -> values.add(v.asText()));
                bySource.put(f.getKey(), values);
            }
        } catch (IOException | RuntimeException damaged) {
            // unreadable: it cannot be shown not to hold the person; the imports ask again
            files.delete(FILE_NAME);
            return 1;
        }
        Set<String> words = new LinkedHashSet<>();
        Set<String> numbers = new LinkedHashSet<>();
        for (String id : identifiers) {
            add(id, words, numbers);
        }
        int removed = 0;
        for (Map.Entry<String, Set<String>> e : bySource.entrySet()) {
            Set<String> kept = new LinkedHashSet<>();
            for (String us : e.getValue()) {
                Set<String> w = new LinkedHashSet<>();
                Set<String> n = new LinkedHashSet<>();
                add(us, w, n);
                boolean same = w.stream().anyMatch(words::contains) || n.stream().anyMatch(numbers::contains);
                if (same) {
                    removed++;
                } else {
                    kept.add(us);
                }
            }
            e.setValue(kept);
        }
        if (removed > 0) {
            files.writeAllBytes(FILE_NAME, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(bySource));
        }
        return removed;
    }

    private static void add(String id, Set<String> words, Set<String> numbers) {
        if (id == null) {
            return;
        }
        String w = QuarantineFiles.fold(id);
        if (!w.isEmpty()) {
            words.add(w);
        }
        String digits = id.replaceAll("[^0-9]", ""); //$NON-NLS-1$ //$NON-NLS-2$
        if (digits.length() >= 6) {
            numbers.add(digits.substring(Math.max(0, digits.length() - 9)));
        }
    }
}
