package maraude.imports.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.imports.ImportFile;
import maraude.imports.ImportLimits;

/**
 * A zip entry stops as soon as its running ratio or running size passes a limit, not after the
 * whole entry: asserted on the bytes inflated when it stops.
 */
class ZipStreamingLimitsTest {

    private static final int MIB = 1 << 20;
    private static final String CHAT = "WhatsApp Chat with X.txt";

    /** Bytes delivered by {@code in} before it failed (or ended). */
    private static long drain(InputStream in, IOException[] failure) {
        byte[] buf = new byte[64 * 1024];
        long n = 0;
        try (in) {
            int r;
            while ((r = in.read(buf)) > 0) {
                n += r;
            }
        } catch (IOException e) {
            failure[0] = e;
        }
        return n;
    }

    @Test
    void aBombWhoseWholeEntryRatioLooksHarmlessStopsAfterTheFirstMebibyte(@TempDir Path tmp) throws Exception {
        // 256 MiB of zeros (ratio ~1000) padded with 4 MiB of noise: over the whole entry the ratio is
        // about 60, under the limit of 200, so only a running ratio sees the bomb before the size cap.
        Path zip = tmp.resolve("bomb.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry(CHAT));
            z.write("24/03/2024 09:05 - Luna: coucou\n".getBytes(StandardCharsets.UTF_8));
            byte[] zeros = new byte[MIB];
            for (int i = 0; i < 256; i++) {
                z.write(zeros);
            }
            byte[] noise = new byte[4 * MIB];
            new Random(19).nextBytes(noise);
            z.write(noise);
        }
        try (ZipFile jdk = new ZipFile(zip.toFile())) {
            ZipEntry e = jdk.getEntry(CHAT);
            assertTrue(e.getSize() / e.getCompressedSize() < ImportLimits.defaults().maxZipRatio(),
                    "the whole-entry ratio is under the limit: " + e.getSize() / e.getCompressedSize());
        }
        try (ZipContainer c = new ZipContainer(zip, ImportLimits.defaults())) {
            ImportFile f = c.files().get(0);
            IOException[] failure = new IOException[1];
            long delivered = drain(f.open(), failure);
            assertTrue(failure[0] instanceof LimitExceededException l && l.code().equals("zip-bomb"),
                    String.valueOf(failure[0]));
            assertTrue(delivered < 2 * MIB, "stopped early: " + delivered + " bytes of 260 MiB");
            assertTrue(c.inflatedBytes() < 2 * MIB, "inflated: " + c.inflatedBytes());
        }
    }

    @Test
    void anEntryGrowingPastItsDeclaredSizeStopsThere(@TempDir Path tmp) throws Exception {
        Path zip = tmp.resolve("liar.zip");
        byte[] text = new byte[512 * 1024];
        Random r = new Random(7);
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) ('a' + r.nextInt(26)); // compresses ~1.6:1, no ratio alarm
        }
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry(CHAT));
            z.write(text);
        }
        declareSize(zip, 1000);
        try (ZipContainer c = new ZipContainer(zip, ImportLimits.defaults())) {
            IOException[] failure = new IOException[1];
            long delivered = drain(c.files().get(0).open(), failure);
            assertTrue(failure[0] instanceof LimitExceededException l && l.code().equals("zip-bomb"),
                    String.valueOf(failure[0]));
            assertTrue(delivered <= 1000, "delivered " + delivered);
            assertTrue(c.inflatedBytes() <= 1000, "inflated " + c.inflatedBytes());
        }
    }

    @Test
    void storedDeflatedAndPrefixedZipsReadTheirExactBytes(@TempDir Path tmp) throws Exception {
        byte[] a = "24/03/2024 09:05 - Luna: coucou\n".repeat(5000).getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[300_000];
        new Random(3).nextBytes(b);
        Path zip = tmp.resolve("ok.zip");
        try (OutputStream out = Files.newOutputStream(zip)) {
            out.write(new byte[777]); // a self-extracting stub before the zip
            ZipOutputStream z = new ZipOutputStream(out);
            z.putNextEntry(new ZipEntry("a/" + CHAT));
            z.write(a);
            ZipEntry stored = new ZipEntry("a/IMG-1.jpg");
            stored.setMethod(ZipEntry.STORED);
            stored.setSize(b.length);
            stored.setCompressedSize(b.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(b);
            stored.setCrc(crc.getValue());
            z.putNextEntry(stored);
            z.write(b);
            z.finish();
        }
        try (ZipContainer c = new ZipContainer(zip, ImportLimits.defaults())) {
            assertEquals(2, c.files().size());
            for (ImportFile f : c.files()) {
                try (InputStream in = f.open()) {
                    assertArrayEquals(f.fileName().endsWith(".jpg") ? b : a, in.readAllBytes(), f.path());
                }
            }
            assertEquals(a.length + b.length, c.inflatedBytes());
        }
    }

    /** Rewrites the uncompressed size of the (only) entry in the central directory. */
    private static void declareSize(Path zip, int size) throws IOException {
        byte[] all = Files.readAllBytes(zip);
        ByteBuffer bb = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = all.length - 46; i >= 0; i--) {
            if (bb.getInt(i) == 0x02014b50) {
                bb.putInt(i + 24, size);
                Files.write(zip, all);
                return;
            }
        }
        throw new IllegalStateException("no central directory");
    }

    @Test
    void aTruncatedEntryIsAnErrorNotSilence(@TempDir Path tmp) throws Exception {
        Path zip = tmp.resolve("t.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry(CHAT));
            byte[] noise = new byte[100_000];
            new Random(5).nextBytes(noise);
            z.write(noise);
        }
        try (ZipContainer c = new ZipContainer(zip, ImportLimits.defaults())) {
            ImportFile f = c.files().get(0);
            // The directory is intact, the data is not: flip bytes in the middle of the deflated stream.
            byte[] all = Files.readAllBytes(zip);
            for (int i = 200; i < 260; i++) {
                all[i] ^= (byte) 0x5A;
            }
            Files.write(zip, all);
            assertThrows(IOException.class, () -> {
                try (InputStream in = f.open()) {
                    in.readAllBytes();
                }
            });
        }
    }
}
