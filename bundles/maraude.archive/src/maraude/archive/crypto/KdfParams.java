package maraude.archive.crypto;

/**
 * Argon2id cost: {@code iterations} passes over {@code memoryKiB} of memory with {@code parallelism}
 * lanes. The default (t=3, m=64 MiB, p=1) takes about 300 ms on an office laptop: slow enough to make
 * guessing a team passphrase costly, fast enough at unlock.
 */
public record KdfParams(int iterations, int memoryKiB, int parallelism) {

    public static final KdfParams DEFAULT = new KdfParams(3, 64 * 1024, 1);

    public KdfParams {
        if (iterations < 1 || iterations > 100 || memoryKiB < 8 || memoryKiB > 4 * 1024 * 1024 || parallelism < 1
                || parallelism > 64) {
            throw new IllegalArgumentException("Argon2id parameters out of range"); //$NON-NLS-1$
        }
    }
}
