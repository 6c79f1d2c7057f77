package maraude.ui.parts;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.services.EContextService;
import org.eclipse.e4.ui.services.EMenuService;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import maraude.core.archive.Archive;
import maraude.core.report.RegisterCsv;
import maraude.core.triage.ContactFlags;
import maraude.core.triage.RegisterEntry;
import maraude.core.triage.TriageService;
import maraude.ui.ArchiveEvents;
import maraude.ui.BackgroundJobs;
import maraude.ui.Formats;
import maraude.ui.JobFamilies;
import maraude.ui.Messages;
import maraude.ui.WidgetIds;
import maraude.ui.Workers;
import maraude.ui.retention.ForgetContactJob;
import maraude.ui.dialogs.Dialogs;

/**
 * The contact register, what teams kept in shared spreadsheets: every contact, the first exchange,
 * replies, follow-ups sent and the next one the policy proposes; filters, flags (do not contact
 * again, caution with a note) and a CSV export.
 */
public class ContactRegisterPart {

    public static final String ID = "maraude.part.register"; //$NON-NLS-1$
    /** The register's context menu in the application model. */
    public static final String POPUP = "maraude.popup.register"; //$NON-NLS-1$
    /** The binding context of the register's keys (Application.e4xmi), active while this part is. */
    public static final String CONTEXT = "maraude.context.register"; //$NON-NLS-1$

    private enum Filter {
        ALL, DUE, UNKNOWN_PUBLIC, FLAGGED
    }

    @Inject
    private TriageService triage;
    @Inject
    private UISynchronize sync;
    @Inject
    private IEventBroker broker;
    @Inject
    private EPartService partService;
    /** The open archive; null while locked. */
    @Inject
    @Optional
    private volatile Archive archive;
    @Inject
    private MPart part;
    @Inject
    private EMenuService menus;
    @Inject
    private EContextService contexts;
    /** The workbench's one clock ({@link maraude.ui.Clocks}). */
    @Inject
    @Optional
    private java.time.Clock clock;

    private Text filterText;
    private Combo filter;
    private Table table;
    private List<RegisterEntry> all = List.of();
    private List<RegisterEntry> rows = List.of();
    private Instant now;

    @PostConstruct
    void create(Composite parent) {
        now = maraude.ui.Clocks.now(clock);
        parent.setLayout(new GridLayout(3, false));
        filterText = WidgetIds.tag(new Text(parent, SWT.SEARCH | SWT.ICON_SEARCH | SWT.BORDER), WidgetIds.REGISTER_FILTER);
        filterText.setMessage(Messages.Register_filterHint);
        filterText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        filterText.addModifyListener(e -> applyFilter());
        filter = WidgetIds.tag(new Combo(parent, SWT.READ_ONLY), WidgetIds.REGISTER_KIND);
        filter.setItems(Messages.Register_all, Messages.Register_due, Messages.Register_unknown, Messages.Register_flagged);
        filter.select(0);
        filter.addListener(SWT.Selection, e -> applyFilter());
        Button export = new Button(parent, SWT.PUSH);
        export.setText(Messages.Register_export);
        export.addListener(SWT.Selection, e -> export());

        table = WidgetIds.tag(new Table(parent, SWT.VIRTUAL | SWT.FULL_SELECTION | SWT.BORDER), WidgetIds.REGISTER_TABLE);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (String title : new String[] { Messages.Register_colContact, Messages.Register_colPlatform,
                Messages.Register_colFirst, Messages.Register_colReplies, Messages.Register_colFollowUps,
                Messages.Register_colNext, Messages.Register_colStatus, ReadingMessages.Register_colOptOut }) {
            TableColumn c = new TableColumn(table, SWT.LEFT);
            c.setText(title);
            c.setWidth(110);
        }
        table.addListener(SWT.SetData, e -> {
            TableItem item = (TableItem) e.item;
            int i = table.indexOf(item);
            if (i >= 0 && i < rows.size()) {
                RegisterEntry r = rows.get(i);
                item.setText(new String[] { r.contactName(), r.platform().key(), Formats.dateTime(r.firstContact()),
                        Integer.toString(r.replies()), Integer.toString(r.followUpsSent()),
                        r.nextFollowUp() == null ? "" : Formats.dateTime(r.nextFollowUp()), status(r), optOut(r) }); //$NON-NLS-1$
            }
        });
        table.addListener(SWT.DefaultSelection, e -> {
            RegisterEntry r = selected();
            if (r != null && r.conversationId() != null) {
                broker.send(ArchiveEvents.OPEN_CONVERSATION, new ArchiveEvents.OpenConversation(r.conversationId(), null, null));
                partService.showPart(ConversationPart.ID, PartState.VISIBLE);
            }
        });
        // The context menu is the model's (Application.e4xmi): its items are commands, "Forget" has a key.
        menus.registerContextMenu(table, POPUP);
        contexts.activateContext(CONTEXT);
        reload();
    }

    private static String status(RegisterEntry r) {
        StringBuilder sb = new StringBuilder();
        if (r.flags() != null && r.flags().caution()) {
            sb.append("⚠ ").append(r.flags().cautionNote()).append(' '); //$NON-NLS-1$
        }
        if (r.flags() != null && r.flags().doNotContact()) {
            sb.append(Messages.Register_statusDnc).append(' ');
        }
        if (r.neverAnswered()) {
            sb.append(Messages.Register_statusUnknown);
        }
        return sb.toString().strip();
    }

    /** Who asked not to be contacted and when; who marked the contact "do not contact" and when. */
    static String optOut(RegisterEntry r) {
        if (r.flags() != null && r.flags().doNotContact()) {
            String by = r.flags().updatedBy().isEmpty() ? "" : r.flags().updatedBy() + ", "; //$NON-NLS-1$ //$NON-NLS-2$
            return NLS.bind(ReadingMessages.Register_doNotContact,
                    by + (r.flags().updatedAt() == null ? "" : Formats.dateTime(r.flags().updatedAt()))); //$NON-NLS-1$
        }
        return r.optedOutAt() == null ? "" : NLS.bind(ReadingMessages.Register_optedOut, Formats.dateTime(r.optedOutAt())); //$NON-NLS-1$
    }

    /** Whether a contact is selected (the menu's commands act on it). */
    public boolean hasSelection() {
        return table != null && !table.isDisposed() && selected() != null;
    }

    private RegisterEntry selected() {
        int i = table.getSelectionIndex();
        return i < 0 || i >= rows.size() ? null : rows.get(i);
    }

    private ContactFlags flagsOf(RegisterEntry r) {
        return r.flags() != null ? r.flags() : ContactFlags.none(r.contactId());
    }

    public void toggleDoNotContact() {
        RegisterEntry r = selected();
        if (r != null) {
            ContactFlags f = flagsOf(r);
            save(new ContactFlags(f.contactId(), !f.doNotContact(), f.caution(), f.cautionNote(), maraude.ui.Clocks.now(clock),
                    Workers.current(), f.language()));
        }
    }

    public void editCaution() {
        RegisterEntry r = selected();
        if (r == null) {
            return;
        }
        ContactFlags f = flagsOf(r);
        InputDialog d = Dialogs.input(table.getShell(), Messages.Register_caution, Messages.Register_cautionPrompt,
                f.cautionNote(), null);
        if (d.open() == Window.OK) {
            String note = d.getValue().strip();
            save(new ContactFlags(f.contactId(), f.doNotContact(), !note.isEmpty(), note, maraude.ui.Clocks.now(clock), Workers.current(),
                    f.language()));
        }
    }

    /**
     * "Forget this contact…": counts in a job what would go, asks, then erases the person from the
     * archive (right to be forgotten); the views refresh on {@link ArchiveEvents#CHANGED}.
     */
    public void forgetSelected() {
        RegisterEntry r = selected();
        if (r != null) {
            new ForgetContactJob(() -> archive, broker, r.contactId(), r.contactName(),
                    new ForgetContactJob.Dialogs(table.getShell())).schedule();
        }
    }

    private void save(ContactFlags flags) {
        Job job = Job.create(Messages.Queue_saving, (IProgressMonitor m) -> {
            try {
                triage.store().setContactFlags(flags);
            } catch (maraude.core.triage.TriageConflictException e) {
                // a team archive: another worker changed this contact first; nothing was written (#18)
                table.getDisplay().asyncExec(() -> {
                    if (!table.isDisposed()) {
                        maraude.ui.dialogs.Dialogs.warning(table.getShell(), maraude.ui.team.Messages.Team_conflictTitle,
                                maraude.ui.team.Messages.Team_conflict);
                    }
                });
            }
            broker.post(ArchiveEvents.TRIAGE_CHANGED, flags.contactId());
            return Status.OK_STATUS;
        });
        job.schedule();
    }

    private void export() {
        FileDialog d = new FileDialog(table.getShell(), SWT.SAVE);
        d.setFileName("registre-contacts.csv"); //$NON-NLS-1$
        d.setOverwrite(true);
        String file = d.open();
        if (file == null) {
            return;
        }
        List<RegisterEntry> shown = rows;
        Job.create(Messages.Register_export, (IProgressMonitor m) -> {
            try (OutputStream out = Files.newOutputStream(Path.of(file))) {
                RegisterCsv.write(shown, ZoneId.systemDefault(), out);
            } catch (java.io.IOException e) {
                return Status.error(NLS.bind(Messages.Register_exportFailed, file), e);
            }
            return Status.OK_STATUS;
        }).schedule();
    }

    @Inject
    @Optional
    void archiveChanged(@UIEventTopic(ArchiveEvents.CHANGED) Object ignored) {
        refreshIfShown();
    }

    @Inject
    @Optional
    void triageChanged(@UIEventTopic(ArchiveEvents.TRIAGE_CHANGED) Object ignored) {
        refreshIfShown();
    }

    private void refreshIfShown() {
        if (table != null && !table.isDisposed()) {
            reload();
        }
    }

    private void reload() {
        BackgroundJobs.schedule(Messages.Dashboard_loading, JobFamilies.REGISTER, () -> {
            Instant at = maraude.ui.Clocks.now(clock);
            List<RegisterEntry> entries = triage.register(at);
            sync.asyncExec(() -> {
                if (!table.isDisposed()) {
                    now = at;
                    all = entries;
                    applyFilter();
                }
            });
        });
    }

    private void applyFilter() {
        String q = filterText.getText().strip().toLowerCase(Locale.ROOT);
        Filter kind = Filter.values()[Math.max(0, filter.getSelectionIndex())];
        Instant weekEnd = now.plus(java.time.Duration.ofDays(7));
        rows = all.stream().filter(r -> q.isEmpty() || r.contactName().toLowerCase(Locale.ROOT).contains(q))
                .filter(r -> switch (kind) {
                    case ALL -> true;
                    case DUE -> r.nextFollowUp() != null && r.nextFollowUp().isBefore(weekEnd);
                    case UNKNOWN_PUBLIC -> r.neverAnswered();
                    case FLAGGED -> r.flags() != null && (r.flags().caution() || r.flags().doNotContact());
                }).toList();
        table.clearAll();
        table.setItemCount(rows.size());
        part.setLabel(NLS.bind(Messages.Register_title, rows.size()));
    }

    /** Rows shown, for tests. */
    public List<RegisterEntry> rows() {
        return rows;
    }

    @Focus
    void focus() {
        filterText.setFocus();
    }
}
