package maraude.ui.conversation;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

import maraude.core.archive.Archive;
import maraude.core.model.Attachment;
import maraude.core.model.Message;
import maraude.images.AuditSink;
import maraude.images.BlurLevel;
import maraude.images.BlurResult;
import maraude.images.BlurredImage;
import maraude.images.ImageService;
import maraude.ui.JobFamilies;
import maraude.images.ImageServices;

/**
 * Small blurred thumbnails in a column of a virtual table (search results, the permanence queue):
 * each row's first picture, drawn by the table's owner-draw events. Only blurred derivatives of the
 * archive's blurred cache are ever decoded here (the list size may come from the camera's embedded
 * thumbnail, strongly blurred, until the picture is scored); there is no reveal in lists. Pictures
 * are found and blurred in one job at a time, off the UI thread; SWT images are disposed when the
 * rows change too much, when the archive locks and with the table.
 */
public final class ListThumbnails {

    /** Longest side of a list thumbnail on screen. */
    public static final int SIZE = 32;
    /** Images kept before the oldest ones are dropped. */
    private static final int KEEP = 400;
    private static final String KEY = "maraude.thumbnailKey"; //$NON-NLS-1$

    /** Finds the sha256 of the first picture for a row's key, or {@code null}; runs in the job. */
    public interface Resolver {
        String firstPicture(Archive archive, String key);
    }

    private final Table table;
    private final int column;
    private final Display display;
    private final Supplier<Archive> archive;
    private final Resolver resolver;
    /** UI thread only. */
    private final Map<String, Image> images = new HashMap<>();
    /** UI thread only: keys asked for or known to have no picture. */
    private final Set<String> known = new HashSet<>();
    /** Guarded by itself. */
    private final Deque<String> pending = new ArrayDeque<>();
    private Job worker;
    private long generation;
    private Archive serviceArchive;
    private ImageService service;
    private final ImageServices imageServices;

    private ListThumbnails(Table table, int column, Supplier<Archive> archive, ImageServices imageServices,
            Resolver resolver) {
        this.imageServices = imageServices;
        this.table = table;
        this.column = column;
        this.display = table.getDisplay();
        this.archive = archive;
        this.resolver = resolver;
        table.addListener(SWT.MeasureItem, this::measure);
        table.addListener(SWT.PaintItem, this::paint);
        table.addDisposeListener(e -> clear());
    }

    /**
     * Draws thumbnails in {@code column} of {@code table}; rows are given a key with {@link #show}.
     *
     * @param archive the archive currently open (read in the job; may change after a lock)
     */
    public static ListThumbnails attach(Table table, int column, Supplier<Archive> archive, ImageServices imageServices,
            Resolver resolver) {
        return new ListThumbnails(table, column, archive, imageServices, resolver);
    }

    /** The first picture among the messages (thread order), or {@code null}. */
    public static String firstPicture(List<Message> messages) {
        for (Message m : messages) {
            for (Attachment a : m.attachments()) {
                if (a.isImage()) {
                    return a.sha256();
                }
            }
        }
        return null;
    }

    /** Resolver for rows that are conversations: the thread's first picture. */
    public static final Resolver CONVERSATION = (a, conversationId) -> firstPicture(a.messages(conversationId));

    /**
     * Resolver for rows that are messages, keyed {@code conversationId + '\n' + messageId}: the
     * message's first picture.
     */
    public static final Resolver MESSAGE = (a, key) -> {
        int nl = key.indexOf('\n');
        String conversationId = key.substring(0, nl);
        String messageId = key.substring(nl + 1);
        return firstPicture(a.messages(conversationId).stream().filter(m -> m.id().equals(messageId)).toList());
    };

    /** Adds the thumbnails column to {@code table}: as wide as a thumbnail, its name as a tooltip. */
    public static org.eclipse.swt.widgets.TableColumn column(Table table) {
        org.eclipse.swt.widgets.TableColumn c = new org.eclipse.swt.widgets.TableColumn(table, SWT.CENTER);
        c.setText(""); //$NON-NLS-1$
        c.setToolTipText(Messages.Thumbnails_column);
        c.setWidth(SIZE + 12);
        c.setResizable(false);
        return c;
    }

    /** Binds a row to its key (and starts finding its picture when not known yet). UI thread. */
    public void show(TableItem item, String key) {
        item.setData(KEY, key);
        request(key);
    }

    private void request(String key) {
        if (key != null && known.add(key)) {
            synchronized (pending) {
                pending.addFirst(key); // the rows shown last are the ones on screen
            }
            startWorker();
        }
    }

    /** Whether the row's key has a thumbnail ready. UI thread. */
    public boolean ready(String key) {
        Image img = images.get(key);
        return img != null && !img.isDisposed();
    }

    /**
     * Where the thumbnail of {@code row} is drawn, in display coordinates; {@code null} when it has
     * none (yet). UI thread.
     */
    public Rectangle imageBounds(int row) {
        if (row < 0 || row >= table.getItemCount()) {
            return null;
        }
        TableItem item = table.getItem(row);
        Image img = images.get((String) item.getData(KEY));
        if (img == null || img.isDisposed()) {
            return null;
        }
        Rectangle cell = item.getBounds(column);
        Rectangle b = img.getBounds();
        Point at = origin(cell, b);
        Point onDisplay = table.toDisplay(at.x, at.y);
        return new Rectangle(onDisplay.x, onDisplay.y, b.width, b.height);
    }

    /** The (blurred) pixels drawn for {@code row}, or {@code null}; for tests. UI thread. */
    public ImageData imageData(int row) {
        if (row < 0 || row >= table.getItemCount()) {
            return null;
        }
        Image img = images.get((String) table.getItem(row).getData(KEY));
        return img == null || img.isDisposed() ? null : img.getImageData();
    }

    /** Drops every image and what is known (the archive locked, or another one opened). UI thread. */
    public void clear() {
        generation++;
        synchronized (pending) {
            pending.clear();
        }
        for (Image img : images.values()) {
            img.dispose();
        }
        images.clear();
        known.clear();
        serviceArchive = null;
        service = null;
        if (!table.isDisposed()) {
            table.redraw();
        }
    }

    private void measure(Event e) {
        e.height = Math.max(e.height, SIZE + 4);
    }

    private void paint(Event e) {
        if (e.index != column || !(e.item instanceof TableItem item)) {
            return;
        }
        String key = (String) item.getData(KEY);
        Image img = images.get(key);
        if (img == null || img.isDisposed()) {
            request(key); // dropped to save memory, or asked before a lock: ask again
            return;
        }
        Rectangle b = img.getBounds();
        Point at = origin(item.getBounds(column), b);
        e.gc.drawImage(img, at.x, at.y);
    }

    private static Point origin(Rectangle cell, Rectangle image) {
        return new Point(cell.x + Math.max(0, (cell.width - image.width) / 2),
                cell.y + Math.max(0, (cell.height - image.height) / 2));
    }

    private void startWorker() {
        if (worker != null && worker.getState() != Job.NONE) {
            return;
        }
        long mine = generation;
        Archive current = archive.get();
        if (current == null) {
            return;
        }
        ImageService images = serviceFor(current);
        worker = new Job(Messages.Thumbnails_job) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                while (!monitor.isCanceled()) {
                    String key;
                    synchronized (pending) {
                        key = pending.pollFirst();
                    }
                    if (key == null) {
                        return Status.OK_STATUS;
                    }
                    ImageData data = null;
                    try {
                        String sha = resolver.firstPicture(current, key);
                        if (sha != null) {
                            BlurResult r = images.blurred(sha, SIZE, BlurLevel.AUTO);
                            if (r instanceof BlurredImage b) {
                                data = SwtImages.fromPng(b.png());
                            }
                        }
                    } catch (RuntimeException e) {
                        data = null; // locked, removed or damaged: no thumbnail, the row stays usable
                    }
                    ImageData d = data;
                    if (d != null && !display.isDisposed()) {
                        display.asyncExec(() -> deliver(mine, key, d));
                    }
                }
                return Status.CANCEL_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return JobFamilies.belongsTo(family, JobFamilies.THUMBNAILS);
            }
        };
        worker.setSystem(true);
        worker.addJobChangeListener(new org.eclipse.core.runtime.jobs.JobChangeAdapter() {
            @Override
            public void done(org.eclipse.core.runtime.jobs.IJobChangeEvent event) {
                boolean more;
                synchronized (pending) {
                    more = !pending.isEmpty();
                }
                if (more && !display.isDisposed()) {
                    display.asyncExec(() -> {
                        if (!table.isDisposed()) {
                            startWorker(); // asked for while the job was ending
                        }
                    });
                }
            }
        });
        worker.schedule();
    }

    private void deliver(long mine, String key, ImageData data) {
        if (table.isDisposed() || mine != generation) {
            return;
        }
        if (images.size() >= KEEP) {
            for (Image img : images.values()) {
                img.dispose();
            }
            images.clear();
            known.clear(); // rows painted again ask again
        }
        Image old = images.put(key, new Image(display, data));
        if (old != null) {
            old.dispose();
        }
        known.add(key);
        table.redraw();
    }

    /**
     * One image service per archive, on its blurred cache; lists never reveal, so the policy refuses
     * and nothing is audited.
     */
    private ImageService serviceFor(Archive current) {
        if (service == null || serviceArchive != current) {
            serviceArchive = current;
            service = imageServices.create(current.files(), current::openAttachment, AuditSink.NONE, w -> false);
        }
        return service;
    }
}
