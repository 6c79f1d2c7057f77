package maraude.sources;

import java.time.Duration;

/** Waits: real time in the application, recorded (and shortened) time in tests. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = d -> {
        if (!d.isNegative() && !d.isZero()) {
            Thread.sleep(d.toMillis());
        }
    };

    void sleep(Duration d) throws InterruptedException;
}
