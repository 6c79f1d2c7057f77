package maraude.ui.sources;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.function.Supplier;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.imports.ImportOptions;
import maraude.imports.ImportReport;
import maraude.imports.ImportService;
import maraude.sources.Sources;
import maraude.sources.phone.PhoneDrop;
import maraude.sources.phone.QrCode;
import maraude.sources.phone.UploadImporter;
import maraude.ui.ArchiveEvents;
import maraude.ui.JobFamilies;
import maraude.ui.WidgetIds;

/**
 * "Receive from phone": starts the HTTPS phone drop (in a Job: the first start makes a
 * certificate), shows the QR code of the one-time URL, the URL, the short code and the
 * certificate's fingerprint, and stops the server when the dialog closes. Every upload imported
 * posts {@link ArchiveEvents#CHANGED} so that the views reload.
 */
public class PhoneDropDialog extends Dialog {

    /** Widget ids for tests: {@code WidgetIds.tag}. */
    public static final String ID_URL = "phonedrop.url"; //$NON-NLS-1$
    public static final String ID_CODE = "phonedrop.code"; //$NON-NLS-1$
    public static final String ID_FINGERPRINT = "phonedrop.fingerprint"; //$NON-NLS-1$
    public static final String ID_QR = "phonedrop.qr"; //$NON-NLS-1$
    public static final String ID_STATUS = "phonedrop.status"; //$NON-NLS-1$


    private static final int QR_SCALE = 6;

    private final Archive archive;
    private final ImportService imports;
    private final IEventBroker broker;
    private final Supplier<PhoneDrop.Config> config;
    private volatile PhoneDrop drop;
    private volatile boolean closed;
    private Label qr;
    private Image qrImage;
    private Text url;
    private Label code;
    private Label codeHint;
    private Text fingerprint;
    private Label status;

    public PhoneDropDialog(Shell parent, Archive archive, ImportService imports, IEventBroker broker,
            Supplier<PhoneDrop.Config> config) {
        super(parent);
        this.archive = archive;
        this.imports = imports;
        this.broker = broker;
        this.config = config;
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    /** The running drop, null until started (tests). */
    public PhoneDrop drop() {
        return drop;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(Messages.PhoneDrop_title);
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.CLOSE_ID, Messages.PhoneDrop_close, true);
    }

    @Override
    protected void buttonPressed(int buttonId) {
        if (buttonId == IDialogConstants.CLOSE_ID) {
            close();
        } else {
            super.buttonPressed(buttonId);
        }
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Composite c = new Composite(area, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(12, 6).applyTo(c);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(c);

        Label intro = new Label(c, SWT.WRAP);
        intro.setText(Messages.PhoneDrop_intro);
        GridDataFactory.fillDefaults().span(2, 1).hint(520, SWT.DEFAULT).applyTo(intro);

        qr = WidgetIds.tag(new Label(c, SWT.CENTER), ID_QR);
        GridDataFactory.swtDefaults().span(2, 1).align(SWT.CENTER, SWT.CENTER).hint(260, 260).applyTo(qr);
        qr.setText(Messages.PhoneDrop_starting);

        new Label(c, SWT.NONE).setText(Messages.PhoneDrop_url);
        url = WidgetIds.tag(new Text(c, SWT.READ_ONLY | SWT.BORDER), ID_URL);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(url);

        new Label(c, SWT.NONE).setText(Messages.PhoneDrop_code);
        code = WidgetIds.tag(new Label(c, SWT.NONE), ID_CODE);
        code.setFont(org.eclipse.jface.resource.JFaceResources.getHeaderFont());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(code);
        codeHint = new Label(c, SWT.WRAP);
        GridDataFactory.fillDefaults().span(2, 1).hint(520, SWT.DEFAULT).applyTo(codeHint);

        new Label(c, SWT.NONE).setText(Messages.PhoneDrop_fingerprint);
        fingerprint = WidgetIds.tag(new Text(c, SWT.READ_ONLY | SWT.WRAP | SWT.MULTI), ID_FINGERPRINT);
        GridDataFactory.fillDefaults().grab(true, false).hint(360, SWT.DEFAULT).applyTo(fingerprint);
        Label fpHint = new Label(c, SWT.WRAP);
        fpHint.setText(Messages.PhoneDrop_fingerprintHint);
        GridDataFactory.fillDefaults().span(2, 1).hint(520, SWT.DEFAULT).applyTo(fpHint);

        status = WidgetIds.tag(new Label(c, SWT.WRAP), ID_STATUS);
        GridDataFactory.fillDefaults().span(2, 1).hint(520, SWT.DEFAULT).applyTo(status);

        if (archive == null || archive.accessMode() != AccessMode.READ_WRITE) {
            status.setText(Messages.PhoneDrop_readOnly);
            qr.setText(""); //$NON-NLS-1$
        } else if (!config.get().phoneCanReach()) {
            // a QR code of https://127.0.0.1 would send the phone to itself: say why there is none
            status.setText(NLS.bind(Messages.PhoneDrop_noNetwork, maraude.sources.phone.TlsIdentity.interfacesSeen()));
            qr.setText(""); //$NON-NLS-1$
        } else {
            status.setText(Messages.PhoneDrop_starting);
            start(c.getDisplay());
        }
        return area;
    }

    private void start(Display display) {
        Path folder = archive.location().resolve(Sources.PHONE_DROP_DIR);
        UploadImporter importer = UploadImporter.into(archive, imports,
                ImportOptions.defaults().withZone(maraude.core.archive.TeamZone.of(archive.files())));
        Job job = new Job(Messages.PhoneDrop_job) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    // a protected archive's uploads never reach the disk in clear
                    PhoneDrop.Config cfg = config.get().withInMemory(config.get().inMemory() || archive.files().encrypted());
                    PhoneDrop d = PhoneDrop.start(folder, cfg, importer, r -> received(display, r));
                    if (closed) {
                        d.close(); // the dialog went away while the server started
                        return Status.OK_STATUS;
                    }
                    drop = d;
                    display.asyncExec(() -> show(d));
                } catch (Exception e) {
                    // The class only: messages of TLS errors may name paths; nothing sensitive, but short.
                    display.asyncExec(() -> {
                        if (!status.isDisposed()) {
                            status.setText(NLS.bind(Messages.PhoneDrop_failed, e.getClass().getSimpleName()));
                            qr.setText(""); //$NON-NLS-1$
                        }
                    });
                }
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return JobFamilies.belongsTo(family, JobFamilies.PHONE_DROP);
            }
        };
        job.setSystem(true);
        job.schedule();
    }

    private void show(PhoneDrop d) {
        if (qr.isDisposed()) {
            return;
        }
        String u = d.url().toString();
        qrImage = new Image(qr.getDisplay(), imageData(QrCode.matrix(u, QrCode.QUIET_ZONE), QR_SCALE));
        qr.setText(""); //$NON-NLS-1$
        qr.setImage(qrImage);
        url.setText(u);
        code.setText(d.shortCode().substring(0, 3) + ' ' + d.shortCode().substring(3));
        codeHint.setText(NLS.bind(Messages.PhoneDrop_codeHint, d.codeUrl()));
        fingerprint.setText(d.fingerprint());
        String until = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
                .format(d.expires().atZone(ZoneId.systemDefault()));
        status.setText(NLS.bind(Messages.PhoneDrop_waiting, until));
        getShell().layout(true, true);
        getShell().pack();
    }

    private void received(Display display, ImportReport r) {
        if (broker != null) {
            broker.post(ArchiveEvents.CHANGED, Boolean.TRUE);
        }
        display.asyncExec(() -> {
            if (!status.isDisposed()) {
                status.setText(NLS.bind(Messages.PhoneDrop_received, r.messagesAdded(), r.duplicatesSkipped()));
            }
        });
    }

    /** One pixel per module times {@code scale}, black on white, 1 bit deep. */
    static ImageData imageData(boolean[][] m, int scale) {
        int size = m.length * scale;
        ImageData data = new ImageData(size, size, 1, new PaletteData(new RGB(255, 255, 255), new RGB(0, 0, 0)));
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (m[y / scale][x / scale]) {
                    data.setPixel(x, y, 1);
                }
            }
        }
        return data;
    }

    @Override
    public boolean close() {
        closed = true;
        PhoneDrop d = drop;
        drop = null;
        if (d != null) {
            d.close(); // the port closes now: nothing is received once the dialog is gone
        }
        boolean result = super.close();
        if (qrImage != null && !qrImage.isDisposed()) {
            qrImage.dispose();
        }
        return result;
    }
}
