package maraude.imports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import maraude.core.archive.ArchiveFiles;
import maraude.core.archive.PlainArchiveFiles;

/**
 * Who "us" is, remembered per source (importer id: "whatsapp", "sms-backup"…) in
 * {@code <archive>/import-us.json}, so that the next import of the same kind of export needs no
 * option. Holds only the service's own names, numbers and addresses; encrypted with the other side
 * files on a protected archive, and a person's name or number found here goes when the person is
 * forgotten ({@link maraude.core.archive.RememberedIdentities#forget}).
 */
public final class UsMemory {

    public static final String FILE_NAME = maraude.core.archive.RememberedIdentities.FILE_NAME;

    private final ArchiveFiles files;
    private final Map<String, Set<String>> bySource = new TreeMap<>();

    private UsMemory(ArchiveFiles files) {
        this.files = files;
    }

    /** Loads the memory of a plain archive folder; a missing or damaged file gives an empty memory. */
    public static UsMemory load(Path archiveFolder) {
        return load(new PlainArchiveFiles(archiveFolder));
    }

    /** Loads the memory kept in the archive's side files (encrypted when the archive is protected). */
    public static UsMemory load(ArchiveFiles files) {
        UsMemory m = new UsMemory(files);
        if (files.exists(FILE_NAME)) {
            try {
                Map<String, Set<String>> read = new ObjectMapper().readValue(files.readAllBytes(FILE_NAME),
                        new TypeReference<Map<String, Set<String>>>() {
                        });
                read.forEach((k, v) -> m.bySource.put(k, new LinkedHashSet<>(v)));
            } catch (IOException | RuntimeException e) {
                // A damaged memory only means asking again.
            }
        }
        return m;
    }

    /** Everything remembered, in a stable order (a part of {@link maraude.imports.internal.FileKeys}). */
    public String fingerprint() {
        return bySource.toString();
    }

    public Set<String> get(String source) {
        return Set.copyOf(bySource.getOrDefault(source, Set.of()));
    }

    public void put(String source, Set<String> us) {
        bySource.put(source, new LinkedHashSet<>(us));
    }

    public void save() throws IOException {
        files.writeAllBytes(FILE_NAME, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(bySource));
    }
}
