package maraude.archive;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;

import maraude.core.archive.AccessMode;
import maraude.core.model.Platform;

/**
 * Runs in a child JVM for the crash and lock tests (plain class path, no OSGi).
 * <ul>
 * <li>{@code index FOLDER EVERY}: adds {@link TestData#streamMessage} 0, 1, 2… forever, committing every
 * EVERY messages and printing {@code COMMITTED n} after each commit, until killed;</li>
 * <li>{@code hold FOLDER}: opens the archive for writing, prints {@code HOLDING}, waits for stdin to close.</li>
 * </ul>
 */
public final class ChildMain {

    private ChildMain() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Paths.get(args[1]);
        if ("hold".equals(args[0])) {
            try (LuceneArchive a = LuceneArchive.open(folder, AccessMode.READ_WRITE)) {
                System.out.println("HOLDING");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait for the parent
                }
            }
            return;
        }
        int every = Integer.parseInt(args[2]);
        LuceneArchive a = LuceneArchive.open(folder, AccessMode.READ_WRITE);
        TestData.Thread t = TestData.thread(a, Platform.WHATSAPP, "+32470999999", "Crash");
        for (int i = 0;; i++) {
            a.addMessage(TestData.streamMessage(t, i));
            if ((i + 1) % every == 0) {
                a.commit();
                System.out.println("COMMITTED " + (i + 1));
                System.out.flush();
            }
        }
    }
}
