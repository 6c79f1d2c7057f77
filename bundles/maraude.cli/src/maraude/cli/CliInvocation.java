package maraude.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveFactory;

/**
 * What a command receives: its own arguments (global options removed), the archive folder, whether
 * to print JSON, and the streams. Helpers parse options the same way for every command.
 */
public final class CliInvocation {

    private final Path archiveFolder;
    private final boolean json;
    private final List<String> args;
    private final PrintStream out;
    private final PrintStream err;
    private final Function<AccessMode, Archive> opener;
    private final String teamAddress;

    public CliInvocation(Path archiveFolder, boolean json, List<String> args, PrintStream out, PrintStream err,
            ArchiveFactory factory) {
        this(archiveFolder, null, json, args, out, err, mode -> factory.open(archiveFolder, mode));
    }

    /**
     * A command on the team archive at {@code teamAddress} (null for a local archive), opened by
     * {@code opener}; {@code archiveFolder} then holds this machine's side files of it.
     */
    public CliInvocation(Path archiveFolder, String teamAddress, boolean json, List<String> args, PrintStream out,
            PrintStream err, Function<AccessMode, Archive> opener) {
        this.archiveFolder = archiveFolder;
        this.teamAddress = teamAddress;
        this.json = json;
        this.args = new ArrayList<>(args);
        this.out = out;
        this.err = err;
        this.opener = opener;
    }

    /** Opens an archive named on the command line: a folder, or a team archive's address. */
    public interface Archives {
        Archive open(String folderOrAddress, AccessMode mode) throws Exception;
    }

    private Archives archives;

    /** Set by the command line before the command runs: how to open other archives than {@code --archive}. */
    public void archives(Archives opener) {
        this.archives = opener;
    }

    /** Opens the archive named {@code folderOrAddress} (a folder, or {@code solr+https://...}); the caller closes it. */
    public Archive openNamed(String folderOrAddress, AccessMode mode) throws Exception {
        if (archives == null) {
            throw CliException.usage("this command line opens no other archive"); //$NON-NLS-1$
        }
        return archives.open(folderOrAddress, mode);
    }

    /** The team archive's address, or null when the archive is a local folder. */
    public String teamAddress() {
        return teamAddress;
    }

    /** What to show as the archive: the team archive's address, else the folder's absolute path. */
    public String archiveName() {
        return teamAddress != null ? teamAddress : archiveFolder.toAbsolutePath().toString();
    }

    public Path archiveFolder() {
        return archiveFolder;
    }

    public boolean json() {
        return json;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    /**
     * The standard input, for what must not be typed as an argument (arguments show in the process
     * list and the shell's history): a note's text, for instance.
     */
    public java.io.InputStream in() {
        return System.in;
    }

    /** Opens the archive; the caller closes it. */
    public Archive openArchive(AccessMode mode) {
        return opener.apply(mode);
    }

    /** Arguments not consumed yet by the option helpers. */
    public List<String> remaining() {
        return List.copyOf(args);
    }

    /** Removes {@code --name} and returns whether it was there. */
    public boolean flag(String name) {
        return args.remove(name);
    }

    /** Removes {@code --name VALUE} (or {@code --name=VALUE}) and returns the value. */
    public Optional<String> option(String name) throws CliException {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals(name)) {
                if (i + 1 >= args.size()) {
                    throw CliException.usage(name + " needs a value"); //$NON-NLS-1$
                }
                String v = args.remove(i + 1);
                args.remove(i);
                return Optional.of(v);
            }
            if (a.startsWith(name + '=')) {
                args.remove(i);
                return Optional.of(a.substring(name.length() + 1));
            }
        }
        return Optional.empty();
    }

    /** Removes every {@code --name VALUE} occurrence. */
    public List<String> options(String name) throws CliException {
        List<String> values = new ArrayList<>();
        for (Optional<String> v = option(name); v.isPresent(); v = option(name)) {
            values.add(v.get());
        }
        return values;
    }

    /** {@code --now INSTANT} for reproducible results, else the clock. */
    public Instant now() throws CliException {
        Optional<String> now = option("--now"); //$NON-NLS-1$
        if (now.isEmpty()) {
            return Instant.now();
        }
        try {
            return Instant.parse(now.get());
        } catch (RuntimeException e) {
            throw CliException.usage("--now expects an ISO instant such as 2026-11-28T10:00:00Z"); //$NON-NLS-1$
        }
    }

    /** Fails with a usage error when arguments are left that the command did not understand. */
    public void noMoreArguments() throws CliException {
        if (!args.isEmpty()) {
            throw CliException.usage("unexpected argument: " + args.get(0)); //$NON-NLS-1$
        }
    }

    /** The one JSON document a reporting command prints. */
    public void printJson(Object document) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        out.println(mapper.writeValueAsString(document));
    }
}
