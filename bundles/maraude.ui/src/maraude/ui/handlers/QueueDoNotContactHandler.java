package maraude.ui.handlers;

import maraude.ui.parts.QueuePart;

/** D: the selected contact is not to be contacted again. Enabled only while the queue part is active. */
public class QueueDoNotContactHandler extends QueueCommandHandler {

    @Override
    void run(QueuePart queue) {
        queue.markDoNotContact();
    }
}
