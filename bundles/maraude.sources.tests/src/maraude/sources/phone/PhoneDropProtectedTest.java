package maraude.sources.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.archive.crypto.ArchiveProtection;
import maraude.archive.crypto.Keyring;
import maraude.archive.crypto.ProtectedArchiveFactory;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.SearchQuery;
import maraude.core.components.ComponentFiles;
import maraude.imports.ImportOptions;
import maraude.imports.ImportService;

/**
 * A protected archive: an export sent from a phone is never written in clear in the archive folder
 * (drop folder included), neither while it is received nor while it is imported; it waits in a
 * private memory-backed folder that is gone afterwards.
 */
class PhoneDropProtectedTest {

    private static final String WORD = "quetzalcoatlesque"; //$NON-NLS-1$

    @TempDir
    Path tmp;

    /** A WhatsApp (Android, English) export over 64 KiB, so that Jetty spills the part to its folder. */
    private static byte[] export() {
        StringBuilder b = new StringBuilder();
        b.append("12/10/2017, 14:02 - Sam: bonjour ").append(WORD).append('\n'); //$NON-NLS-1$
        for (int i = 0; b.length() < 120_000; i++) {
            b.append("12/10/2017, 14:").append(String.format("%02d", 3 + i % 50)).append(" - Sam: ligne ").append(i) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                    .append(' ').append(WORD.substring(0, 6)).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<Path> containing(Path root, byte[] needle) throws IOException {
        List<Path> hits = new ArrayList<>();
        if (!Files.exists(root)) {
            return hits;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                byte[] b;
                try {
                    b = Files.readAllBytes(f);
                } catch (IOException gone) {
                    continue; // deleted while walking
                }
                outer: for (int i = 0; i <= b.length - needle.length; i++) {
                    for (int j = 0; j < needle.length; j++) {
                        if (b[i + j] != needle[j]) {
                            continue outer;
                        }
                    }
                    hits.add(f);
                    break;
                }
            }
        }
        return hits;
    }

    @Test
    void uploadToAProtectedArchiveNeverLandsInClearInTheArchiveFolder() throws Exception {
        Path root = tmp.resolve("archive"); //$NON-NLS-1$
        char[] pass = "une phrase de passe pour le test".toCharArray(); //$NON-NLS-1$
        ArchiveProtection.protect(root, pass.clone(), maraude.sources.TestSupport.CHEAP_KDF);
        Keyring keyring = new Keyring(a -> null);
        byte[] needle = WORD.getBytes(StandardCharsets.UTF_8);
        AtomicReference<List<Path>> duringImport = new AtomicReference<>();
        AtomicReference<List<Path>> inMemory = new AtomicReference<>();
        try (Archive archive = new ProtectedArchiveFactory(keyring).open(root, AccessMode.READ_WRITE, pass.clone())) {
            assertTrue(archive.files().encrypted());
            UploadImporter real = UploadImporter.into(archive, imports(), ImportOptions.defaults());
            PhoneDrop[] self = new PhoneDrop[1];
            // look at the disk at the moment the upload is complete and the import reads it
            UploadImporter watching = file -> {
                duringImport.set(containing(root, needle));
                inMemory.set(containing(self[0].incomingFolder(), needle));
                return real.importUpload(file);
            };
            try (PhoneDrop drop = PhoneDrop.start(root.resolve("phone-drop"), //$NON-NLS-1$
                    PhoneDrop.Config.loopback().withMaxUploadBytes(256 * 1024).withInMemory(true), watching, r -> {
                    })) {
                self[0] = drop;
                assertFalse(drop.incomingFolder().startsWith(root), "uploads wait outside the archive folder"); //$NON-NLS-1$
                HttpClient client = PhoneDropTest.trustingOnly(drop);
                String boundary = "----maraude" + System.nanoTime(); //$NON-NLS-1$
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(drop.url())
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary) //$NON-NLS-1$ //$NON-NLS-2$
                        .POST(PhoneDropTest.multipart(boundary, "WhatsApp Chat with Sam.txt", "text/plain", export())) //$NON-NLS-1$ //$NON-NLS-2$
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), r.body());
                assertEquals(1, archive.search(SearchQuery.of(WORD)).totalHits(), "the export was imported"); //$NON-NLS-1$
                assertTrue(containing(drop.incomingFolder(), needle).isEmpty(), "deleted right after the import"); //$NON-NLS-1$
                Path memory = drop.incomingFolder();
                drop.close();
                assertFalse(Files.exists(memory), "the memory folder goes with the session"); //$NON-NLS-1$
            }
        }
        if (duringImport.get() == null) {
            fail("the importer was not called"); //$NON-NLS-1$
        }
        assertTrue(duringImport.get().isEmpty(), "clear upload in the archive folder: " + duringImport.get()); //$NON-NLS-1$
        assertFalse(inMemory.get().isEmpty(), "the scan is real: the upload is in the memory folder while imported"); //$NON-NLS-1$
        assertTrue(containing(root, needle).isEmpty(), "nothing in clear afterwards: " + containing(root, needle)); //$NON-NLS-1$
    }

    /** The import service as DS wires it, from the imports bundle's generated component files. */
    private static ImportService imports() throws java.io.IOException {
        return ComponentFiles.of(ImportService.class).service(ImportService.class);
    }
}
