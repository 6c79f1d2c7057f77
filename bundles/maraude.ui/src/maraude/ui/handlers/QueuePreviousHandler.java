package maraude.ui.handlers;

import maraude.ui.parts.QueuePart;

/** K: the previous conversation of the queue. Enabled only while the queue part is active. */
public class QueuePreviousHandler extends QueueCommandHandler {

    @Override
    void run(QueuePart queue) {
        queue.previous();
    }
}
