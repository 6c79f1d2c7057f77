package maraude.ui.conversation;

import java.util.List;
import java.util.function.Supplier;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;

import maraude.core.triage.ServiceKind;
import maraude.core.triage.ServiceOffer;
import maraude.core.triage.TriageService;
import maraude.ui.ArchiveEvents;
import maraude.ui.BackgroundJobs;
import maraude.ui.JobFamilies;
import maraude.ui.WidgetIds;
import maraude.ui.Formats;

/**
 * The services offered in the shown conversation (a kit sent, a screening proposed…), one button per
 * tag (pressing it withdraws a mistaken tag), and a kind chooser with "Noter" to add one. Tags carry no
 * text; the funders' report counts them. Reading and writing go through jobs.
 */
public final class ServicesBar {

    private final Composite row;
    private final Composite chips;
    private final Combo kinds;
    private final Button add;
    private final Supplier<TriageService> triage;
    private final IEventBroker broker;
    private final Supplier<String> worker;
    /** The workbench's clock: offers are dated by it. */
    private final java.time.Clock clock;
    private String conversationId;
    private List<ServiceOffer> shown = List.of();

    public ServicesBar(Composite parent, Supplier<TriageService> triage, IEventBroker broker, Supplier<String> worker,
            java.time.Clock clock) {
        this.clock = clock;
        this.triage = triage;
        this.broker = broker;
        this.worker = worker;
        row = WidgetIds.tag(new Composite(parent, SWT.NONE), WidgetIds.CONVERSATION_SERVICES);
        GridLayout gl = new GridLayout(4, false);
        gl.marginHeight = 0;
        gl.marginWidth = 0;
        row.setLayout(gl);
        new Label(row, SWT.NONE).setText(Messages.Services_title);
        chips = new Composite(row, SWT.NONE);
        RowLayout rl = new RowLayout(SWT.HORIZONTAL);
        rl.marginTop = 0;
        rl.marginBottom = 0;
        rl.marginLeft = 0;
        chips.setLayout(rl);
        chips.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        kinds = WidgetIds.tag(new Combo(row, SWT.READ_ONLY | SWT.DROP_DOWN), WidgetIds.CONVERSATION_SERVICE_KIND);
        for (ServiceKind k : ServiceKind.values()) {
            kinds.add(k.label());
        }
        kinds.select(0);
        add = WidgetIds.tag(new Button(row, SWT.PUSH), WidgetIds.CONVERSATION_SERVICE_ADD);
        add.setText(Messages.Services_add);
        add.setToolTipText(Messages.Services_addTip);
        add.addListener(SWT.Selection, e -> offer(ServiceKind.values()[Math.max(0, kinds.getSelectionIndex())]));
        show(null);
    }

    public Control control() {
        return row;
    }

    /** Shows the tags of a conversation (null: none shown, nothing can be added). */
    public void show(String id) {
        conversationId = id;
        kinds.setEnabled(id != null);
        add.setEnabled(id != null);
        if (id == null) {
            fill(List.of());
            return;
        }
        BackgroundJobs.schedule(Messages.Services_loading, JobFamilies.SERVICES, () -> {
            List<ServiceOffer> offers = store() == null ? List.of() : store().snapshot().services(id);
            row.getDisplay().asyncExec(() -> {
                if (!row.isDisposed() && id.equals(conversationId)) {
                    fill(offers);
                }
            });
        });
    }

    /** Records that this kind of service was offered in the shown conversation. */
    public void offer(ServiceKind kind) {
        String id = conversationId;
        if (id == null) {
            return;
        }
        change(id, () -> store().offerService(id, kind, clock.instant(), worker.get()));
    }

    /** Withdraws a tag noted by mistake. */
    public void withdraw(ServiceOffer o) {
        change(o.conversationId(), () -> store().withdrawService(o.id()));
    }

    /** The tags shown now (tests). */
    public List<ServiceOffer> shown() {
        return shown;
    }

    private void change(String id, Runnable write) {
        BackgroundJobs.schedule(Messages.Services_saving, JobFamilies.SERVICES, () -> {
            write.run();
            row.getDisplay().asyncExec(() -> {
                if (!row.isDisposed()) {
                    broker.post(ArchiveEvents.TRIAGE_CHANGED, id);
                    show(conversationId);
                }
            });
        });
    }

    private maraude.core.triage.TriageStates store() {
        TriageService t = triage.get();
        return t == null ? null : t.store();
    }

    private void fill(List<ServiceOffer> offers) {
        shown = offers;
        for (Control c : chips.getChildren()) {
            c.dispose();
        }
        if (offers.isEmpty()) {
            new Label(chips, SWT.NONE).setText(Messages.Services_none);
        }
        for (ServiceOffer o : offers) {
            Button b = WidgetIds.tag(new Button(chips, SWT.PUSH | SWT.FLAT), WidgetIds.CONVERSATION_SERVICE);
            b.setText(o.kind().label() + " \u00D7"); //$NON-NLS-1$
            b.setToolTipText(NLS.bind(Messages.Services_withdrawTip,
                    Formats.dateTime(o.at()), o.by().isEmpty() ? "-" : o.by())); //$NON-NLS-1$
            b.addListener(SWT.Selection, e -> withdraw(o));
        }
        row.getParent().layout(true, true);
    }
}
