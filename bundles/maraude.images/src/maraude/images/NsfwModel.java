package maraude.images;

import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The NSFWJS MobileNetV2 picture classifier (npm package nsfwjs, MIT licence, see model/LICENSE-nsfwjs)
 * run in plain Java: a small interpreter of the Keras layers its model uses (zero padding,
 * convolution, depthwise convolution, batch normalisation, ReLU6, add, average pooling, flatten,
 * dense, dropout, softmax), with each batch normalisation folded into the convolution before it and
 * each ReLU into the layer before it, so that a layer is one pass over memory.
 *
 * <p>The weights come from the file {@code model/nsfwjs-mobilenet_v2.bin} of this bundle, converted
 * from the package by {@code maraude.images.tests/nsfwjs-reference/convert.js} (uint8 values and the
 * published dequantisation {@code q * scale + min}, exactly as TensorFlow.js reads them).</p>
 *
 * <p>Input preparation is NSFWJS's: RGB divided by 255, bilinear resize with aligned corners to
 * 224×224 (no aspect ratio kept). A tensor is one float array of channels per pixel (row after
 * row), and kernels one array per input channel or tap: the innermost loops then run over whole
 * arrays from index 0, which the JIT vectorises (with offsets into one shared array it cannot rule
 * out overlaps and runs them scalar, about 7 times slower here).</p>
 *
 * <p>Immutable after loading, thread-safe: each call allocates its own activations (about 5 MB
 * live at the peak, the 112×112×96 expansion).</p>
 */
public final class NsfwModel {

    /** The model file inside this bundle. */
    public static final String RESOURCE = "/model/nsfwjs-mobilenet_v2.bin"; //$NON-NLS-1$

    /** Input side the model was trained with. */
    public static final int SIZE = 224;

    private final List<Op> ops;
    private final String source;
    private final List<String> classes;
    private final int parallelism;

    private NsfwModel(List<Op> ops, String source, List<String> classes, int parallelism) {
        this.ops = ops;
        this.source = source;
        this.classes = classes;
        this.parallelism = parallelism;
    }

    /** Loads the model shipped in this bundle. */
    public static NsfwModel loadBundled() throws IOException {
        try (InputStream in = NsfwModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("model file missing: " + RESOURCE); //$NON-NLS-1$
            }
            return load(in);
        }
    }

    /** Reads a model file (see the converter for its format). */
    public static NsfwModel load(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
        List<String[]> tensorLines = new ArrayList<>();
        List<String[]> layerLines = new ArrayList<>();
        String source = ""; //$NON-NLS-1$
        List<String> classes = List.of();
        String output = null;
        String first = readLine(in);
        if (!first.startsWith("model nsfwjs-mobilenet_v2 1")) { //$NON-NLS-1$
            throw new IOException("not a model file"); //$NON-NLS-1$
        }
        for (String line = readLine(in); !line.equals("end"); line = readLine(in)) { //$NON-NLS-1$
            String[] p = line.split(" "); //$NON-NLS-1$
            switch (p[0]) {
            case "source" -> source = line.substring(7); //$NON-NLS-1$
            case "classes" -> classes = List.of(p).subList(1, p.length); //$NON-NLS-1$
            case "tensor" -> tensorLines.add(p); //$NON-NLS-1$
            case "layer" -> layerLines.add(p); //$NON-NLS-1$
            case "output" -> output = p[1]; //$NON-NLS-1$
            case "input" -> { //$NON-NLS-1$
                if (!line.equals("input 224 224 3")) { //$NON-NLS-1$
                    throw new IOException("unexpected input shape: " + line); //$NON-NLS-1$
                }
            }
            default -> throw new IOException("unknown model line: " + p[0]); //$NON-NLS-1$
            }
        }
        Map<String, float[]> weights = new HashMap<>();
        Map<String, int[]> shapes = new HashMap<>();
        byte[] q = new byte[0];
        for (String[] t : tensorLines) {
            int[] shape = java.util.Arrays.stream(t[2].split(",")).mapToInt(Integer::parseInt).toArray(); //$NON-NLS-1$
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            double min = Double.parseDouble(t[3]);
            double scale = Double.parseDouble(t[4]);
            if (q.length < n) {
                q = new byte[n];
            }
            in.readFully(q, 0, n);
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) ((q[i] & 0xff) * scale + min); // TensorFlow.js: values[i] = v * scale + min
            }
            weights.put(t[1], v);
            shapes.put(t[1], shape);
        }
        if (in.read() != -1) {
            throw new IOException("trailing bytes after the weights"); //$NON-NLS-1$
        }
        if (classes.size() != 5 || output == null) {
            throw new IOException("incomplete model header"); //$NON-NLS-1$
        }
        List<Op> ops = compile(layerLines, weights, shapes, output);
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        return new NsfwModel(ops, source, classes, threads);
    }

    /** The model's class names, in the order of {@link #predict}'s probabilities. */
    public List<String> classes() {
        return classes;
    }

    /** Where the weights come from: package, version, integrity, folder. */
    public String source() {
        return source;
    }

    /** Class probabilities of an RGB picture of any size (NSFWJS's preparation, then the network). */
    public float[] predict(BufferedImage rgb) {
        return forward(input(rgb));
    }

    /**
     * NSFWJS's input: {@code tf.image.resizeBilinear(pixels / 255, [224, 224], alignCorners=true)},
     * skipped when the picture already is 224×224.
     */
    static float[] input(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        float[] src = new float[w * h * 3];
        for (int i = 0; i < w * h; i++) {
            int p = argb[i];
            src[i * 3] = ((p >> 16) & 0xff) / 255f;
            src[i * 3 + 1] = ((p >> 8) & 0xff) / 255f;
            src[i * 3 + 2] = (p & 0xff) / 255f;
        }
        if (w == SIZE && h == SIZE) {
            return src;
        }
        float[] out = new float[SIZE * SIZE * 3];
        // TensorFlow.js CPU resizeBilinear, alignCorners: scale = (in - 1) / (out - 1), no half-pixel shift.
        double sy = (h - 1) / (double) (SIZE - 1);
        double sx = (w - 1) / (double) (SIZE - 1);
        for (int r = 0; r < SIZE; r++) {
            double fr = sy * r;
            int r0 = (int) Math.floor(fr);
            double dr = fr - r0;
            int r1 = Math.min(h - 1, (int) Math.ceil(fr));
            for (int c = 0; c < SIZE; c++) {
                double fc = sx * c;
                int c0 = (int) Math.floor(fc);
                double dc = fc - c0;
                int c1 = Math.min(w - 1, (int) Math.ceil(fc));
                for (int k = 0; k < 3; k++) {
                    double tl = src[(r0 * w + c0) * 3 + k];
                    double tr = src[(r0 * w + c1) * 3 + k];
                    double bl = src[(r1 * w + c0) * 3 + k];
                    double br = src[(r1 * w + c1) * 3 + k];
                    double top = tl + (tr - tl) * dc;
                    double bottom = bl + (br - bl) * dc;
                    out[(r * SIZE + c) * 3 + k] = (float) (top + (bottom - top) * dr);
                }
            }
        }
        return out;
    }

    /** The network on a prepared 224×224×3 input; returns the softmax probabilities. */
    float[] forward(float[] input) {
        if (input.length != SIZE * SIZE * 3) {
            throw new IllegalArgumentException("input size " + input.length); //$NON-NLS-1$
        }
        Map<String, Tensor> live = new HashMap<>();
        live.put(ops.get(0).name, Tensor.of(input, SIZE, SIZE, 3));
        Tensor last = null;
        for (int i = 1; i < ops.size(); i++) {
            Op op = ops.get(i);
            Tensor[] in = new Tensor[op.inputs.length];
            for (int k = 0; k < in.length; k++) {
                in[k] = live.get(op.inputs[k]);
            }
            last = op.apply(in, this);
            live.put(op.name, last);
            for (String dead : op.frees) {
                live.remove(dead);
            }
        }
        return last.px()[0];
    }

    /** Runs {@code body(from, to)} over row ranges of {@code rows}, split across a few threads when worth it. */
    void rows(int rows, long workPerRow, RowBody body) {
        int parts = workPerRow * rows < 400_000 ? 1 : Math.min(parallelism, rows);
        if (parts == 1) {
            body.run(0, rows);
            return;
        }
        IntStream.range(0, parts).parallel().forEach(p -> body.run(rows * p / parts, rows * (p + 1) / parts));
    }

    @FunctionalInterface
    interface RowBody {
        void run(int from, int to);
    }

    /** {@code px[y * w + x]} holds the {@code c} channels of pixel (x, y). */
    record Tensor(float[][] px, int h, int w, int c) {

        static Tensor of(float[] flat, int h, int w, int c) {
            float[][] px = new float[h * w][];
            for (int i = 0; i < px.length; i++) {
                px[i] = java.util.Arrays.copyOfRange(flat, i * c, i * c + c);
            }
            return new Tensor(px, h, w, c);
        }
    }

    private static String readLine(DataInputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        for (int x = in.read(); x != '\n'; x = in.read()) {
            if (x < 0 || b.size() > 4096) {
                throw new IOException("bad model header"); //$NON-NLS-1$
            }
            b.write(x);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    // ---- compilation of the Keras layer list into fused operations ----

    private static List<Op> compile(List<String[]> layerLines, Map<String, float[]> weights, Map<String, int[]> shapes,
            String output) throws IOException {
        List<Layer> layers = new ArrayList<>();
        Map<String, Layer> byName = new HashMap<>();
        for (String[] p : layerLines) {
            Map<String, String> cfg = new HashMap<>();
            for (int i = 4; i < p.length; i++) {
                int eq = p[i].indexOf('=');
                cfg.put(p[i].substring(0, eq), p[i].substring(eq + 1));
            }
            Layer l = new Layer(p[2], p[1], p[3].equals("-") ? new String[0] : p[3].split(","), cfg); //$NON-NLS-1$ //$NON-NLS-2$
            layers.add(l);
            byName.put(l.name, l);
        }
        Map<String, Integer> consumers = new HashMap<>();
        for (Layer l : layers) {
            for (String in : l.inputs) {
                consumers.merge(in, 1, Integer::sum);
            }
        }
        // Fusion: a BatchNormalization, ReLU or Dropout whose only input has no other consumer is
        // merged into the operation that produced that input; its name becomes an alias of that op.
        List<Op> ops = new ArrayList<>();
        Map<String, Op> producing = new HashMap<>(); // layer name -> op computing it
        Map<String, String> alias = new HashMap<>(); // layer name -> op name holding its value
        for (Layer l : layers) {
            String[] in = new String[l.inputs.length];
            for (int i = 0; i < in.length; i++) {
                in[i] = alias.getOrDefault(l.inputs[i], l.inputs[i]);
            }
            Op prev = in.length == 1 ? producing.get(in[0]) : null;
            boolean fusable = prev != null && consumers.getOrDefault(l.inputs[0], 0) == 1;
            switch (l.type) {
            case "InputLayer" -> add(ops, producing, new Op.Input(l.name)); //$NON-NLS-1$
            case "ZeroPadding2D" -> { //$NON-NLS-1$
                int[] p = ints(l.cfg.get("padding")); // top, bottom, left, right //$NON-NLS-1$
                add(ops, producing, new Op.Pad(l.name, in, p[0], p[1], p[2], p[3]));
            }
            case "Conv2D", "DepthwiseConv2D" -> { //$NON-NLS-1$ //$NON-NLS-2$
                boolean depthwise = l.type.equals("DepthwiseConv2D"); //$NON-NLS-1$
                requireDefaults(l, "dilation_rate", "1,1"); //$NON-NLS-1$ //$NON-NLS-2$
                if (depthwise) {
                    requireDefaults(l, "depth_multiplier", "1"); //$NON-NLS-1$ //$NON-NLS-2$
                }
                String kname = l.name + (depthwise ? "/depthwise_kernel" : "/kernel"); //$NON-NLS-1$ //$NON-NLS-2$
                float[] k = need(weights, kname);
                int[] ks = shapes.get(kname);
                int[] stride = ints(l.cfg.get("strides")); //$NON-NLS-1$
                int cout = depthwise ? ks[2] : ks[3];
                float[] bias = Boolean.parseBoolean(l.cfg.get("use_bias")) ? need(weights, l.name + "/bias") //$NON-NLS-1$ //$NON-NLS-2$
                        : new float[cout];
                Op.Conv c = new Op.Conv(l.name, in, k, bias, ks[0], ks[1], depthwise ? 1 : ks[2], cout, stride[0],
                        stride[1], l.cfg.get("padding").equals("same"), depthwise); //$NON-NLS-1$ //$NON-NLS-2$
                c.activation(l.cfg.get("activation")); //$NON-NLS-1$
                add(ops, producing, c);
            }
            case "BatchNormalization" -> { //$NON-NLS-1$
                float[] gamma = need(weights, l.name + "/gamma"); //$NON-NLS-1$
                float[] beta = need(weights, l.name + "/beta"); //$NON-NLS-1$
                float[] mean = need(weights, l.name + "/moving_mean"); //$NON-NLS-1$
                float[] var = need(weights, l.name + "/moving_variance"); //$NON-NLS-1$
                double eps = Double.parseDouble(l.cfg.get("epsilon")); //$NON-NLS-1$
                if (!fusable || !(prev instanceof Op.Conv conv) || conv.act != Op.Act.LINEAR) {
                    throw new IOException("batch normalisation not after a convolution: " + l.name); //$NON-NLS-1$
                }
                conv.foldBatchNorm(gamma, beta, mean, var, eps);
                alias.put(l.name, prev.name);
            }
            case "ReLU" -> { //$NON-NLS-1$
                double max = Double.parseDouble(l.cfg.getOrDefault("max_value", "NaN")); //$NON-NLS-1$ //$NON-NLS-2$
                requireDefaults(l, "negative_slope", "0"); //$NON-NLS-1$ //$NON-NLS-2$
                requireDefaults(l, "threshold", "0"); //$NON-NLS-1$ //$NON-NLS-2$
                Op.Act act = max == 6 ? Op.Act.RELU6 : Double.isNaN(max) ? Op.Act.RELU : null;
                if (act == null || !fusable || !(prev instanceof Op.Fusable f) || !f.fuse(act)) {
                    throw new IOException("unsupported ReLU: " + l.name); //$NON-NLS-1$
                }
                alias.put(l.name, prev.name);
            }
            case "Dropout" -> alias.put(l.name, in[0]); // identity at inference //$NON-NLS-1$
            case "Add" -> add(ops, producing, new Op.Add(l.name, in)); //$NON-NLS-1$
            case "AveragePooling2D" -> { //$NON-NLS-1$
                int[] pool = ints(l.cfg.get("pool_size")); //$NON-NLS-1$
                int[] stride = ints(l.cfg.get("strides")); //$NON-NLS-1$
                if (!l.cfg.get("padding").equals("valid")) { //$NON-NLS-1$ //$NON-NLS-2$
                    throw new IOException("unsupported pooling padding: " + l.name); //$NON-NLS-1$
                }
                add(ops, producing, new Op.AvgPool(l.name, in, pool[0], pool[1], stride[0], stride[1]));
            }
            case "Flatten" -> add(ops, producing, new Op.Flatten(l.name, in)); //$NON-NLS-1$
            case "Dense" -> { //$NON-NLS-1$
                float[] k = need(weights, l.name + "/kernel"); //$NON-NLS-1$
                int[] ks = shapes.get(l.name + "/kernel"); //$NON-NLS-1$
                float[] bias = Boolean.parseBoolean(l.cfg.get("use_bias")) ? need(weights, l.name + "/bias") //$NON-NLS-1$ //$NON-NLS-2$
                        : new float[ks[1]];
                Op.Dense d = new Op.Dense(l.name, in, k, bias, ks[0], ks[1]);
                d.activation(l.cfg.get("activation")); //$NON-NLS-1$
                add(ops, producing, d);
            }
            default -> throw new IOException("unsupported layer type: " + l.type); //$NON-NLS-1$
            }
        }
        String out = alias.getOrDefault(output, output);
        if (!ops.get(ops.size() - 1).name.equals(out) || !(ops.get(0) instanceof Op.Input)) {
            throw new IOException("the output must be the last layer"); //$NON-NLS-1$
        }
        // Free each activation after its last reader.
        Map<String, Integer> lastUse = new HashMap<>();
        for (int i = 0; i < ops.size(); i++) {
            for (String s : ops.get(i).inputs) {
                lastUse.put(s, i);
            }
        }
        for (Map.Entry<String, Integer> e : lastUse.entrySet()) {
            ops.get(e.getValue()).frees.add(e.getKey());
        }
        return List.copyOf(ops);
    }

    private static void add(List<Op> ops, Map<String, Op> producing, Op op) {
        ops.add(op);
        producing.put(op.name, op);
    }

    private static void requireDefaults(Layer l, String key, String expected) throws IOException {
        String v = l.cfg.get(key);
        if (v != null && !v.equals(expected) && !(expected.equals("0") && Double.parseDouble(v) == 0)) { //$NON-NLS-1$
            throw new IOException("unsupported " + key + "=" + v + " in " + l.name); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        }
    }

    private static float[] need(Map<String, float[]> weights, String name) throws IOException {
        float[] w = weights.get(name);
        if (w == null) {
            throw new IOException("missing weights: " + name); //$NON-NLS-1$
        }
        return w;
    }

    private static int[] ints(String csv) {
        return java.util.Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray(); //$NON-NLS-1$
    }

    private record Layer(String name, String type, String[] inputs, Map<String, String> cfg) {
    }
}
