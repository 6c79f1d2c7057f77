package maraude.ui;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Diagnostics for the first-screen benchmark ({@code ./bench user-path}): with
 * {@code -Dmaraude.probe.firstScreen=FILE}, the workbench appends to FILE when it reaches each step
 * of its start (the archive opened, the queue's first rows painted), as
 * {@code step epoch-millis millis-since-JVM-start}. Only step names and times: no name, no text.
 * Without the property nothing is measured nor written.
 */
public final class FirstScreenProbe {

    public static final String PROPERTY = "maraude.probe.firstScreen"; //$NON-NLS-1$
    public static final String LIFECYCLE = "lifecycle"; //$NON-NLS-1$
    public static final String ARCHIVE_OPEN = "archive-open"; //$NON-NLS-1$
    public static final String QUEUE_PART = "queue-part"; //$NON-NLS-1$
    public static final String QUEUE_COMPUTED = "queue-computed"; //$NON-NLS-1$
    /** The first paint with rows, of the last snapshot or of the live queue: what the worker sees first. */
    public static final String QUEUE_DRAWN = "queue-drawn"; //$NON-NLS-1$
    /** The first paint of the last snapshot's rows (the archive still opening). */
    public static final String QUEUE_SNAPSHOT_DRAWN = "queue-snapshot-drawn"; //$NON-NLS-1$
    /** The first paint of the live queue's rows. */
    public static final String QUEUE_LIVE_DRAWN = "queue-live-drawn"; //$NON-NLS-1$

    private FirstScreenProbe() {
    }

    /** Whether the probe is on (the benchmark asked for it). */
    public static boolean active() {
        return System.getProperty(PROPERTY) != null;
    }

    /** Records that {@code step} is reached now; never fails the workbench. */
    public static void reached(String step) {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank()) {
            return;
        }
        long now = System.currentTimeMillis();
        long sinceStart = now - ManagementFactory.getRuntimeMXBean().getStartTime();
        Path p = Paths.get(file);
        try {
            Files.writeString(p, String.format(Locale.ROOT, "%s %d %d%n", step, now, sinceStart), StandardCharsets.UTF_8, //$NON-NLS-1$
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // a diagnostics file that cannot be written is not the worker's problem
        }
    }
}
