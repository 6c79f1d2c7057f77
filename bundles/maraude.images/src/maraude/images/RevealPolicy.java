package maraude.images;

/** The team setting deciding whether a worker profile may reveal pictures at all. */
@FunctionalInterface
public interface RevealPolicy {

    RevealPolicy ALLOW_ALL = workerId -> true;

    boolean mayReveal(String workerId);
}
