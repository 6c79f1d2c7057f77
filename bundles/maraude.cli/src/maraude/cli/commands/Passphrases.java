package maraude.cli.commands;

import java.io.Console;
import java.nio.file.Path;
import java.util.Arrays;

import maraude.archive.crypto.Keyring;
import maraude.archive.crypto.PassphraseSource;
import maraude.cli.CliException;

/**
 * Passphrases on the command line: {@code MARAUDE_PASSPHRASE} (and {@code MARAUDE_NEW_PASSPHRASE} when
 * changing it), else typed on the terminal without echo. Never an argument: arguments are visible to
 * every user of the machine.
 */
public final class Passphrases {

    static final String NEW_ENV = "MARAUDE_NEW_PASSPHRASE"; //$NON-NLS-1$
    static final int MIN_LENGTH = maraude.archive.crypto.PassphrasePolicy.MIN_LENGTH;

    /** Replaced by tests (environment variables cannot be set from Java). */
    private static volatile PassphraseSource current = PassphraseSource.environmentOrTerminal();
    private static volatile PassphraseSource next = archive -> fromEnvOrTerminal(NEW_ENV,
            "New passphrase for " + archive + ": "); //$NON-NLS-1$ //$NON-NLS-2$

    private Passphrases() {
    }

    /** Tests: where the current and the new passphrase come from (also used by the shared keyring). */
    public static void use(PassphraseSource currentSource, PassphraseSource newSource) {
        current = currentSource;
        next = newSource;
        Keyring.shared().setPassphraseSource(currentSource);
    }

    static char[] current(Path archive) throws CliException {
        char[] p = current.passphraseFor(archive);
        if (p == null || p.length == 0) {
            throw CliException.usage("a passphrase is needed: set MARAUDE_PASSPHRASE or run in a terminal"); //$NON-NLS-1$
        }
        return p;
    }

    /** A new passphrase, typed twice on a terminal; at least 12 characters. */
    static char[] fresh(Path archive) throws CliException {
        char[] p = next.passphraseFor(archive);
        if (p == null || p.length == 0) {
            throw CliException.usage("a new passphrase is needed: set " + NEW_ENV + " or run in a terminal"); //$NON-NLS-1$ //$NON-NLS-2$
        }
        if (!maraude.archive.crypto.PassphrasePolicy.acceptable(p)) {
            Arrays.fill(p, '\0');
            throw CliException.usage("the passphrase must have at least " + MIN_LENGTH //$NON-NLS-1$
                    + " characters, spaces at either end not counted (a few words)"); //$NON-NLS-1$
        }
        return p;
    }

    private static char[] fromEnvOrTerminal(String env, String prompt) {
        String v = System.getenv(env);
        if (v != null && !v.isEmpty()) {
            return v.toCharArray();
        }
        Console c = System.console();
        if (c == null) {
            return null;
        }
        char[] a = c.readPassword("%s", prompt); //$NON-NLS-1$
        char[] b = c.readPassword("%s", "Again: "); //$NON-NLS-1$ //$NON-NLS-2$
        if (a == null || b == null || !Arrays.equals(a, b)) {
            return null;
        }
        Arrays.fill(b, '\0');
        return a;
    }
}
