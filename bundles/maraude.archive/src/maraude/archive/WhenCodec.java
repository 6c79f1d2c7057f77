package maraude.archive;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The text of a zoned instant in the index ({@link ArchiveSchema#WHEN}): exactly
 * {@link ZonedDateTime#toString()}, as every archive has written it since the first version, so
 * existing archives read as they are. Both directions have a fast path for the usual shapes: the
 * general formatter ran on every message indexed, the general parser on every hit read from stored
 * fields.
 */
final class WhenCodec {

    private WhenCodec() {
    }

    private static final Map<String, ZoneId> ZONES = new ConcurrentHashMap<>();

    /** The zone of a {@link ArchiveSchema#HIT} value, parsed once per distinct id. */
    static ZoneId zone(String id) {
        return ZONES.computeIfAbsent(id, ZoneId::of);
    }

    /**
     * Exactly {@link ZonedDateTime#toString()} (what {@link ArchiveSchema#WHEN} holds), without the general
     * formatter for the usual years 1000-9999: it ran on every message indexed.
     */
    static String format(ZonedDateTime t) {
        int year = t.getYear();
        if (year < 1000 || year > 9999) {
            return t.toString();
        }
        StringBuilder b = new StringBuilder(48);
        b.append(year).append('-');
        two(b, t.getMonthValue()).append('-');
        two(b, t.getDayOfMonth()).append('T');
        two(b, t.getHour()).append(':');
        two(b, t.getMinute());
        int second = t.getSecond();
        int nano = t.getNano();
        if (second > 0 || nano > 0) {
            two(b.append(':'), second);
            if (nano > 0) {
                b.append('.');
                if (nano % 1_000_000 == 0) {
                    b.append(Integer.toString(nano / 1_000_000 + 1000).substring(1));
                } else if (nano % 1000 == 0) {
                    b.append(Integer.toString(nano / 1000 + 1_000_000).substring(1));
                } else {
                    b.append(Integer.toString(nano + 1_000_000_000).substring(1));
                }
            }
        }
        b.append(t.getOffset().getId());
        if (t.getOffset() != t.getZone()) {
            b.append('[').append(t.getZone().toString()).append(']');
        }
        return b.toString();
    }

    private static StringBuilder two(StringBuilder b, int v) {
        return b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    /**
     * {@link ZonedDateTime#parse} of a {@link ArchiveSchema#WHEN} value, with a fast path for the exact shape
     * {@link ZonedDateTime#toString()} writes ({@code 2026-03-02T10:00+01:00[Europe/Brussels]}, seconds
     * and fraction optional): the general parser costs more than reading the hit's stored fields.
     * Anything else (years beyond 9999, other shapes) goes through the general parser.
     */
    static ZonedDateTime parse(String s) {
        int n = s.length();
        if (n < 17 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':') {
            return ZonedDateTime.parse(s);
        }
        try {
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 2);
            int day = digits(s, 8, 2);
            int hour = digits(s, 11, 2);
            int minute = digits(s, 14, 2);
            int second = 0;
            int nano = 0;
            int i = 16;
            if (s.charAt(i) == ':') {
                second = digits(s, i + 1, 2);
                i += 3;
                if (i < n && s.charAt(i) == '.') {
                    int start = ++i;
                    while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                        i++;
                    }
                    int len = i - start;
                    if (len == 0 || len > 9) {
                        return ZonedDateTime.parse(s);
                    }
                    nano = digits(s, start, len);
                    for (int k = len; k < 9; k++) {
                        nano *= 10;
                    }
                }
            }
            ZoneOffset offset;
            char c = s.charAt(i);
            if (c == 'Z') {
                offset = ZoneOffset.UTC;
                i++;
            } else if ((c == '+' || c == '-') && i + 6 <= n && s.charAt(i + 3) == ':') {
                int sign = c == '-' ? -1 : 1;
                int oh = digits(s, i + 1, 2);
                int om = digits(s, i + 4, 2);
                int os = 0;
                i += 6;
                if (i + 3 <= n && s.charAt(i) == ':') {
                    os = digits(s, i + 1, 2);
                    i += 3;
                }
                offset = ZoneOffset.ofHoursMinutesSeconds(sign * oh, sign * om, sign * os);
            } else {
                return ZonedDateTime.parse(s);
            }
            ZoneId zone = offset;
            if (i < n) {
                if (s.charAt(i) != '[' || s.charAt(n - 1) != ']') {
                    return ZonedDateTime.parse(s);
                }
                zone = ZONES.computeIfAbsent(s.substring(i + 1, n - 1), ZoneId::of);
            }
            return ZonedDateTime.ofInstant(LocalDateTime.of(year, month, day, hour, minute, second, nano), offset, zone);
        } catch (RuntimeException e) {
            return ZonedDateTime.parse(s); // reports the error the general way
        }
    }

    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(s);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
