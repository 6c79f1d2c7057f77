package maraude.archive.crypto;

/** Argon2id at its cheapest, so that tests and benchmarks protect archives in milliseconds; never for real archives. */
public final class CheapKdf {

    public static final KdfParams PARAMS = new KdfParams(1, 1024, 1);

    private CheapKdf() {
    }
}
