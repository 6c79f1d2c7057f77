package maraude.cli.commands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import maraude.cli.CliCommand;
import maraude.cli.CliException;
import maraude.cli.CliInvocation;
import maraude.images.DecodeResult;
import maraude.images.DecodedImage;
import maraude.images.ImageLimits;
import maraude.images.ImagePlaceholder;
import maraude.images.ImageService;
import maraude.images.NsfwModel;
import maraude.images.PictureClassifiers;
import maraude.images.SafeImageDecoder;

/**
 * {@code images score FILE...}: the picture model's class and probabilities for picture files, as
 * the import scores them (the safe subsampled decode, then the NSFWJS model), so that the model can
 * be checked from the command line. Reads the files only; nothing is written.
 */
@Component(service = CliCommand.class)
public class ImagesCommand implements CliCommand {

    @Override
    public String name() {
        return "images"; //$NON-NLS-1$
    }

    @Override
    public String summary() {
        return "score picture files with the on-device picture model (class, probabilities, time)"; //$NON-NLS-1$
    }

    @Override
    public String usage() {
        return "maraude images score FILE... [--json]"; //$NON-NLS-1$
    }

    @Override
    public int run(CliInvocation inv) throws Exception {
        List<String> args = inv.remaining();
        if (args.isEmpty() || !args.get(0).equals("score")) { //$NON-NLS-1$
            throw CliException.usage("usage: " + usage()); //$NON-NLS-1$
        }
        List<String> files = args.subList(1, args.size());
        if (files.isEmpty()) {
            throw CliException.usage("images score needs at least one picture file"); //$NON-NLS-1$
        }
        for (String f : files) {
            if (f.startsWith("--")) { //$NON-NLS-1$
                throw CliException.usage("unexpected option: " + f); //$NON-NLS-1$
            }
        }
        NsfwModel model = PictureClassifiers.model();
        if (model == null) {
            throw new CliException(CliException.INTERNAL, "picture model unavailable: " + PictureClassifiers.loadError()); //$NON-NLS-1$
        }
        SafeImageDecoder decoder = new SafeImageDecoder(ImageLimits.DEFAULT);
        List<Map<String, Object>> results = new ArrayList<>();
        boolean bad = false;
        for (String name : files) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("file", name); //$NON-NLS-1$
            Path file = Paths.get(name);
            long t0 = System.nanoTime();
            DecodeResult decoded = Files.isRegularFile(file) ? decoder.decode(file, ImageService.ANALYSIS_SIDE)
                    : new ImagePlaceholder(ImagePlaceholder.Reason.IO_ERROR, "no such file"); //$NON-NLS-1$
            if (decoded instanceof ImagePlaceholder p) {
                bad = true;
                r.put("error", p.reason().name().toLowerCase(Locale.ROOT) //$NON-NLS-1$
                        + (p.detail().isEmpty() ? "" : ": " + p.detail())); //$NON-NLS-1$ //$NON-NLS-2$
                results.add(r);
                continue;
            }
            float[] p = model.predict(((DecodedImage) decoded).image());
            long ms = Math.round((System.nanoTime() - t0) / 1e6);
            int top = 0;
            Map<String, Object> probabilities = new LinkedHashMap<>();
            for (int c = 0; c < p.length; c++) {
                probabilities.put(model.classes().get(c), Math.round(p[c] * 1e6) / 1e6);
                top = p[c] > p[top] ? c : top;
            }
            r.put("class", model.classes().get(top)); //$NON-NLS-1$
            r.put("probabilities", probabilities); //$NON-NLS-1$
            r.put("ms", ms); //$NON-NLS-1$
            results.add(r);
        }
        if (inv.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("model", model.source()); //$NON-NLS-1$
            doc.put("results", results); //$NON-NLS-1$
            inv.printJson(doc);
        } else {
            for (Map<String, Object> r : results) {
                if (r.containsKey("error")) { //$NON-NLS-1$
                    inv.err().println(r.get("file") + ": " + r.get("error")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                } else {
                    inv.out().println(r.get("file") + "\t" + r.get("class") + "\t" + r.get("probabilities") + "\t" //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
                            + r.get("ms") + " ms"); //$NON-NLS-1$ //$NON-NLS-2$
                }
            }
        }
        return bad ? CliException.USAGE : 0;
    }
}
