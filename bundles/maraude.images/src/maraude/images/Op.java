package maraude.images;

import java.util.ArrayList;
import java.util.List;

import maraude.images.NsfwModel.Tensor;

/** One fused operation of {@link NsfwModel}: reads its input tensors, returns a new one. */
abstract class Op {

    enum Act {
        LINEAR, RELU, RELU6, SOFTMAX
    }

    final String name;
    final String[] inputs;
    /** Activations no longer needed once this op ran. */
    final List<String> frees = new ArrayList<>();

    Op(String name, String[] inputs) {
        this.name = name;
        this.inputs = inputs;
    }

    abstract Tensor apply(Tensor[] in, NsfwModel model);

    static Act act(String keras) {
        return switch (keras == null ? "linear" : keras) { //$NON-NLS-1$
        case "linear" -> Act.LINEAR; //$NON-NLS-1$
        case "relu" -> Act.RELU; //$NON-NLS-1$
        case "softmax" -> Act.SOFTMAX; //$NON-NLS-1$
        default -> throw new IllegalArgumentException("unsupported activation " + keras); //$NON-NLS-1$
        };
    }

    /** Clamps values in place. */
    static void activate(float[] v, Act act) {
        if (act == Act.RELU) {
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.max(v[i], 0f);
            }
        } else if (act == Act.RELU6) {
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.min(Math.max(v[i], 0f), 6f);
            }
        }
    }

    /** An op that can take the following activation in. */
    abstract static class Fusable extends Op {
        Act act = Act.LINEAR;

        Fusable(String name, String[] inputs) {
            super(name, inputs);
        }

        void activation(String keras) {
            act = act(keras);
        }

        boolean fuse(Act a) {
            if (act != Act.LINEAR) {
                return false;
            }
            act = a;
            return true;
        }
    }

    static final class Input extends Op {
        Input(String name) {
            super(name, new String[0]);
        }

        @Override
        Tensor apply(Tensor[] in, NsfwModel model) {
            throw new IllegalStateException();
        }
    }

    static final class Pad extends Op {
        private final int top, bottom, left, right;

        Pad(String name, String[] inputs, int top, int bottom, int left, int right) {
            super(name, inputs);
            this.top = top;
            this.bottom = bottom;
            this.left = left;
            this.right = right;
        }

        @Override
        Tensor apply(Tensor[] in, NsfwModel model) {
            Tensor x = in[0];
            int h = x.h() + top + bottom;
            int w = x.w() + left + right;
            float[] zero = new float[x.c()]; // shared: ops never write their inputs
            float[][] out = new float[h * w][];
            java.util.Arrays.fill(out, zero);
            for (int y = 0; y < x.h(); y++) {
                System.arraycopy(x.px(), y * x.w(), out, (y + top) * w + left, x.w());
            }
            return new Tensor(out, h, w, x.c());
        }
    }

    /**
     * Convolution (kernel {@code [kh][kw][cin][cout]}, kept as one {@code cout} row per tap and input
     * channel) or depthwise convolution (kernel {@code [kh][kw][c]}, one row per tap), bias, optional
     * folded batch normalisation and activation.
     */
    static final class Conv extends Fusable {
        private final float[][] rows;
        private final float[] bias;
        private final int kh, kw, cin, cout, sy, sx;
        private final boolean same, depthwise;

        Conv(String name, String[] inputs, float[] kernel, float[] bias, int kh, int kw, int cin, int cout, int sy, int sx,
                boolean same, boolean depthwise) {
            super(name, inputs);
            this.rows = new float[kernel.length / cout][];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = java.util.Arrays.copyOfRange(kernel, r * cout, r * cout + cout);
            }
            this.bias = bias.clone();
            this.kh = kh;
            this.kw = kw;
            this.cin = cin;
            this.cout = cout;
            this.sy = sy;
            this.sx = sx;
            this.same = same;
            this.depthwise = depthwise;
        }

        /** y = (x - mean) / sqrt(var + eps) * gamma + beta, folded into kernel and bias per output channel. */
        void foldBatchNorm(float[] gamma, float[] beta, float[] mean, float[] var, double eps) {
            for (int co = 0; co < cout; co++) {
                double f = gamma[co] / Math.sqrt(var[co] + eps);
                bias[co] = (float) ((bias[co] - mean[co]) * f + beta[co]);
                for (float[] row : rows) {
                    row[co] = (float) (row[co] * f);
                }
            }
        }

        @Override
        Tensor apply(Tensor[] in, NsfwModel model) {
            Tensor x = in[0];
            int oh;
            int ow;
            int padTop;
            int padLeft;
            if (same) {
                oh = (x.h() + sy - 1) / sy;
                ow = (x.w() + sx - 1) / sx;
                padTop = Math.max((oh - 1) * sy + kh - x.h(), 0) / 2;
                padLeft = Math.max((ow - 1) * sx + kw - x.w(), 0) / 2;
            } else {
                oh = (x.h() - kh) / sy + 1;
                ow = (x.w() - kw) / sx + 1;
                padTop = 0;
                padLeft = 0;
            }
            Tensor y = new Tensor(new float[oh * ow][], oh, ow, cout);
            long perRow = (long) ow * cout * (depthwise ? kh * kw : kh * kw * cin);
            if (depthwise) {
                model.rows(oh, perRow, (a, b) -> depthwise(x, y, a, b, padTop, padLeft));
            } else if (kh == 1 && kw == 1 && sy == 1 && sx == 1) {
                model.rows(oh, perRow, (a, b) -> pointwise(x, y, a, b));
            } else {
                model.rows(oh, perRow, (a, b) -> general(x, y, a, b, padTop, padLeft));
            }
            return y;
        }

        private void pointwise(Tensor x, Tensor y, int fromRow, int toRow) {
            float[][] in = x.px();
            float[][] out = y.px();
            int end = toRow * y.w();
            int p = fromRow * y.w();
            // Four pixels at a time: each kernel row is read once for four outputs, which matters
            // for the late layers whose kernels (up to 1.6 MB) do not fit in the caches.
            for (; p + 4 <= end; p += 4) {
                float[] o0 = bias.clone();
                float[] o1 = bias.clone();
                float[] o2 = bias.clone();
                float[] o3 = bias.clone();
                float[] i0 = in[p];
                float[] i1 = in[p + 1];
                float[] i2 = in[p + 2];
                float[] i3 = in[p + 3];
                for (int ci = 0; ci < cin; ci++) {
                    float a0 = i0[ci];
                    float a1 = i1[ci];
                    float a2 = i2[ci];
                    float a3 = i3[ci];
                    float[] w = rows[ci];
                    for (int c = 0; c < w.length; c++) {
                        float k = w[c];
                        o0[c] += a0 * k;
                        o1[c] += a1 * k;
                        o2[c] += a2 * k;
                        o3[c] += a3 * k;
                    }
                }
                activate(o0, act);
                activate(o1, act);
                activate(o2, act);
                activate(o3, act);
                out[p] = o0;
                out[p + 1] = o1;
                out[p + 2] = o2;
                out[p + 3] = o3;
            }
            for (; p < end; p++) {
                float[] o = bias.clone();
                float[] i = in[p];
                for (int ci = 0; ci < cin; ci++) {
                    float a = i[ci];
                    float[] w = rows[ci];
                    for (int c = 0; c < w.length; c++) {
                        o[c] += a * w[c];
                    }
                }
                activate(o, act);
                out[p] = o;
            }
        }

        private void depthwise(Tensor x, Tensor y, int fromRow, int toRow, int padTop, int padLeft) {
            float[][] in = x.px();
            float[][] out = y.px();
            for (int oy = fromRow; oy < toRow; oy++) {
                for (int ox = 0; ox < y.w(); ox++) {
                    float[] o = bias.clone();
                    for (int ky = 0; ky < kh; ky++) {
                        int iy = oy * sy + ky - padTop;
                        if (iy < 0 || iy >= x.h()) {
                            continue;
                        }
                        for (int kx = 0; kx < kw; kx++) {
                            int ix = ox * sx + kx - padLeft;
                            if (ix < 0 || ix >= x.w()) {
                                continue;
                            }
                            float[] i = in[iy * x.w() + ix];
                            float[] w = rows[ky * kw + kx];
                            for (int ch = 0; ch < o.length; ch++) {
                                o[ch] += i[ch] * w[ch];
                            }
                        }
                    }
                    activate(o, act);
                    out[oy * y.w() + ox] = o;
                }
            }
        }

        private void general(Tensor x, Tensor y, int fromRow, int toRow, int padTop, int padLeft) {
            float[][] in = x.px();
            float[][] out = y.px();
            for (int oy = fromRow; oy < toRow; oy++) {
                for (int ox = 0; ox < y.w(); ox++) {
                    float[] o = bias.clone();
                    for (int ky = 0; ky < kh; ky++) {
                        int iy = oy * sy + ky - padTop;
                        if (iy < 0 || iy >= x.h()) {
                            continue;
                        }
                        for (int kx = 0; kx < kw; kx++) {
                            int ix = ox * sx + kx - padLeft;
                            if (ix < 0 || ix >= x.w()) {
                                continue;
                            }
                            float[] i = in[iy * x.w() + ix];
                            int r0 = (ky * kw + kx) * cin;
                            for (int ci = 0; ci < cin; ci++) {
                                float a = i[ci];
                                float[] w = rows[r0 + ci];
                                for (int c = 0; c < o.length; c++) {
                                    o[c] += a * w[c];
                                }
                            }
                        }
                    }
                    activate(o, act);
                    out[oy * y.w() + ox] = o;
                }
            }
        }
    }

    static final class Add extends Op {
        Add(String name, String[] inputs) {
            super(name, inputs);
        }

        @Override
        Tensor apply(Tensor[] in, NsfwModel model) {
            float[][] a = in[0].px();
            float[][] out = new float[a.length][];
            for (int p = 0; p < a.length; p++) {
                float[] o = a[p].clone();
                for (int k = 1; k < in.length; k++) {
                    float[] b = in[k].px()[p];
                    if (b.length != o.length) {
                        throw new IllegalStateException("add: shapes differ"); //$NON-NLS-1$
                    }
                    for (int i = 0; i < o.length; i++) {
                        o[i] += b[i];
                    }
                }
                out[p] = o;
            }
            return new Tensor(out, in[0].h(), in[0].w(), in[0].c());
        }
    }

    static final class AvgPool extends Op {
        private final int ph, pw, sy, sx;

        AvgPool(String name, String[] inputs, int ph, int pw, int sy, int sx) {
            super(name, inputs);
            this.ph = ph;
            this.pw = pw;
            this.sy = sy;
            this.sx = sx;
        }

        @Override
        Tensor apply(Tensor[] in, NsfwModel model) {
            Tensor x = in[0];
            int oh = (x.h() - ph) / sy + 1;
            int ow = (x.w() - pw) / sx + 1;
            int c = x.c();
            float[][] out = new float[oh * ow][];
            double[] sum = new double[c];
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    java.util.Arrays.fill(sum, 0);
                    for (int y = oy * sy; y < oy * sy + ph; y++) {
                        for (int xx = ox * sx; xx < ox * sx + pw; xx++) {
                            float[] i = x.px()[y * x.w() + xx];
                            for (int ch = 0; ch < c; ch++) {
                                sum[ch] += i[ch];
                            }
                        }
                    }
                    float[] o = new float[c];
                    for (int ch = 0; ch < c; ch++) {
                        o[ch] = (float) (sum[ch] / (ph * pw));
                    }
                    out[oy * ow + ox] = o;
                }
            }
            return new Tensor(out, oh, ow, c);
        }
    }

    static final class Flatten extends Op {
        Flatten(String name, String[] inputs) {
            super(name, inputs);
        }

        @Override
        Tensor apply(Tensor[] in, NsfwModel model) {
            float[][] px = in[0].px();
            int c = in[0].c();
            float[] flat = new float[px.length * c];
            for (int p = 0; p < px.length; p++) {
                System.arraycopy(px[p], 0, flat, p * c, c);
            }
            return new Tensor(new float[][] { flat }, 1, 1, flat.length);
        }
    }

    static final class Dense extends Fusable {
        private final float[] kernel;
        private final float[] bias;
        private final int cin, cout;

        Dense(String name, String[] inputs, float[] kernel, float[] bias, int cin, int cout) {
            super(name, inputs);
            this.kernel = kernel;
            this.bias = bias;
            this.cin = cin;
            this.cout = cout;
        }

        @Override
        Tensor apply(Tensor[] in, NsfwModel model) {
            float[] x = in[0].px()[0];
            if (in[0].px().length != 1 || x.length != cin) {
                throw new IllegalStateException("dense: " + x.length + " inputs, " + cin + " expected"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            }
            float[] out = bias.clone();
            for (int ci = 0; ci < cin; ci++) {
                float a = x[ci];
                int kr = ci * cout;
                for (int c = 0; c < cout; c++) {
                    out[c] += a * kernel[kr + c];
                }
            }
            if (act == Act.SOFTMAX) {
                double max = Double.NEGATIVE_INFINITY;
                for (float v : out) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                double[] e = new double[cout];
                for (int c = 0; c < cout; c++) {
                    e[c] = Math.exp(out[c] - max);
                    sum += e[c];
                }
                for (int c = 0; c < cout; c++) {
                    out[c] = (float) (e[c] / sum);
                }
            } else {
                activate(out, act);
            }
            return new Tensor(new float[][] { out }, 1, 1, cout);
        }
    }
}
