package maraude.cli;

/** Stops a command with a message for stderr and an exit code. */
public class CliException extends Exception {

    private static final long serialVersionUID = 1L;

    public static final int USAGE = 2;
    public static final int INTERNAL = 1;

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public static CliException usage(String message) {
        return new CliException(USAGE, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
