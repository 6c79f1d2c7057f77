package maraude.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Who "us" is, remembered per source (importer id: "whatsapp", "sms-backup"…) in
 * {@code <archive>/import-us.json}, so that the next import of the same kind of export needs no
 * option. Holds only the service's own names, numbers and addresses.
 */
public final class UsMemory {

    public static final String FILE_NAME = "import-us.json"; //$NON-NLS-1$

    private final Path file;
    private final Map<String, Set<String>> bySource = new TreeMap<>();

    private UsMemory(Path file) {
        this.file = file;
    }

    /** Loads the memory of an archive folder; a missing or damaged file gives an empty memory. */
    public static UsMemory load(Path archiveFolder) {
        UsMemory m = new UsMemory(archiveFolder.resolve(FILE_NAME));
        if (Files.isRegularFile(m.file)) {
            try {
                Map<String, Set<String>> read = new ObjectMapper().readValue(m.file.toFile(),
                        new TypeReference<Map<String, Set<String>>>() {
                        });
                read.forEach((k, v) -> m.bySource.put(k, new LinkedHashSet<>(v)));
            } catch (IOException | RuntimeException e) {
                // A damaged memory only means asking again.
            }
        }
        return m;
    }

    public Set<String> get(String source) {
        return Set.copyOf(bySource.getOrDefault(source, Set.of()));
    }

    public void put(String source, Set<String> us) {
        bySource.put(source, new LinkedHashSet<>(us));
    }

    public void save() throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp"); //$NON-NLS-1$
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), bySource);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
