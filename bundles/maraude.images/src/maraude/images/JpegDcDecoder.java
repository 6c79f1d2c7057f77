package maraude.images;

import java.awt.image.BufferedImage;

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
    // bit reader
    private long bitBuf;
    private int bitCount;
    private boolean hitMarker;
    /** Zero bytes fed after the data ended; consuming them means the data is truncated. */
    private int phantom;

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
        int[] pred = new int[ncomp];
        int mcus = mcuX * mcuY;
        int untilRestart = restartInterval;
        for (int m = 0; m < mcus; m++) {
            if (restartInterval > 0) {
                if (untilRestart == 0) {
                    restart();
                    java.util.Arrays.fill(pred, 0);
                    untilRestart = restartInterval;
                }
                untilRestart--;
            }
            int mx = m % mcuX;
            int my = m / mcuX;
            for (int c = 0; c < ncomp; c++) {
                Huffman dc = dcTables[dcSel[c]];
                Huffman ac = acTables[acSel[c]];
                for (int v = 0; v < vs[c]; v++) {
                    for (int h = 0; h < hs[c]; h++) {
                        pred[c] += decodeBlock(dc, ac);
                        planes[c][(my * vs[c] + v) * planeW[c] + mx * hs[c] + h] = pred[c];
                    }
                }
            }
            if (phantom * 8 > bitCount) {
                return null; // data ended early: truncated, ImageIO reports it
            }
        }
        int ow = (width + 7) / 8;
        int oh = (height + 7) / 8;
        BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        int[] px = Pixels.data(out);
        int[] q0 = new int[ncomp];
        for (int c = 0; c < ncomp; c++) {
            q0[c] = quant[tq[c]][0];
        }
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                double yy = planes[0][(y * vs[0] / vmax) * planeW[0] + x * hs[0] / hmax] * q0[0] / 8.0 + 128;
                int p;
                if (ncomp == 1) {
                    int g = clamp(yy);
                    p = g << 16 | g << 8 | g;
                } else {
                    double cb = planes[1][(y * vs[1] / vmax) * planeW[1] + x * hs[1] / hmax] * q0[1] / 8.0;
                    double cr = planes[2][(y * vs[2] / vmax) * planeW[2] + x * hs[2] / hmax] * q0[2] / 8.0;
                    p = clamp(yy + 1.402 * cr) << 16 | clamp(yy - 0.344136 * cb - 0.714136 * cr) << 8 | clamp(yy + 1.772 * cb);
                }
                px[y * ow + x] = p;
            }
        }
        return out;
    }

    /** Decodes one block's DC difference and skips its AC coefficients (small method: JIT-friendly). */
    private int decodeBlock(Huffman dc, Huffman ac) {
        int t = dc.decode(this);
        int diff = t == 0 ? 0 : extend(bits(t), t);
        byte[] skipBits = ac.skipBits;
        byte[] skipAdvance = ac.skipAdvance;
        int shift = 64 - Huffman.LOOK;
        for (int k = 1; k < 64;) {
            // Fast path: code and its extra bits in one lookup, nothing stored.
            if (bitCount < 16) {
                fill();
            }
            int look = (int) (bitBuf >>> shift);
            int fastBits = skipBits[look];
            if (fastBits != 0) {
                bitBuf <<= fastBits;
                bitCount -= fastBits;
                k += skipAdvance[look];
                continue;
            }
            int rs = ac.decode(this);
            int s = rs & 15;
            int r = rs >> 4;
            if (s == 0) {
                if (r != 15) {
                    break;
                }
                k += 16;
            } else {
                k += r;
                skip(s);
                k++;
            }
        }
        return diff;
    }

    private static int clamp(double v) {
        return v <= 0 ? 0 : v >= 255 ? 255 : (int) (v + 0.5);
    }

    private static int extend(int v, int t) {
        return v < 1 << (t - 1) ? v - (1 << t) + 1 : v;
    }

    /** Skips to the next RSTn marker and resets the bit reader. */
    private void restart() {
        bitBuf = 0;
        bitCount = 0;
        hitMarker = false;
        phantom = 0;
        while (pos + 1 < d.length) {
            if ((d[pos] & 255) == 0xFF) {
                int m = d[pos + 1] & 255;
                if (m >= 0xD0 && m <= 0xD7) {
                    pos += 2;
                    return;
                }
                if (m != 0 && m != 0xFF) {
                    throw new IllegalStateException("missing RST");
                }
            }
            pos++;
        }
        throw new IllegalStateException("missing RST");
    }

    private void fill() {
        while (bitCount <= 56) {
            int b = 0;
            if (!hitMarker && pos < d.length) {
                b = d[pos] & 255;
                if (b == 0xFF) {
                    int next = pos + 1 < d.length ? d[pos + 1] & 255 : 0xD9;
                    if (next == 0) {
                        pos += 2;
                    } else {
                        hitMarker = true; // a marker: feed zeros, stay before it
                        phantom++;
                        b = 0;
                    }
                } else {
                    pos++;
                }
            } else {
                hitMarker = true;
                phantom++;
            }
            bitBuf |= (long) b << (56 - bitCount);
            bitCount += 8;
        }
    }

    int peek16() {
        if (bitCount < 16) {
            fill();
        }
        return (int) (bitBuf >>> 48);
    }

    void consume(int n) {
        bitBuf <<= n;
        bitCount -= n;
    }

    private int bits(int n) {
        if (bitCount < n) {
            fill();
        }
        int v = (int) (bitBuf >>> (64 - n));
        consume(n);
        return v;
    }

    private void skip(int n) {
        if (bitCount < n) {
            fill();
        }
        consume(n);
    }

    /** Canonical Huffman table with a 12-bit lookahead (JPEG spec Annex C / F.2.2.3). */
    private static final class Huffman {
        static final int LOOK = 12;
        private final int[] lookLen = new int[1 << LOOK];
        private final int[] lookSym = new int[1 << LOOK];
        private final int[] maxCode = new int[18];
        private final int[] valPtr = new int[17];
        private final int[] minCode = new int[17];
        private final int[] symbols;
        /** For AC tables: bits (code + extra) to skip one coefficient, 0 when the slow path is needed. */
        final byte[] skipBits = new byte[1 << LOOK];
        /** How far k moves: r + 1, 16 for ZRL, 64 for end of block. */
        final byte[] skipAdvance = new byte[1 << LOOK];

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
            for (int idx = 0; idx < 1 << LOOK; idx++) {
                int len = lookLen[idx];
                if (len == 0) {
                    continue;
                }
                int rs = lookSym[idx];
                int size = rs & 15;
                int run = rs >> 4;
                if (len + size <= LOOK) {
                    skipBits[idx] = (byte) (len + size);
                    skipAdvance[idx] = (byte) (size != 0 ? run + 1 : run == 15 ? 16 : 64);
                }
            }
        }

        int decode(JpegDcDecoder r) {
            int look = r.peek16();
            int fast = look >>> (16 - LOOK);
            int len = lookLen[fast];
            if (len != 0) {
                r.consume(len);
                return lookSym[fast];
            }
            for (len = LOOK + 1; len <= 16; len++) {
                int code = look >>> (16 - len);
                if (maxCode[len] >= 0 && code <= maxCode[len] && code >= minCode[len]) {
                    r.consume(len);
                    return symbols[valPtr[len] + code - minCode[len]];
                }
            }
            throw new IllegalStateException("bad Huffman code");
        }
    }
}
