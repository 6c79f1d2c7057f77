package maraude.ui.handlers;

import maraude.ui.parts.QueuePart;

/** H: the selected conversation is handled (a closing is confirmed: no reply needed). Enabled only while the queue part is active. */
public class QueueHandledHandler extends QueueCommandHandler {

    @Override
    void run(QueuePart queue) {
        queue.markHandled();
    }
}
