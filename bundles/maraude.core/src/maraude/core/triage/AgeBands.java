package maraude.core.triage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How long a thread has waited, cut into bands by increasing upper bounds. With bounds 4 h, 24 h,
 * 3 days (the default) there are four bands: under 4 h, 4–24 h, 1–3 days, over 3 days. A bound
 * belongs to the band above it (exactly 4 h is "4–24 h").
 */
public final class AgeBands {

    private final List<Duration> bounds;
    /** The keys, computed once: every queue item carries its band's key. */
    private final List<String> keys;

    public AgeBands(List<Duration> bounds) {
        Objects.requireNonNull(bounds, "bounds"); //$NON-NLS-1$
        Duration prev = Duration.ZERO;
        for (Duration d : bounds) {
            if (d == null || d.compareTo(prev) <= 0) {
                throw new IllegalArgumentException("band bounds must be positive and increasing: " + bounds); //$NON-NLS-1$
            }
            prev = d;
        }
        this.bounds = List.copyOf(bounds);
        List<String> k = new ArrayList<>();
        for (int i = 0; i <= bounds.size(); i++) {
            k.add(describe(i));
        }
        this.keys = List.copyOf(k);
    }

    public static AgeBands defaults() {
        return new AgeBands(List.of(Duration.ofHours(4), Duration.ofHours(24), Duration.ofDays(3)));
    }

    /** Number of bands: bounds + 1. */
    public int count() {
        return bounds.size() + 1;
    }

    public List<Duration> bounds() {
        return bounds;
    }

    /** The band index (0 = youngest) of an age; negative ages (clock skew) are band 0. */
    public int bandOf(Duration age) {
        for (int i = 0; i < bounds.size(); i++) {
            if (age.compareTo(bounds.get(i)) < 0) {
                return i;
            }
        }
        return bounds.size();
    }

    /** Lower bound of a band (zero for the first). */
    public Duration lower(int band) {
        return band == 0 ? Duration.ZERO : bounds.get(band - 1);
    }

    /** Upper bound of a band, null for the last (open). */
    public Duration upper(int band) {
        return band < bounds.size() ? bounds.get(band) : null;
    }

    /** Stable, language-neutral key such as {@code "<4h"}, {@code "4h-1d"}, {@code "1d-3d"}, {@code ">3d"}. */
    public String key(int band) {
        return keys.get(band);
    }

    private String describe(int band) {
        if (band == 0) {
            return "<" + compact(bounds.get(0)); //$NON-NLS-1$
        }
        if (band == bounds.size()) {
            return ">" + compact(bounds.get(band - 1)); //$NON-NLS-1$
        }
        return compact(bounds.get(band - 1)) + '-' + compact(bounds.get(band));
    }

    public List<String> keys() {
        return keys;
    }

    static String compact(Duration d) {
        if (d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + "d"; //$NON-NLS-1$
        }
        if (d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + "h"; //$NON-NLS-1$
        }
        return d.toMinutes() + "min"; //$NON-NLS-1$
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AgeBands b && b.bounds.equals(bounds);
    }

    @Override
    public int hashCode() {
        return bounds.hashCode();
    }

    @Override
    public String toString() {
        return keys().toString();
    }
}
