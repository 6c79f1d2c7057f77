package maraude.core.triage;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The field codec of the triage's binary side files ({@code cache/readings.bin}, {@code cache/queue.bin}):
 * strings as UTF-8 with their length (checked against what is left, so a damaged file fails instead of
 * allocating), instants as seconds and nanoseconds, each nullable one behind a presence flag.
 */
final class SideFileFields {

    private SideFileFields() {
    }

    static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String string(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("damaged"); //$NON-NLS-1$
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    static void nullableString(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            string(out, s);
        }
    }

    static String nullableString(DataInputStream in) throws IOException {
        return in.readBoolean() ? string(in) : null;
    }

    static void instant(DataOutputStream out, Instant i) throws IOException {
        out.writeBoolean(i != null);
        if (i != null) {
            out.writeLong(i.getEpochSecond());
            out.writeInt(i.getNano());
        }
    }

    static Instant instant(DataInputStream in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }
}
