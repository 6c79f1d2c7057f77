package maraude.ui.conversation;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;

import maraude.core.model.Attachment;
import maraude.images.BlurLevel;
import maraude.images.BlurResult;
import maraude.images.BlurredImage;
import maraude.images.ImagePlaceholder;
import maraude.images.ImageService;
import maraude.ui.JobFamilies;
import maraude.ui.WidgetIds;

/**
 * The pictures of the open conversation, in thread order, in a scrolled column beside the thread.
 * Only blurred derivatives are decoded for it, in a job; {@link #clear()} and {@link #reblurAll()}
 * drop every sharp picture at once.
 */
public final class PictureStrip {

    /** A picture to show and the line under it (date, author). */
    public record Picture(Attachment attachment, String caption) {
    }

    private final Display display;
    private final ScrolledComposite scroller;
    private final Composite content;
    private final Label title;
    private final List<PictureTile> tiles = new ArrayList<>();
    private Job loading;

    PictureStrip(Composite parent) {
        display = parent.getDisplay();
        scroller = WidgetIds.tag(new ScrolledComposite(parent, SWT.V_SCROLL | SWT.BORDER), WidgetIds.CONVERSATION_PICTURES);
        scroller.setExpandHorizontal(true);
        scroller.setExpandVertical(false);
        content = new Composite(scroller, SWT.NONE);
        content.setLayout(new GridLayout(1, false));
        title = new Label(content, SWT.WRAP);
        title.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        scroller.setContent(content);
        scroller.addListener(SWT.Resize, e -> resize());
    }

    Control control() {
        return scroller;
    }

    /** Width the column needs: a tile and its margins. */
    static int preferredWidth() {
        return PictureTile.SIZE + 40;
    }

    /** Replaces the tiles (every sharp picture goes with the old ones) and starts blurring. */
    void show(List<Picture> pictures, ImageService service, String worker) {
        clear();
        title.setText(NLS.bind(Messages.Pictures_title, pictures.size()));
        for (Picture p : pictures) {
            tiles.add(new PictureTile(content, p.attachment(), p.caption(), service, worker, this::resize));
        }
        resize();
        List<PictureTile> mine = List.copyOf(tiles);
        loading = new Job(Messages.Pictures_job) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                for (PictureTile tile : mine) {
                    if (monitor.isCanceled()) {
                        return Status.CANCEL_STATUS;
                    }
                    BlurResult r;
                    try {
                        r = service.blurred(tile.attachment().sha256(), PictureTile.SIZE, BlurLevel.AUTO);
                    } catch (RuntimeException e) { // a bad hash in an old archive must not stop the others
                        r = new ImagePlaceholder(ImagePlaceholder.Reason.IO_ERROR, e.getClass().getSimpleName());
                    }
                    deliver(tile, r);
                }
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return JobFamilies.belongsTo(family, JobFamilies.PICTURES);
            }
        };
        loading.setSystem(true);
        loading.schedule();
    }

    private void deliver(PictureTile tile, BlurResult r) {
        ImageData data = null;
        String reason = null;
        if (r instanceof BlurredImage b) {
            try {
                data = SwtImages.fromPng(b.png());
            } catch (RuntimeException e) {
                reason = new ImagePlaceholder(ImagePlaceholder.Reason.CORRUPT, "cache").message(); //$NON-NLS-1$
            }
        } else if (r instanceof ImagePlaceholder p) {
            reason = p.message();
        }
        ImageData d = data;
        String why = reason;
        if (!display.isDisposed()) {
            display.asyncExec(() -> {
                if (d != null) {
                    tile.blurredReady(d, (BlurredImage) r);
                } else {
                    tile.unavailable(why);
                }
                resize();
            });
        }
    }

    /** Blurs every picture again (the conversation was left). */
    public void reblurAll() {
        for (PictureTile t : tiles) {
            t.reblur();
        }
    }

    /** Removes every tile and its pixels. */
    void clear() {
        if (loading != null) {
            loading.cancel();
            loading = null;
        }
        for (PictureTile t : tiles) {
            t.reblur();
            t.control().dispose();
        }
        tiles.clear();
        title.setText(""); //$NON-NLS-1$
        resize();
    }

    private void resize() {
        if (content.isDisposed()) {
            return;
        }
        content.setSize(content.computeSize(scroller.getClientArea().width > 0 ? scroller.getClientArea().width : SWT.DEFAULT,
                SWT.DEFAULT));
        content.layout(true, true);
    }

    public List<PictureTile> tiles() {
        return List.copyOf(tiles);
    }
}
