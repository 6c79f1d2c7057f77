package maraude.archive.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32;

import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.store.ChecksumIndexInput;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.store.NativeFSLockFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The encrypting Directory on its own: random access, slices, clones, checksums, tampering. */
class EncryptedDirectoryTest {

    @TempDir
    Path dir;
    private DataKey key;
    private EncryptedDirectory enc;

    @BeforeEach
    void open() throws IOException {
        key = DataKey.random(12); // 4 KiB chunks: many chunk boundaries in small files
        enc = new EncryptedDirectory(FSDirectory.open(dir, NativeFSLockFactory.INSTANCE), key, 1 << 20);
    }

    @AfterEach
    void close() throws IOException {
        enc.close();
    }

    private byte[] write(String name, int size, long seed) throws IOException {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        try (IndexOutput out = enc.createOutput(name, IOContext.DEFAULT)) {
            // mixed single bytes and blocks, as codecs write
            int i = 0;
            Random r = new Random(seed + 1);
            while (i < size) {
                if (r.nextBoolean()) {
                    out.writeByte(data[i++]);
                } else {
                    int n = Math.min(size - i, r.nextInt(9000));
                    out.writeBytes(data, i, n);
                    i += n;
                }
            }
            CRC32 crc = new CRC32();
            crc.update(data);
            assertEquals(crc.getValue(), out.getChecksum());
            assertEquals(size, out.getFilePointer());
        }
        return data;
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 1, 4095, 4096, 4097, 8192, 100_000 })
    void lengthsAndContentSurviveAtChunkEdges(int size) throws IOException {
        byte[] data = write("f" + size, size, size);
        assertEquals(size, enc.fileLength("f" + size));
        try (IndexInput in = enc.openInput("f" + size, IOContext.DEFAULT)) {
            assertEquals(size, in.length());
            byte[] back = new byte[size];
            in.readBytes(back, 0, size);
            assertArrayEquals(data, back);
            assertThrows(EOFException.class, in::readByte);
        }
    }

    @Test
    void randomSeeksSlicesAndClonesReadTheRightBytes() throws IOException {
        byte[] data = write("big", 50_000, 7);
        Random r = new Random(3);
        try (IndexInput in = enc.openInput("big", IOContext.DEFAULT)) {
            for (int k = 0; k < 2000; k++) {
                int p = r.nextInt(data.length - 8);
                in.seek(p);
                switch (k % 4) {
                    case 0 -> assertEquals(data[p], in.readByte());
                    case 1 -> assertEquals(leInt(data, p), in.readInt());
                    case 2 -> assertEquals(leLong(data, p), in.readLong());
                    default -> assertEquals((short) ((data[p] & 0xff) | (data[p + 1] << 8)), in.readShort());
                }
            }
            // a read across a chunk boundary
            in.seek(4094);
            assertEquals(leLong(data, 4094), in.readLong());
            IndexInput slice = in.slice("s", 4000, 10_000);
            assertEquals(10_000, slice.length());
            slice.seek(5000);
            assertEquals(data[9000], slice.readByte());
            IndexInput clone = slice.clone();
            assertEquals(5001, clone.getFilePointer());
            assertEquals(data[9001], clone.readByte());
            assertEquals(data[9001], slice.readByte()); // independent positions
            IndexInput nested = slice.slice("n", 100, 50);
            byte[] b = new byte[50];
            nested.readBytes(b, 0, 50);
            for (int i = 0; i < 50; i++) {
                assertEquals(data[4100 + i], b[i]);
            }
            assertThrows(EOFException.class, nested::readByte);
            assertThrows(IllegalArgumentException.class, () -> slice.slice("x", 9000, 2000));
            assertThrows(EOFException.class, () -> slice.seek(10_001));
        }
    }

    @Test
    void codecFootersVerify() throws IOException {
        try (IndexOutput out = enc.createOutput("c", IOContext.DEFAULT)) {
            CodecUtil.writeHeader(out, "test", 1);
            for (int i = 0; i < 5000; i++) {
                out.writeVLong(i * 31L);
            }
            CodecUtil.writeFooter(out);
        }
        try (ChecksumIndexInput in = enc.openChecksumInput("c", IOContext.READONCE)) {
            CodecUtil.checkHeader(in, "test", 1, 1);
            for (int i = 0; i < 5000; i++) {
                assertEquals(i * 31L, in.readVLong());
            }
            CodecUtil.checkFooter(in);
        }
        try (IndexInput in = enc.openInput("c", IOContext.DEFAULT)) {
            CodecUtil.checksumEntireFile(in);
        }
    }

    @Test
    void renameKeepsContentAndBindsTheNewName() throws IOException {
        byte[] data = write("pending_segments_2", 9000, 11);
        enc.rename("pending_segments_2", "segments_2");
        assertFalse(Files.exists(dir.resolve("pending_segments_2")));
        try (IndexInput in = enc.openInput("segments_2", IOContext.DEFAULT)) {
            byte[] back = new byte[data.length];
            in.readBytes(back, 0, back.length);
            assertArrayEquals(data, back);
        }
        assertTrue(java.util.Arrays.stream(enc.listAll()).noneMatch(n -> n.endsWith(EncryptedDirectory.RENAME_SUFFIX)));
    }

    @Test
    void flippedBitIsDetected() throws IOException {
        write("t", 20_000, 5);
        Path f = dir.resolve("t");
        byte[] raw = Files.readAllBytes(f);
        raw[ChunkFormat.HEADER_BYTES + 4096 + 100] ^= 1; // inside chunk 1's ciphertext
        Files.write(f, raw);
        try (IndexInput in = enc.openInput("t", IOContext.DEFAULT)) {
            in.readByte(); // chunk 0 is intact
            in.seek(5000);
            CorruptIndexException e = assertThrows(CorruptIndexException.class, in::readByte);
            assertTrue(e.getMessage().contains("authentication"), e.getMessage());
        }
    }

    @Test
    void truncationAtAChunkBoundaryIsDetected() throws IOException {
        write("t", 3 * 4096 + 10, 5);
        Path f = dir.resolve("t");
        byte[] raw = Files.readAllBytes(f);
        // drop the last chunk: what is left is 3 whole chunks, the last of which was not written as last
        int cut = (int) ChunkFormat.encryptedOffset(3, 12);
        Files.write(f, java.util.Arrays.copyOf(raw, cut));
        try (IndexInput in = enc.openInput("t", IOContext.DEFAULT)) {
            // 3 chunks of ciphertext now read as 2 full chunks + a short last: lengths no longer agree
            in.seek(in.length() - 1);
            assertThrows(CorruptIndexException.class, in::readByte);
        } catch (CorruptIndexException e) {
            // or refused at open: either way, detected
        }
    }

    @Test
    void chunksSwappedBetweenFilesOrRenamedFilesAreDetected() throws IOException {
        write("a", 10_000, 1);
        write("b", 10_000, 2);
        Files.copy(dir.resolve("a"), dir.resolve("c")); // a valid file under another name
        try (IndexInput in = enc.openInput("c", IOContext.DEFAULT)) {
            assertThrows(CorruptIndexException.class, in::readByte);
        }
        byte[] a = Files.readAllBytes(dir.resolve("a"));
        byte[] b = Files.readAllBytes(dir.resolve("b"));
        int chunk1 = (int) ChunkFormat.encryptedOffset(1, 12);
        System.arraycopy(b, chunk1, a, chunk1, 4096 + ChunkFormat.CHUNK_OVERHEAD);
        Files.write(dir.resolve("a"), a);
        try (IndexInput in = enc.openInput("a", IOContext.DEFAULT)) {
            in.seek(4096);
            assertThrows(CorruptIndexException.class, in::readByte);
        }
    }

    @Test
    void plainFileIsRefusedAtOpen() throws IOException {
        try (Directory plain = FSDirectory.open(dir); IndexOutput out = plain.createOutput("p", IOContext.DEFAULT)) {
            CodecUtil.writeHeader(out, "plain", 1);
            out.writeString("x".repeat(100));
        }
        CorruptIndexException e = assertThrows(CorruptIndexException.class, () -> enc.openInput("p", IOContext.DEFAULT));
        assertTrue(e.getMessage().contains("not an encrypted file"), e.getMessage());
    }

    @Test
    void droppedKeyStopsReads() throws IOException {
        write("k", 10_000, 9);
        try (IndexInput in = enc.openInput("k", IOContext.READONCE)) {
            key.destroy();
            in.seek(5000);
            assertThrows(KeyDroppedException.class, in::readByte);
        }
        assertThrows(KeyDroppedException.class, () -> enc.openInput("k", IOContext.DEFAULT));
        assertThrows(KeyDroppedException.class, () -> enc.createOutput("l", IOContext.DEFAULT));
    }

    private static int leInt(byte[] b, int p) {
        return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 24;
    }

    private static long leLong(byte[] b, int p) {
        return (leInt(b, p) & 0xffffffffL) | ((long) leInt(b, p + 4)) << 32;
    }
}
