package maraude.core.demo;

/**
 * Progress of a long generation. Called from the generating thread every few thousand messages;
 * returning {@code false} cancels (what was committed so far stays). Adapts to an
 * {@code IProgressMonitor} in one line: {@code (done, total) -> { sub.setWorkRemaining(...); return !sub.isCanceled(); }}.
 */
@FunctionalInterface
public interface DemoProgress {

    DemoProgress NONE = (done, total) -> true;

    /**
     * @param messagesDone  messages generated so far
     * @param messagesTotal messages asked for
     * @return {@code false} to stop
     */
    boolean update(long messagesDone, long messagesTotal);
}
