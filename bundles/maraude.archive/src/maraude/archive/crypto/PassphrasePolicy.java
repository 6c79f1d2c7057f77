package maraude.archive.crypto;

import org.eclipse.osgi.util.NLS;

import maraude.core.archive.ArchiveException;
import maraude.core.archive.ArchiveException.Kind;

/**
 * What a new passphrase must be (protecting an archive, changing its passphrase, encrypting a backup
 * of a plain archive), checked here so that every caller (CLI, workbench) applies the same rule: at
 * least {@value #MIN_LENGTH} characters once the white space at either end is left out, so that twelve
 * spaces, or one letter padded with spaces, are refused.
 */
public final class PassphrasePolicy {

    public static final int MIN_LENGTH = 12;

    private PassphrasePolicy() {
    }

    /** Whether {@code passphrase} may protect an archive. */
    public static boolean acceptable(char[] passphrase) {
        if (passphrase == null) {
            return false;
        }
        int start = 0;
        int end = passphrase.length;
        while (start < end && Character.isWhitespace(passphrase[start])) {
            start++;
        }
        while (end > start && Character.isWhitespace(passphrase[end - 1])) {
            end--;
        }
        return end - start >= MIN_LENGTH;
    }

    /** @throws ArchiveException BAD_INPUT with the rule, when {@code passphrase} is not {@link #acceptable}. */
    public static void check(char[] passphrase) {
        if (!acceptable(passphrase)) {
            throw new ArchiveException(Kind.BAD_INPUT, NLS.bind(Messages.Protection_weakPassphrase, MIN_LENGTH));
        }
    }
}
