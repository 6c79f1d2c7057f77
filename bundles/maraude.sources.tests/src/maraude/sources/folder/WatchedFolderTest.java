package maraude.sources.folder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.core.archive.Archive;
import maraude.core.components.ComponentFiles;
import maraude.core.model.Platform;
import maraude.imports.ImportOptions;
import maraude.imports.ImportService;
import maraude.sources.PullResult;
import maraude.sources.Sleeper;
import maraude.sources.Source;
import maraude.sources.SourceKind;
import maraude.sources.SourceState;
import maraude.sources.TestSupport;

/** Exports dropped in a folder: imported once, moved to done/ or failed/, half-written ones left. */
class WatchedFolderTest {

    private static final String CHAT = "whatsapp/chatminer_android_ddmmyy_24h.txt"; //$NON-NLS-1$

    private static Source source(Path drop) {
        return Source.create("drop", SourceKind.WATCHED_FOLDER, Platform.WHATSAPP, null, drop.toString(), Instant.EPOCH); //$NON-NLS-1$
    }

    @Test
    void exportsAreImportedOnceThenMovedWithTheReasonForFailures(@TempDir Path tmp) throws Exception {
        Path drop = Files.createDirectories(tmp.resolve("drop")); //$NON-NLS-1$
        Files.copy(TestSupport.fixture(CHAT), drop.resolve("WhatsApp Chat with Alex.txt")); //$NON-NLS-1$
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(drop.resolve("export.zip")))) { //$NON-NLS-1$
            z.putNextEntry(new ZipEntry("WhatsApp Chat with Sam.txt")); //$NON-NLS-1$
            z.write(Files.readAllBytes(TestSupport.fixture("whatsapp/pustur_short_chat_android_en_2017.txt"))); //$NON-NLS-1$
        }
        Files.writeString(drop.resolve("notes.bin"), "\u0000\u0001 nothing an importer reads"); //$NON-NLS-1$ //$NON-NLS-2$
        Files.writeString(drop.resolve("video.mp4.crdownload"), "partial"); //$NON-NLS-1$ //$NON-NLS-2$
        WatchedFolderPuller puller = new WatchedFolderPuller(imports(), ImportOptions.defaults(),
                d -> { }, Duration.ZERO);
        try (Archive a = TestSupport.archive(tmp.resolve("archive"))) { //$NON-NLS-1$
            PullResult r = puller.pull(source(drop), a, new NullProgressMonitor());
            assertEquals(SourceState.PARTIAL, r.state(), r.problems().toString());
            assertEquals(3, r.items());
            assertTrue(r.added() > 5);
            assertEquals(r.added(), a.stats().messages());
            assertTrue(Files.exists(drop.resolve("done/WhatsApp Chat with Alex.txt"))); //$NON-NLS-1$
            assertTrue(Files.exists(drop.resolve("done/export.zip"))); //$NON-NLS-1$
            assertTrue(Files.exists(drop.resolve("failed/notes.bin"))); //$NON-NLS-1$
            String reason = Files.readString(drop.resolve("failed/notes.bin" + WatchedFolderPuller.REASON_SUFFIX)); //$NON-NLS-1$
            assertTrue(reason.contains("not-recognised"), reason); //$NON-NLS-1$
            assertTrue(Files.exists(drop.resolve("video.mp4.crdownload")), "partial downloads are left alone"); //$NON-NLS-1$ //$NON-NLS-2$

            PullResult again = puller.pull(source(drop), a, new NullProgressMonitor());
            assertEquals(0, again.items(), "imported once"); //$NON-NLS-1$
            assertEquals(SourceState.OK, again.state());

            // The same export dropped again: moved beside the first, nothing added twice.
            Files.copy(TestSupport.fixture(CHAT), drop.resolve("WhatsApp Chat with Alex.txt")); //$NON-NLS-1$
            PullResult dup = puller.pull(source(drop), a, new NullProgressMonitor());
            assertEquals(0, dup.added());
            assertTrue(dup.duplicates() > 0);
            assertTrue(Files.exists(drop.resolve("done/WhatsApp Chat with Alex-2.txt"))); //$NON-NLS-1$
        }
    }

    @Test
    void fileStillBeingWrittenIsLeftForTheNextPull(@TempDir Path tmp) throws Exception {
        Path drop = Files.createDirectories(tmp.resolve("drop")); //$NON-NLS-1$
        byte[] chat = Files.readAllBytes(TestSupport.fixture(CHAT));
        Path growing = drop.resolve("WhatsApp Chat with Kim.txt"); //$NON-NLS-1$
        Files.write(growing, java.util.Arrays.copyOf(chat, chat.length / 2));
        List<Duration> waits = new ArrayList<>();
        // The copy goes on while the puller waits between its two looks.
        Sleeper copyGoesOn = d -> {
            waits.add(d);
            if (waits.size() == 1) {
                try (OutputStream out = Files.newOutputStream(growing, StandardOpenOption.APPEND)) {
                    out.write(chat, chat.length / 2, chat.length - chat.length / 2);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        WatchedFolderPuller puller = new WatchedFolderPuller(imports(), ImportOptions.defaults(),
                copyGoesOn, Duration.ofSeconds(2));
        try (Archive a = TestSupport.archive(tmp.resolve("archive"))) { //$NON-NLS-1$
            PullResult first = puller.pull(source(drop), a, new NullProgressMonitor());
            assertEquals(0, first.items());
            assertEquals(0, a.stats().messages());
            assertTrue(Files.exists(growing));
            assertTrue(first.problems().get(0).contains("Kim"), first.problems().toString()); //$NON-NLS-1$
            assertEquals(List.of(Duration.ofSeconds(2)), waits);

            PullResult second = puller.pull(source(drop), a, new NullProgressMonitor());
            assertEquals(1, second.items());
            assertFalse(Files.exists(growing));
            assertTrue(a.stats().messages() > 0);
        }
    }

    @Test
    void missingFolderIsAClearFailure(@TempDir Path tmp) throws Exception {
        WatchedFolderPuller puller = new WatchedFolderPuller(imports());
        try (Archive a = TestSupport.archive(tmp.resolve("archive"))) { //$NON-NLS-1$
            var e = org.junit.jupiter.api.Assertions.assertThrows(maraude.sources.SourceException.class,
                    () -> puller.pull(source(tmp.resolve("nope")), a, new NullProgressMonitor())); //$NON-NLS-1$
            assertEquals(SourceState.FAILING, e.state());
            assertTrue(e.getMessage().contains("nope")); //$NON-NLS-1$
        }
    }

    /** The import service as DS wires it, from the imports bundle's generated component files. */
    private static ImportService imports() throws java.io.IOException {
        return ComponentFiles.of(ImportService.class).service(ImportService.class);
    }
}
