package maraude.ui.conversation;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;

import maraude.core.model.Attachment;
import maraude.images.BlurLevel;
import maraude.images.BlurredImage;
import maraude.images.ImagePlaceholder;
import maraude.images.ImageService;
import maraude.images.RevealResult;
import maraude.images.RevealedImage;
import maraude.ui.JobFamilies;
import maraude.ui.WidgetIds;

/**
 * One picture of a conversation: blurred until the worker clicks "show" (a likely explicit picture
 * asks a second time), sharp pixels decoded in a job and kept only in memory, dropped by
 * {@link #reblur()}. A picture that cannot be decoded shows the reason instead.
 */
public final class PictureTile {

    /** Longest side of the picture drawn in a tile, blurred or sharp. */
    public static final int SIZE = 220;

    public enum State {
        LOADING, BLURRED, CONFIRMING, REVEALING, SHARP, UNAVAILABLE
    }

    private final Attachment attachment;
    private final ImageService service;
    private final String worker;
    private final Display display;
    private final Composite root;
    private final Canvas canvas;
    private final Label note;
    private final Button show;
    private Image blurred;
    private Image sharp;
    private boolean explicit;
    private State state = State.LOADING;
    /** Bumped on every reblur: a reveal that finishes afterwards is dropped. */
    private long generation;

    private final Runnable layoutChanged;

    PictureTile(Composite parent, Attachment attachment, String caption, ImageService service, String worker,
            Runnable layoutChanged) {
        this.layoutChanged = layoutChanged;
        this.attachment = attachment;
        this.service = service;
        this.worker = worker;
        display = parent.getDisplay();
        root = WidgetIds.tag(new Composite(parent, SWT.NONE), WidgetIds.CONVERSATION_PICTURE);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        layout.marginHeight = 4;
        root.setLayout(layout);
        root.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        Label title = new Label(root, SWT.NONE);
        title.setText(caption);
        title.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        canvas = WidgetIds.tag(new Canvas(root, SWT.DOUBLE_BUFFERED), WidgetIds.CONVERSATION_PICTURE_IMAGE);
        GridData cd = new GridData(SWT.LEFT, SWT.TOP, false, false);
        cd.widthHint = SIZE;
        cd.heightHint = SIZE;
        canvas.setLayoutData(cd);
        canvas.addPaintListener(e -> paint(e.gc));
        note = new Label(root, SWT.WRAP);
        GridData nd = new GridData(SWT.FILL, SWT.TOP, true, false);
        nd.widthHint = SIZE;
        note.setLayoutData(nd);
        note.setText(Messages.Picture_loading);
        show = WidgetIds.tag(new Button(root, SWT.PUSH), WidgetIds.CONVERSATION_PICTURE_SHOW);
        show.setText(Messages.Picture_show);
        show.setEnabled(false);
        show.addListener(SWT.Selection, e -> clicked());
        root.addDisposeListener(e -> disposeImages());
    }

    private void paint(GC gc) {
        Rectangle area = canvas.getClientArea();
        gc.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_WIDGET_LIGHT_SHADOW));
        gc.fillRectangle(area);
        Image img = state == State.SHARP ? sharp : blurred;
        if (img != null && !img.isDisposed()) {
            Rectangle b = img.getBounds();
            Point at = origin(b);
            gc.drawImage(img, at.x, at.y);
        }
    }

    private Point origin(Rectangle image) {
        Rectangle area = canvas.getClientArea();
        return new Point(Math.max(0, (area.width - image.width) / 2), Math.max(0, (area.height - image.height) / 2));
    }

    private void clicked() {
        switch (state) {
        case BLURRED -> {
            if (explicit) {
                state = State.CONFIRMING;
                note.setText(Messages.Picture_confirmQuestion);
                show.setText(Messages.Picture_confirm);
                relayout();
            } else {
                reveal(false);
            }
        }
        case CONFIRMING -> reveal(true);
        case SHARP -> reblur();
        default -> {
            // loading, decoding or unavailable: nothing to do
        }
        }
    }

    private void reveal(boolean confirmed) {
        state = State.REVEALING;
        show.setEnabled(false);
        note.setText(Messages.Picture_revealing);
        long mine = generation;
        Job job = new Job(Messages.Picture_revealJob) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                RevealResult r = service.reveal(attachment.sha256(), SIZE, worker, confirmed);
                // Sharp pixels go from the decoder into SWT image data and nowhere else.
                ImageData data = r instanceof RevealedImage ri ? SwtImages.fromAwt(ri.image()) : null;
                String reason = r instanceof ImagePlaceholder p ? p.message() : null;
                if (!display.isDisposed()) {
                    display.asyncExec(() -> revealed(mine, data, reason));
                }
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return JobFamilies.belongsTo(family, JobFamilies.PICTURES);
            }
        };
        job.setSystem(true);
        job.schedule();
    }

    private void revealed(long mine, ImageData data, String reason) {
        if (root.isDisposed() || mine != generation || state != State.REVEALING) {
            return; // blurred again (or left) while decoding: the pixels are dropped
        }
        if (data == null) {
            state = State.BLURRED;
            note.setText(NLS.bind(Messages.Picture_unavailable, reason));
            show.setText(Messages.Picture_show);
            show.setEnabled(true);
            relayout();
            return;
        }
        sharp = new Image(root.getDisplay(), data);
        state = State.SHARP;
        note.setText(Messages.Picture_revealed);
        show.setText(Messages.Picture_hide);
        show.setEnabled(true);
        relayout();
        canvas.redraw();
    }

    /** Shows the blurred derivative computed by the strip's job. */
    void blurredReady(ImageData data, BlurredImage info) {
        if (root.isDisposed()) {
            return;
        }
        blurred = new Image(root.getDisplay(), data);
        // The strongest blur is what the team's rules give the pictures that ask twice (PictureRules).
        explicit = info.level() == BlurLevel.STRONG;
        state = State.BLURRED;
        note.setText(explicit || info.level() == BlurLevel.STRONG ? Messages.Picture_explicit : ""); //$NON-NLS-1$
        show.setEnabled(true);
        relayout();
        canvas.redraw();
    }

    void unavailable(String reason) {
        if (root.isDisposed()) {
            return;
        }
        state = State.UNAVAILABLE;
        note.setText(NLS.bind(Messages.Picture_unavailable, reason));
        show.setEnabled(false);
        relayout();
        canvas.redraw();
    }

    /** Drops the sharp pixels, if any, and shows the blurred picture again. */
    public void reblur() {
        generation++;
        if (sharp != null) {
            sharp.dispose();
            sharp = null;
        }
        if (root.isDisposed()) {
            return;
        }
        if (state == State.SHARP || state == State.REVEALING || state == State.CONFIRMING) {
            state = blurred != null ? State.BLURRED : State.LOADING;
            note.setText(explicit ? Messages.Picture_explicit : ""); //$NON-NLS-1$
            show.setText(Messages.Picture_show);
            show.setEnabled(blurred != null);
            relayout();
            canvas.redraw();
        }
    }

    private void relayout() {
        layoutChanged.run();
    }

    private void disposeImages() {
        generation++;
        if (sharp != null) {
            sharp.dispose();
            sharp = null;
        }
        if (blurred != null) {
            blurred.dispose();
            blurred = null;
        }
    }

    public State state() {
        return state;
    }

    public boolean explicit() {
        return explicit;
    }

    public Attachment attachment() {
        return attachment;
    }

    public Canvas canvas() {
        return canvas;
    }

    public Button showButton() {
        return show;
    }

    public String note() {
        return note.getText();
    }

    /** Where the picture is drawn, in display coordinates, or null when none is drawn. */
    public Rectangle imageBounds() {
        Image img = state == State.SHARP ? sharp : blurred;
        if (img == null || img.isDisposed() || canvas.isDisposed()) {
            return null;
        }
        Rectangle b = img.getBounds();
        Point at = canvas.toDisplay(origin(b));
        return new Rectangle(at.x, at.y, Math.min(b.width, canvas.getClientArea().width),
                Math.min(b.height, canvas.getClientArea().height));
    }

    Composite control() {
        return root;
    }
}
