package maraude.archive.crypto;

import java.io.Console;
import java.nio.file.Path;

import org.eclipse.osgi.util.NLS;

/**
 * Asks for the passphrase of a protected archive when nothing has unlocked it yet. The workbench sets
 * its dialog ({@link Keyring#setPassphraseSource}); the default reads {@code MARAUDE_PASSPHRASE}, then
 * asks on the terminal when there is one.
 */
@FunctionalInterface
public interface PassphraseSource {

    /** Environment variable the command line reads the passphrase from. */
    String ENV = "MARAUDE_PASSPHRASE"; //$NON-NLS-1$

    /** @return the passphrase (the caller wipes it), or null when none can be had */
    char[] passphraseFor(Path archive);

    /** {@code MARAUDE_PASSPHRASE}, else a prompt on the terminal (no echo), else none. */
    static PassphraseSource environmentOrTerminal() {
        return archive -> {
            String env = System.getenv(ENV);
            if (env != null && !env.isEmpty()) {
                return env.toCharArray();
            }
            Console c = System.console();
            if (c != null) {
                return c.readPassword("%s", NLS.bind(Messages.Protection_prompt, archive)); //$NON-NLS-1$
            }
            return null;
        };
    }
}
