package maraude.ui.handlers;

import maraude.ui.parts.QueuePart;

/** J: the next conversation of the queue. Enabled only while the queue part is active. */
public class QueueNextHandler extends QueueCommandHandler {

    @Override
    void run(QueuePart queue) {
        queue.next();
    }
}
