package maraude.cli;

/**
 * One command of {@code ./maraude}, registered as an OSGi service: a new command is a new class and
 * a component file, never a switch to edit.
 */
public interface CliCommand {

    /** The word typed after {@code ./maraude}. */
    String name();

    /** One line for {@code --help}. */
    String summary();

    /** Usage line(s) for {@code ./maraude COMMAND --help}. */
    String usage();

    /**
     * Runs the command.
     *
     * @return the exit code: 0 success, 2 bad input or usage, 1 internal failure
     * @throws CliException to stop with a message and an exit code
     */
    int run(CliInvocation invocation) throws Exception;

    /**
     * Whether the command works on a team archive ({@code --archive solr+https://...}) as well: it only
     * goes through {@link CliInvocation#openArchive}. The others need a local archive folder and stop
     * with a usage error on a team archive.
     */
    default boolean worksOnTeamArchive() {
        return false;
    }
}
