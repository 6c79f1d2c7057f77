package maraude.solr.server;

import java.io.PrintStream;

/** The CLI's entry point with its output captured, for tests in other packages. */
public final class TeamServerCliAccess {

    private TeamServerCliAccess() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new TeamServerCli(out, err).run(args);
    }
}
