package maraude.cli.commands;

import maraude.cli.CliException;

/** Numeric options. */
final class Limits {

    private Limits() {
    }

    static int positive(String value, String option, int max) throws CliException {
        try {
            int n = Integer.parseInt(value);
            if (n < 1 || n > max) {
                throw CliException.usage(option + " must be between 1 and " + max); //$NON-NLS-1$
            }
            return n;
        } catch (NumberFormatException e) {
            throw CliException.usage(option + " expects a number"); //$NON-NLS-1$
        }
    }
}
