package maraude.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The workbench's one clock. {@code WorkbenchServices} puts a {@link Clock} in the application's
 * context; parts, handlers and jobs read the time from it (injected), never from the system, so that
 * a test (or a diagnosis) runs the whole workbench at the instant it chooses.
 */
public final class Clocks {

    /** {@code -Dmaraude.now=2026-11-24T15:30:00Z}: the workbench starts at that instant (tests, diagnostics). */
    public static final String NOW_PROPERTY = "maraude.now"; //$NON-NLS-1$

    private Clocks() {
    }

    /**
     * The clock the workbench starts with: the system's, or with {@value #NOW_PROPERTY} one that
     * starts at that instant and ticks from there (durations stay real, the day is chosen).
     */
    public static Clock start() {
        Clock system = Clock.systemDefaultZone();
        String at = System.getProperty(NOW_PROPERTY);
        if (at == null || at.isBlank()) {
            return system;
        }
        return Clock.offset(system, Duration.between(system.instant(), Instant.parse(at.strip())));
    }

    /** The injected clock; the starting clock for a part made outside a workbench (no context clock). */
    public static Clock or(Clock injected) {
        return injected != null ? injected : start();
    }

    /** The injected clock's time ({@link #or}). */
    public static Instant now(Clock injected) {
        return or(injected).instant();
    }
}
