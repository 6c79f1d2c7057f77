package maraude.ui.conversation;

import java.util.List;
import java.util.function.Supplier;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;

import maraude.core.archive.Archive;
import maraude.core.model.Contact;
import maraude.core.model.Message;
import maraude.images.ImageService;

/**
 * What the conversation part shows besides the thread text: the pictures column (beside the thread)
 * and the reply panel (below it), and the order in which they follow a conversation change.
 */
public final class ConversationView {

    private final PictureStrip pictures;
    private final ReplyPanel reply;
    private final ImageService images;
    private final Supplier<String> worker;

    /**
     * @param threadArea  a two-column grid whose first column holds the thread text
     * @param replyParent where the reply panel goes (below the thread)
     */
    public ConversationView(Composite threadArea, Composite replyParent, java.util.function.Supplier<Archive> archive, IEventBroker broker,
            ImageService images, Supplier<String> worker, TemplateServices templates, java.time.Clock clock) {
        this.images = images;
        this.worker = worker;
        pictures = new PictureStrip(threadArea);
        GridData pd = new GridData(SWT.FILL, SWT.FILL, false, true);
        pd.widthHint = PictureStrip.preferredWidth();
        pictures.control().setLayoutData(pd);
        setPicturesVisible(false);
        reply = new ReplyPanel(replyParent, archive, broker, worker, templates, clock);
    }

    /** Another conversation (or the same again) is about to load: every picture goes now. */
    public void leaving(String nextConversationId) {
        pictures.clear();
        setPicturesVisible(false);
        reply.loading(nextConversationId);
    }

    /** The conversation is loaded: blur its pictures and suggest replies, both in jobs. */
    public void opened(String conversationId, Contact contact, List<Message> thread, List<PictureStrip.Picture> found,
            TeamFiles.Loaded team) {
        setPicturesVisible(!found.isEmpty());
        if (!found.isEmpty()) {
            pictures.show(found, images, worker.get());
        }
        reply.load(conversationId, contact, thread, team);
    }

    private void setPicturesVisible(boolean visible) {
        pictures.control().setVisible(visible);
        ((GridData) pictures.control().getLayoutData()).exclude = !visible;
        pictures.control().getParent().layout(true, true);
    }

    public PictureStrip pictures() {
        return pictures;
    }

    public ReplyPanel reply() {
        return reply;
    }
}
