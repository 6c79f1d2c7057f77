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

    /** Clamps a row of values in place. */
    static void activate(float[] v, int from, int to, Act act) {
        if (act == Act.RELU) {
            for (int i = from; i < to; i++) {
                v[i] = Math.max(v[i], 0f);
            }
        } else if (act == Act.RELU6) {
            for (int i = from; i < to; i++) {
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
            float[] out = new float[h * w * x.c()];
            int rowLen = x.w() * x.c();
            for (int y = 0; y < x.h(); y++) {
                System.arraycopy(x.data(), y * rowLen, out, ((y + top) * w + left) * x.c(), rowLen);
            }
            return new Tensor(out, h, w, x.c());
        }
    }

    /**
     * Convolution (kernel {@code [kh][kw][cin][cout]}) or depthwise convolution (kernel
     * {@code [kh][kw][c]}), bias, optional folded batch normalisation and activation.
     */
    static final class Conv extends Fusable {
        private final float[] kernel;
        private float[] bias;
        private final int kh, kw, cin, cout, sy, sx;
        private final boolean same, depthwise;

        Conv(String name, String[] inputs, float[] kernel, float[] bias, int kh, int kw, int cin, int cout, int sy, int sx,
                boolean same, boolean depthwise) {
            super(name, inputs);
            this.kernel = kernel.clone();
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
                for (int i = co; i < kernel.length; i += cout) {
                    kernel[i] = (float) (kernel[i] * f);
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
            float[] out = new float[oh * ow * cout];
            Tensor y = new Tensor(out, oh, ow, cout);
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
            float[] in = x.data();
            float[] out = y.data();
            float[] k = kernel;
            int co = cout;
            int end = toRow * y.w();
            int p = fromRow * y.w();
            // Four pixels at a time: each kernel row is read once for four outputs, which matters
            // for the late layers whose kernels (up to 1.6 MB) do not fit in the caches.
            for (; p + 4 <= end; p += 4) {
                int o = p * co;
                for (int q = 0; q < 4; q++) {
                    System.arraycopy(bias, 0, out, o + q * co, co);
                }
                int i = p * cin;
                int o1 = o + co;
                int o2 = o1 + co;
                int o3 = o2 + co;
                for (int ci = 0; ci < cin; ci++) {
                    float a0 = in[i + ci];
                    float a1 = in[i + cin + ci];
                    float a2 = in[i + 2 * cin + ci];
                    float a3 = in[i + 3 * cin + ci];
                    int kr = ci * co;
                    for (int c = 0; c < co; c++) {
                        float w = k[kr + c];
                        out[o + c] += a0 * w;
                        out[o1 + c] += a1 * w;
                        out[o2 + c] += a2 * w;
                        out[o3 + c] += a3 * w;
                    }
                }
                activate(out, o, o + 4 * co, act);
            }
            for (; p < end; p++) {
                int o = p * co;
                System.arraycopy(bias, 0, out, o, co);
                int i = p * cin;
                for (int ci = 0; ci < cin; ci++) {
                    float a = in[i + ci];
                    int kr = ci * co;
                    for (int c = 0; c < co; c++) {
                        out[o + c] += a * k[kr + c];
                    }
                }
                activate(out, o, o + co, act);
            }
        }

        private void depthwise(Tensor x, Tensor y, int fromRow, int toRow, int padTop, int padLeft) {
            float[] in = x.data();
            float[] out = y.data();
            int c = cout;
            for (int oy = fromRow; oy < toRow; oy++) {
                for (int ox = 0; ox < y.w(); ox++) {
                    int o = (oy * y.w() + ox) * c;
                    System.arraycopy(bias, 0, out, o, c);
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
                            int i = (iy * x.w() + ix) * c;
                            int kb = (ky * kw + kx) * c;
                            for (int ch = 0; ch < c; ch++) {
                                out[o + ch] += in[i + ch] * kernel[kb + ch];
                            }
                        }
                    }
                    activate(out, o, o + c, act);
                }
            }
        }

        private void general(Tensor x, Tensor y, int fromRow, int toRow, int padTop, int padLeft) {
            float[] in = x.data();
            float[] out = y.data();
            int co = cout;
            for (int oy = fromRow; oy < toRow; oy++) {
                for (int ox = 0; ox < y.w(); ox++) {
                    int o = (oy * y.w() + ox) * co;
                    System.arraycopy(bias, 0, out, o, co);
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
                            int i = (iy * x.w() + ix) * cin;
                            for (int ci = 0; ci < cin; ci++) {
                                float a = in[i + ci];
                                int kr = ((ky * kw + kx) * cin + ci) * co;
                                for (int c = 0; c < co; c++) {
                                    out[o + c] += a * kernel[kr + c];
                                }
                            }
                        }
                    }
                    activate(out, o, o + co, act);
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
            float[] out = in[0].data().clone();
            for (int k = 1; k < in.length; k++) {
                float[] b = in[k].data();
                if (b.length != out.length) {
                    throw new IllegalStateException("add: shapes differ"); //$NON-NLS-1$
                }
                for (int i = 0; i < out.length; i++) {
                    out[i] += b[i];
                }
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
            float[] out = new float[oh * ow * c];
            double[] sum = new double[c];
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    java.util.Arrays.fill(sum, 0);
                    for (int y = oy * sy; y < oy * sy + ph; y++) {
                        for (int xx = ox * sx; xx < ox * sx + pw; xx++) {
                            int i = (y * x.w() + xx) * c;
                            for (int ch = 0; ch < c; ch++) {
                                sum[ch] += x.data()[i + ch];
                            }
                        }
                    }
                    int o = (oy * ow + ox) * c;
                    for (int ch = 0; ch < c; ch++) {
                        out[o + ch] = (float) (sum[ch] / (ph * pw));
                    }
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
            return new Tensor(in[0].data(), 1, 1, in[0].data().length);
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
            float[] x = in[0].data();
            if (x.length != cin) {
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
                activate(out, 0, cout, act);
            }
            return new Tensor(out, 1, 1, cout);
        }
    }
}
