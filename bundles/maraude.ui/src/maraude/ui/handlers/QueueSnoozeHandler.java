package maraude.ui.handlers;

import maraude.ui.parts.QueuePart;

/** S: the selected conversation comes back tomorrow. Enabled only while the queue part is active. */
public class QueueSnoozeHandler extends QueueCommandHandler {

    @Override
    void run(QueuePart queue) {
        queue.snooze();
    }
}
