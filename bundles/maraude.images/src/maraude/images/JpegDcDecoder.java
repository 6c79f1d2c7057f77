package maraude.images;

import java.awt.image.BufferedImage;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Decodes a baseline JPEG at 1/8 scale from the DC coefficients alone: the Huffman data is walked
 * (AC coefficients are skipped, not stored), there is no inverse DCT, no upsampling and colour
 * conversion only for 1/64 of the pixels. Each output pixel is the exact mean of its 8×8 block,
 * which is what a subsampled thumbnail needs and what libjpeg's "scale 1/8" does.
 *
 * <p>ImageIO's source subsampling still decodes every pixel before dropping most of them; for
 * 12 MP photos this path is several times faster. It handles baseline and extended Huffman JPEGs
 * (SOF0/SOF1) with 1 or 3 components, any sampling factors and restart intervals; anything else
 * (progressive, arithmetic, CMYK, 12-bit, damaged data) returns {@code null} and the caller falls
 * back to ImageIO, which also produces the placeholder's reason.</p>
 */
final class JpegDcDecoder {

    private final byte[] d;
    private int pos;
    /** The scan's entropy-coded data without byte stuffing, padded with zeros ({@link #unstuff}). */
    private byte[] clean;
    /** Where each restart interval starts in {@link #clean}; {@code segStart[segCount]} is the end. */
    private int[] segStart;
    private int segCount;

    private final int[][] quant = new int[4][];
    private final Huffman[] dcTables = new Huffman[4];
    private final Huffman[] acTables = new Huffman[4];
    private int restartInterval;
    private int width;
    private int height;
    private int ncomp;
    private int[] compId;
    private int[] hs;
    private int[] vs;
    private int[] tq;
    private boolean adobeNoTransform;

    private JpegDcDecoder(byte[] data) {
        this.d = data;
    }

    /** @return the 1/8-scale picture (ceil(w/8) × ceil(h/8)), or {@code null} when not handled */
    static BufferedImage decode(byte[] data) {
        try {
            return new JpegDcDecoder(data).run();
        } catch (RuntimeException e) {
            return null; // out-of-range reads on damaged data: let ImageIO judge it
        }
    }

    /** Width and height from the SOF0/SOF1 header, or {@code null} when not a baseline JPEG. */
    static int[] dimensions(byte[] data) {
        try {
            JpegDcDecoder r = new JpegDcDecoder(data);
            if (data.length < 4 || r.u16() != 0xFFD8) {
                return null;
            }
            while (r.pos + 4 <= data.length) {
                if (r.u8() != 0xFF) {
                    return null;
                }
                int marker = r.u8();
                if (marker == 0xFF) {
                    r.pos--;
                    continue;
                }
                if (marker == 0xDA || marker == 0xD9) {
                    return null;
                }
                int len = r.u16();
                if (marker == 0xC0 || marker == 0xC1) {
                    r.pos++;
                    int h = r.u16();
                    int w = r.u16();
                    return w > 0 && h > 0 ? new int[] { w, h } : null;
                }
                if (marker >= 0xC2 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                    return null;
                }
                r.pos += len - 2;
            }
        } catch (RuntimeException e) {
            // damaged header: ImageIO path decides
        }
        return null;
    }

    private int u8() {
        return d[pos++] & 255;
    }

    private int u16() {
        return (d[pos++] & 255) << 8 | d[pos++] & 255;
    }

    private BufferedImage run() {
        if (d.length < 4 || u16() != 0xFFD8) {
            return null;
        }
        while (pos < d.length) {
            int b = u8();
            if (b != 0xFF) {
                return null;
            }
            int marker = u8();
            while (marker == 0xFF) {
                marker = u8();
            }
            if (marker == 0xD8 || marker >= 0xD0 && marker <= 0xD7 || marker == 0x01) {
                continue;
            }
            if (marker == 0xD9) {
                return null;
            }
            int len = u16();
            int end = pos + len - 2;
            if (len < 2 || end > d.length) {
                return null;
            }
            switch (marker) {
                case 0xDB -> readDqt(end);
                case 0xC4 -> readDht(end);
                case 0xDD -> restartInterval = u16();
                case 0xC0, 0xC1 -> {
                    if (!readSof()) {
                        return null;
                    }
                }
                case 0xEE -> { // Adobe: transform 0 means RGB/CMYK stored as is
                    if (len >= 14 && d[pos] == 'A' && d[pos + 1] == 'd' && d[pos + 2] == 'o' && d[pos + 3] == 'b'
                            && d[pos + 4] == 'e') {
                        adobeNoTransform = (d[pos + 11] & 255) == 0;
                    }
                }
                case 0xDA -> {
                    return readScan();
                }
                default -> {
                    if (marker >= 0xC2 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                        return null; // progressive, lossless, arithmetic: not handled here
                    }
                }
            }
            pos = end;
        }
        return null;
    }

    private void readDqt(int end) {
        while (pos < end) {
            int pq = u8();
            int[] t = new int[64];
            for (int i = 0; i < 64; i++) {
                t[i] = (pq >> 4) == 0 ? u8() : u16();
            }
            quant[pq & 3] = t;
        }
    }

    private void readDht(int end) {
        while (pos < end) {
            int tc = u8();
            int[] counts = new int[17];
            int total = 0;
            for (int i = 1; i <= 16; i++) {
                counts[i] = u8();
                total += counts[i];
            }
            if (total > 256) {
                throw new IllegalStateException("bad DHT");
            }
            int[] symbols = new int[total];
            for (int i = 0; i < total; i++) {
                symbols[i] = u8();
            }
            Huffman h = new Huffman(counts, symbols);
            if ((tc >> 4) == 0) {
                dcTables[tc & 3] = h;
            } else {
                acTables[tc & 3] = h;
            }
        }
    }

    private boolean readSof() {
        if (u8() != 8) {
            return false;
        }
        height = u16();
        width = u16();
        ncomp = u8();
        if (width == 0 || height == 0 || (ncomp != 1 && ncomp != 3)) {
            return false;
        }
        compId = new int[ncomp];
        hs = new int[ncomp];
        vs = new int[ncomp];
        tq = new int[ncomp];
        for (int c = 0; c < ncomp; c++) {
            compId[c] = u8();
            int s = u8();
            hs[c] = s >> 4;
            vs[c] = s & 15;
            tq[c] = u8() & 3;
            if (hs[c] < 1 || hs[c] > 4 || vs[c] < 1 || vs[c] > 4) {
                return false;
            }
        }
        return true;
    }

    private BufferedImage readScan() {
        if (compId == null || adobeNoTransform && ncomp == 3) {
            return null;
        }
        int ns = u8();
        if (ns != ncomp) {
            return null; // non-interleaved baseline: rare, left to ImageIO
        }
        int[] dcSel = new int[ncomp];
        int[] acSel = new int[ncomp];
        for (int i = 0; i < ns; i++) {
            int id = u8();
            int t = u8();
            if (id != compId[i]) {
                return null;
            }
            dcSel[i] = t >> 4 & 3;
            acSel[i] = t & 3;
            if (dcTables[dcSel[i]] == null || acTables[acSel[i]] == null || quant[tq[i]] == null) {
                return null;
            }
        }
        pos += 3; // Ss, Se, Ah/Al
        int hmax = 1;
        int vmax = 1;
        for (int c = 0; c < ncomp; c++) {
            hmax = Math.max(hmax, hs[c]);
            vmax = Math.max(vmax, vs[c]);
        }
        int mcuX = (width + 8 * hmax - 1) / (8 * hmax);
        int mcuY = (height + 8 * vmax - 1) / (8 * vmax);
        if ((long) mcuX * mcuY * hmax * vmax > 4_000_000L) { // ~250 MP: limits refuse far earlier
            return null;
        }
        int[][] planes = new int[ncomp][];
        int[] planeW = new int[ncomp];
        for (int c = 0; c < ncomp; c++) {
            planeW[c] = mcuX * hs[c];
            planes[c] = new int[planeW[c] * mcuY * vs[c]];
        }
        if (!decodeEntropy(planes, planeW, mcuX, mcuY, dcSel, acSel)) {
            return null; // data ended early (truncated) or a restart marker is missing: ImageIO reports it
        }
        int ow = (width + 7) / 8;
        int oh = (height + 7) / 8;
        BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        int[] px = Pixels.data(out);
        long q0 = quant[tq[0]][0];
        long q1 = ncomp == 3 ? quant[tq[1]][0] : 0;
        long q2 = ncomp == 3 ? quant[tq[2]][0] : 0;
        // Sample positions of each component, computed once (no division per pixel).
        int[][] colOf = new int[ncomp][ow];
        for (int c = 0; c < ncomp; c++) {
            for (int x = 0; x < ow; x++) {
                colOf[c][x] = x * hs[c] / hmax;
            }
        }
        int[] p0 = planes[0];
        int[] c0 = colOf[0];
        for (int y = 0; y < oh; y++) {
            int r0 = (y * vs[0] / vmax) * planeW[0];
            int row = y * ow;
            if (ncomp == 1) {
                for (int x = 0; x < ow; x++) {
                    int g = clamp16(p0[r0 + c0[x]] * q0 * 8192 + Y_OFFSET);
                    px[row + x] = g << 16 | g << 8 | g;
                }
                continue;
            }
            int[] p1 = planes[1];
            int[] p2 = planes[2];
            int[] c1 = colOf[1];
            int[] c2 = colOf[2];
            int r1 = (y * vs[1] / vmax) * planeW[1];
            int r2 = (y * vs[2] / vmax) * planeW[2];
            for (int x = 0; x < ow; x++) {
                // Block mean = DC × quantiser / 8; JFIF YCbCr to RGB in 16.16 fixed point (long: hostile
                // DC sums cannot overflow).
                long yy = p0[r0 + c0[x]] * q0 * 8192 + Y_OFFSET;
                long cb = p1[r1 + c1[x]] * q1;
                long cr = p2[r2 + c2[x]] * q2;
                px[row + x] = clamp16(yy + 11485 * cr) << 16 | clamp16(yy - 2819 * cb - 5850 * cr) << 8
                        | clamp16(yy + 14516 * cb);
            }
        }
        return out;
    }

    /**
     * Copies the entropy-coded data that follows the scan header into {@link #clean} with the byte
     * stuffing (0xFF00) removed, one restart interval after the other ({@link #segStart} holds where
     * each begins, in bytes), and stops at the first marker that is not RSTn. The copy is padded with
     * zero bytes, which is what a decoder is fed after the data ends; reading into the padding is
     * detected per MCU. Runs without 0xFF are found eight bytes at a time and copied in bulk.
     */
    private void unstuff() {
        byte[] out = new byte[d.length - pos + PAD];
        int[] starts = new int[16];
        int nseg = 1;
        int o = 0;
        int i = pos;
        int n = d.length;
        outer:
        while (i < n) {
            // Find the next 0xFF from i.
            int j = i;
            while (j + 8 <= n) {
                long x = ~(long) BE.get(d, j); // 0xFF bytes become zero bytes
                if (((x - 0x0101010101010101L) & ~x & 0x8080808080808080L) != 0) {
                    break;
                }
                j += 8;
            }
            while (j < n && d[j] != (byte) 0xFF) {
                j++;
            }
            System.arraycopy(d, i, out, o, j - i);
            o += j - i;
            if (j >= n) {
                break;
            }
            // d[j] == 0xFF
            int m = j + 1 < n ? d[j + 1] & 255 : 0xD9;
            if (m == 0) {
                out[o++] = (byte) 0xFF;
                i = j + 2;
            } else if (m == 0xFF) {
                i = j + 1; // fill byte before a marker
            } else if (m >= 0xD0 && m <= 0xD7) {
                if (nseg == starts.length) {
                    starts = java.util.Arrays.copyOf(starts, nseg * 2);
                }
                starts[nseg++] = o;
                i = j + 2;
            } else {
                break outer; // EOI or another marker: the scan's data ends here
            }
        }
        if (nseg == starts.length) {
            starts = java.util.Arrays.copyOf(starts, nseg + 1);
        }
        starts[nseg] = o; // end of the last interval
        clean = out;
        segStart = starts;
        segCount = nseg;
    }

    /**
     * Walks the Huffman data of every MCU and stores each block's DC value (after prediction) in
     * {@code planes}. {@code false} when the data ends before the last MCU or a restart marker is
     * missing. One lookup usually skips several AC coefficients: only their bit lengths matter.
     */
    private boolean decodeEntropy(int[][] planes, int[] planeW, int mcuX, int mcuY, int[] dcSel, int[] acSel) {
        unstuff();
        byte[] s = clean;
        // The blocks of one MCU, in coding order: component, offset from the MCU's corner in its plane.
        int nb = 0;
        for (int c = 0; c < ncomp; c++) {
            nb += hs[c] * vs[c];
        }
        int[] bComp = new int[nb];
        int[] bOff = new int[nb];
        int[][] bDc = new int[nb][];
        char[][] bMulti = new char[nb][];
        char[][] bSingle = new char[nb][];
        Huffman[] bDcH = new Huffman[nb];
        Huffman[] bAcH = new Huffman[nb];
        int b = 0;
        for (int c = 0; c < ncomp; c++) {
            for (int v = 0; v < vs[c]; v++) {
                for (int h = 0; h < hs[c]; h++) {
                    bComp[b] = c;
                    bOff[b] = v * planeW[c] + h;
                    bDcH[b] = dcTables[dcSel[c]];
                    bAcH[b] = acTables[acSel[c]];
                    bDc[b] = bDcH[b].dcFast();
                    bMulti[b] = bAcH[b].acMulti();
                    bSingle[b] = bAcH[b].acSingle();
                    b++;
                }
            }
        }
        int[] base = new int[ncomp];
        int[] pred = new int[ncomp];
        int seg = 0;
        int bp = 0; // bit position in clean
        long segEndBits = (long) segStart[1] * 8;
        int untilRestart = restartInterval;
        for (int my = 0; my < mcuY; my++) {
            for (int c = 0; c < ncomp; c++) {
                base[c] = my * vs[c] * planeW[c];
            }
            for (int mx = 0; mx < mcuX; mx++) {
                if (restartInterval > 0) {
                    if (untilRestart == 0) {
                        seg++;
                        if (seg >= segCount) {
                            return false; // missing RST
                        }
                        bp = segStart[seg] * 8;
                        segEndBits = (long) segStart[seg + 1] * 8;
                        java.util.Arrays.fill(pred, 0);
                        untilRestart = restartInterval;
                    }
                    untilRestart--;
                }
                for (b = 0; b < nb; b++) {
                    int c = bComp[b];
                    // DC: code and value in one lookup when they fit. w holds at least 57 bits from bp,
                    // of which 'used' are consumed; it is reloaded only when fewer than 32 remain.
                    long w = (long) BE.get(s, bp >>> 3) << (bp & 7);
                    int used;
                    int e = bDc[b][(int) (w >>> (64 - LOOK))];
                    int diff;
                    if (e != 0) {
                        used = e & 0xFF;
                        diff = e >> 8;
                    } else {
                        int code = bDcH[b].slowDecode(w);
                        int len = code >>> 16;
                        int t = code & 0xFFFF;
                        if (t > 15) {
                            throw new IllegalStateException("bad DC size");
                        }
                        diff = t == 0 ? 0 : extend((int) ((w << len) >>> (64 - t)), t);
                        used = len + t;
                    }
                    pred[c] += diff;
                    planes[c][base[c] + mx * hs[c] + bOff[b]] = pred[c];
                    // AC: skipped, several coefficients per lookup when they fit.
                    char[] multi = bMulti[b];
                    int k = 1;
                    while (true) {
                        if (used > 57 - 32) {
                            bp += used;
                            w = (long) BE.get(s, bp >>> 3) << (bp & 7);
                            used = 0;
                        }
                        long top = w << used;
                        int idx = (int) (top >>> (64 - LOOK));
                        e = multi[idx];
                        // Cost: coefficients advanced, + 1 for an end of block; 127 when no symbol fits.
                        int nk = k + (e >>> ADV & 0x7F);
                        if (nk <= 64) { // all these symbols belong to this block
                            used += e & BITS;
                            k = nk;
                            if ((e >>> EOB | nk >>> 6) != 0) {
                                break; // end of block, or the 63rd coefficient
                            }
                            continue;
                        }
                        e = bSingle[b][idx];
                        if (e != 0) {
                            used += e & BITS;
                            if (e >>> EOB != 0) {
                                break;
                            }
                            k += e >>> ADV & 0x7F;
                        } else {
                            int code = bAcH[b].slowDecode(top);
                            int rs = code & 0xFF;
                            int sz = rs & 15;
                            int r = rs >> 4;
                            used += (code >>> 16) + sz;
                            if (sz == 0) {
                                if (r != 15) {
                                    break;
                                }
                                k += 16;
                            } else {
                                k += r + 1;
                            }
                        }
                        if (k >= 64) {
                            break;
                        }
                    }
                    bp += used;
                }
                if (bp > segEndBits) {
                    return false; // read past the data of this interval: truncated
                }
            }
        }
        return true;
    }

    /** 128 and the rounding half, in 16.16 fixed point. */
    private static final long Y_OFFSET = (128L << 16) + (1 << 15);

    /** A 16.16 fixed-point value (rounding half already added) as a byte, clamped. */
    private static int clamp16(long v) {
        return v <= 0 ? 0 : v >= 255L << 16 ? 255 : (int) (v >> 16);
    }

    private static int extend(int v, int t) {
        return v < 1 << (t - 1) ? v - (1 << t) + 1 : v;
    }

    /** Lookahead of the lookup tables, in bits. */
    static final int LOOK = 13;
    /** AC table entries (char): bits consumed (5 bits), advance of the coefficient index (7), end of block (1). */
    private static final int BITS = 0x1F;
    private static final int ADV = 5;
    private static final int EOB = 12;
    /**
     * Zero bytes after the copied data: a whole MCU may be read into them before the per-MCU check
     * (a corrupt one that runs further throws, which {@link #decode} turns into "not handled").
     */
    private static final int PAD = 4096;
    private static final VarHandle BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /**
     * Canonical Huffman table (JPEG spec Annex C / F.2.2.3) with 12-bit lookup tables built on demand:
     * for DC, code length + value bits and the decoded difference; for AC, bits and coefficient
     * advance of one symbol, or of as many whole symbols (code + extra bits) as fit.
     */
    private static final class Huffman {
        private final int[] lookLen = new int[1 << LOOK];
        private final int[] lookSym = new int[1 << LOOK];
        private final int[] maxCode = new int[18];
        private final int[] valPtr = new int[17];
        private final int[] minCode = new int[17];
        private final int[] symbols;
        private int[] dcFast;
        private char[] acSingle;
        private char[] acMulti;

        Huffman(int[] counts, int[] symbols) {
            this.symbols = symbols;
            int code = 0;
            int k = 0;
            for (int len = 1; len <= 16; len++) {
                valPtr[len] = k;
                minCode[len] = code;
                for (int i = 0; i < counts[len]; i++) {
                    if (len <= LOOK) {
                        int shift = LOOK - len;
                        for (int f = 0; f < 1 << shift; f++) {
                            int idx = (code << shift) | f;
                            lookLen[idx] = len;
                            lookSym[idx] = symbols[k];
                        }
                    }
                    code++;
                    k++;
                }
                maxCode[len] = counts[len] == 0 ? -1 : code - 1;
                if (code > 1 << len) {
                    throw new IllegalStateException("bad Huffman table");
                }
                code <<= 1;
            }
            maxCode[17] = Integer.MAX_VALUE;
        }

        /** Entry: bits (code + value) | difference << 8; 0 when they do not fit in the lookahead. */
        int[] dcFast() {
            if (dcFast == null) {
                int[] t = new int[1 << LOOK];
                for (int idx = 0; idx < 1 << LOOK; idx++) {
                    int len = lookLen[idx];
                    int size = lookSym[idx];
                    if (len != 0 && size <= 15 && len + size <= LOOK) {
                        int diff = size == 0 ? 0 : extend((idx >>> (LOOK - len - size)) & ((1 << size) - 1), size);
                        t[idx] = (len + size) | diff << 8;
                    }
                }
                dcFast = t;
            }
            return dcFast;
        }

        /** Entry: bits | advance of k << ADV | end of block << EOB, for one symbol; 0: slow path. */
        char[] acSingle() {
            if (acSingle == null) {
                char[] t = new char[1 << LOOK];
                for (int idx = 0; idx < 1 << LOOK; idx++) {
                    t[idx] = (char) acSymbol(idx, LOOK);
                }
                acSingle = t;
            }
            return acSingle;
        }

        /**
         * The same for as many whole symbols as fit, stopping after an end of block, except that the
         * advance includes 1 for the end of block and is 127 when not even one symbol fits.
         */
        char[] acMulti() {
            if (acMulti == null) {
                char[] t = new char[1 << LOOK];
                for (int idx = 0; idx < 1 << LOOK; idx++) {
                    int bits = 0;
                    int adv = 0;
                    int eob = 0;
                    while (eob == 0 && adv < 64) {
                        int e = acSymbol((idx << bits) & ((1 << LOOK) - 1), LOOK - bits);
                        if (e == 0) {
                            break;
                        }
                        bits += e & BITS;
                        adv += e >>> ADV & 0x7F;
                        eob = e >>> EOB;
                    }
                    t[idx] = (char) (bits == 0 ? 127 << ADV : bits | (adv + eob) << ADV | eob << EOB);
                }
                acMulti = t;
            }
            return acMulti;
        }

        /** One AC symbol at the top of a {@code LOOK}-bit index of which {@code avail} bits are real. */
        private int acSymbol(int idx, int avail) {
            int len = lookLen[idx];
            if (len == 0 || len > avail) {
                return 0;
            }
            int rs = lookSym[idx];
            int size = rs & 15;
            int run = rs >> 4;
            if (len + size > avail) {
                return 0;
            }
            if (size != 0) {
                return (len + size) | (run + 1) << ADV;
            }
            return run == 15 ? (len | 16 << ADV) : (len | 1 << EOB);
        }

        /** Decodes one code from the top of {@code w}: code length << 16 | symbol. */
        int slowDecode(long w) {
            int look = (int) (w >>> 48);
            for (int len = 1; len <= 16; len++) {
                int code = look >>> (16 - len);
                if (maxCode[len] >= 0 && code <= maxCode[len] && code >= minCode[len]) {
                    return len << 16 | symbols[valPtr[len] + code - minCode[len]];
                }
            }
            throw new IllegalStateException("bad Huffman code");
        }
    }
}
