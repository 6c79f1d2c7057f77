package maraude.ui.templates;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.e4.ui.di.Persist;
import org.eclipse.e4.ui.model.application.ui.MDirtyable;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import maraude.core.archive.Archive;
import maraude.core.archive.FileChangedException;
import maraude.templates.Category;
import maraude.templates.CheckContext;
import maraude.templates.Finding;
import maraude.templates.Languages;
import maraude.templates.OutingCheck;
import maraude.templates.Template;
import maraude.templates.TemplateFormatException;
import maraude.templates.TemplateLibrary;
import maraude.templates.TeamTemplates;
import maraude.ui.ArchiveEvents;
import maraude.ui.BackgroundJobs;
import maraude.ui.JobFamilies;
import maraude.ui.WidgetIds;
import maraude.ui.Workers;
import maraude.ui.dialogs.Dialogs;

/**
 * The team's reply templates: the shipped library merged with {@code <archive>/templates.json} (on a
 * team archive, the team's on the servers, {@link TeamTemplates})
 * (left, filtered by language and category), and an editor for one template (right) whose text is
 * checked for outing risks as it is typed. Saving writes the team file atomically in a job; a shipped
 * template edited is saved as a team copy with the same id, which overrides it. Sets are exported and
 * imported as files of the library's format, validated before anything is stored.
 */
public class TemplateEditorPart {

    public static final String ID = "maraude.part.templates"; //$NON-NLS-1$

    @Inject
    private Archive archive;
    @Inject
    private UISynchronize sync;
    @Inject
    private IEventBroker broker;

    private final List<String> languages = Languages.SUPPORTED;
    private List<Template> shipped = List.of();
    private List<Template> team = List.of();
    /** The version {@link #team} was read at: a save on a team archive is refused if another worker saved since. */
    private String teamVersion;
    private List<Template> effective = List.of();
    private List<Template> rows = List.of();
    /** The id of the template in the editor; null for a new one not yet saved. */
    private String editingId;
    private boolean dirty;
    /** The part, dirty while the editor holds unsaved changes: the save prompt on quit asks then. */
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    private MDirtyable dirtyable;
    private boolean filling;
    private List<Finding> findings = List.of();

    private Combo languageFilter;
    private Combo categoryFilter;
    private Table table;
    private Text id;
    private Text title;
    private Combo category;
    private Combo language;
    private Button bulk;
    private Text text;
    private Text keywords;
    private Text examples;
    private Label warnings;
    private Label status;
    private Button delete;

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));

        Composite left = new Composite(sash, SWT.NONE);
        left.setLayout(new GridLayout(2, true));
        languageFilter = WidgetIds.tag(new Combo(left, SWT.READ_ONLY), WidgetIds.TEMPLATES_FILTER_LANGUAGE);
        List<String> langItems = new ArrayList<>(List.of(Messages.Editor_allLanguages));
        langItems.addAll(languages);
        languageFilter.setItems(langItems.toArray(String[]::new));
        languageFilter.select(0);
        languageFilter.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        languageFilter.addListener(SWT.Selection, e -> applyFilter());
        categoryFilter = WidgetIds.tag(new Combo(left, SWT.READ_ONLY), WidgetIds.TEMPLATES_FILTER_CATEGORY);
        List<String> catItems = new ArrayList<>(List.of(Messages.Editor_allCategories));
        Arrays.stream(Category.values()).map(TemplateEditorPart::categoryName).forEach(catItems::add);
        categoryFilter.setItems(catItems.toArray(String[]::new));
        categoryFilter.select(0);
        categoryFilter.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        categoryFilter.addListener(SWT.Selection, e -> applyFilter());

        table = WidgetIds.tag(new Table(left, SWT.FULL_SELECTION | SWT.SINGLE | SWT.BORDER), WidgetIds.TEMPLATES_TABLE);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        int[] widths = { 220, 50, 100, 110 };
        String[] titles = { Messages.Editor_colTitle, Messages.Editor_colLanguage, Messages.Editor_colCategory,
                Messages.Editor_colOrigin };
        for (int i = 0; i < titles.length; i++) {
            TableColumn c = new TableColumn(table, SWT.LEFT);
            c.setText(titles[i]);
            c.setWidth(widths[i]);
        }
        table.addListener(SWT.Selection, e -> {
            int i = table.getSelectionIndex();
            if (i >= 0 && i < rows.size()) {
                show(rows.get(i));
            }
        });
        Composite setButtons = new Composite(left, SWT.NONE);
        setButtons.setLayout(new GridLayout(2, true));
        setButtons.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        button(setButtons, Messages.Editor_export, WidgetIds.TEMPLATES_EXPORT, this::exportSet);
        button(setButtons, Messages.Editor_import, WidgetIds.TEMPLATES_IMPORT, this::importSet);

        Composite right = new Composite(sash, SWT.NONE);
        right.setLayout(new GridLayout(4, false));
        label(right, Messages.Editor_id);
        id = WidgetIds.tag(new Text(right, SWT.BORDER), WidgetIds.TEMPLATES_ID);
        id.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        label(right, Messages.Editor_titleField);
        title = WidgetIds.tag(new Text(right, SWT.BORDER), WidgetIds.TEMPLATES_TITLE);
        title.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        label(right, Messages.Editor_category);
        category = WidgetIds.tag(new Combo(right, SWT.READ_ONLY), WidgetIds.TEMPLATES_CATEGORY);
        category.setItems(Arrays.stream(Category.values()).map(TemplateEditorPart::categoryName).toArray(String[]::new));
        category.select(0);
        label(right, Messages.Editor_language);
        language = WidgetIds.tag(new Combo(right, SWT.READ_ONLY), WidgetIds.TEMPLATES_LANGUAGE);
        language.setItems(languages.toArray(String[]::new));
        language.select(0);
        bulk = WidgetIds.tag(new Button(right, SWT.CHECK), WidgetIds.TEMPLATES_BULK);
        bulk.setText(Messages.Editor_bulk);
        bulk.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1));

        text = area(right, Messages.Editor_text, WidgetIds.TEMPLATES_TEXT, 8);
        warnings = WidgetIds.tag(new Label(right, SWT.WRAP), WidgetIds.TEMPLATES_WARNINGS);
        warnings.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 4, 1));
        keywords = area(right, Messages.Editor_keywords, WidgetIds.TEMPLATES_KEYWORDS, 3);
        examples = area(right, Messages.Editor_examples, WidgetIds.TEMPLATES_EXAMPLES, 4);

        Composite buttons = new Composite(right, SWT.NONE);
        buttons.setLayout(new GridLayout(4, true));
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1));
        button(buttons, Messages.Editor_new, WidgetIds.TEMPLATES_NEW, this::newTemplate);
        button(buttons, Messages.Editor_duplicate, WidgetIds.TEMPLATES_DUPLICATE, this::duplicate);
        delete = button(buttons, Messages.Editor_delete, WidgetIds.TEMPLATES_DELETE, this::deleteTemplate);
        button(buttons, Messages.Editor_save, WidgetIds.TEMPLATES_SAVE, this::save);
        status = WidgetIds.tag(new Label(right, SWT.WRAP), WidgetIds.TEMPLATES_STATUS);
        status.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 4, 1));
        sash.setWeights(2, 3);

        for (Control c : new Control[] { id, title, text, keywords, examples }) {
            ((Text) c).addModifyListener(e -> edited());
        }
        category.addListener(SWT.Selection, e -> edited());
        language.addListener(SWT.Selection, e -> edited());
        bulk.addListener(SWT.Selection, e -> edited());
        delete.setEnabled(false);
        reload(null);
    }

    private static void label(Composite parent, String s) {
        new Label(parent, SWT.NONE).setText(s);
    }

    private static Text area(Composite parent, String label, String widgetId, int lines) {
        Label l = new Label(parent, SWT.NONE);
        l.setText(label);
        l.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1));
        Text t = WidgetIds.tag(new Text(parent, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL), widgetId);
        GridData gd = new GridData(SWT.FILL, SWT.FILL, true, lines > 4, 4, 1);
        gd.heightHint = t.getLineHeight() * lines;
        t.setLayoutData(gd);
        return t;
    }

    private static Button button(Composite parent, String label, String widgetId, Runnable action) {
        Button b = WidgetIds.tag(new Button(parent, SWT.PUSH), widgetId);
        b.setText(label);
        b.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        b.addListener(SWT.Selection, e -> action.run());
        return b;
    }

    @Focus
    void focus() {
        table.setFocus();
    }

    /** Another part (or an import) changed the archive: the team file may have changed too. */
    @Inject
    @Optional
    void archiveChanged(@UIEventTopic(ArchiveEvents.CHANGED) Object ignored) {
        if (table != null && !table.isDisposed()) {
            reload(null);
        }
    }

    /** The archive's team templates: its folder's, or on a team archive the servers'. */
    private TeamTemplates store() {
        return TeamTemplates.of(archive);
    }

    /** Reads the shipped and the team's templates in a job; {@code then} runs on the UI thread after. */
    private void reload(Runnable then) {
        TeamTemplates store = store();
        BackgroundJobs.schedule(Messages.Editor_loading, JobFamilies.TEMPLATES, () -> {
            List<Template> s = TemplateLibrary.loadDefault().templates();
            TeamTemplates.Snapshot t;
            String error = null;
            try {
                t = store.read();
            } catch (IOException | TemplateFormatException e) {
                t = new TeamTemplates.Snapshot(List.of(), null);
                error = e.getMessage();
            }
            TeamTemplates.Snapshot teamTemplates = t;
            String problem = error;
            sync.asyncExec(() -> {
                if (table.isDisposed()) {
                    return;
                }
                shipped = s;
                team = teamTemplates.templates();
                teamVersion = teamTemplates.version();
                effective = new TemplateLibrary(shipped).merge(team).templates();
                applyFilter();
                if (problem != null) {
                    status(NLS.bind(Messages.Editor_teamFileError, problem), true);
                }
                if (then != null) {
                    then.run();
                }
            });
        });
    }

    private void applyFilter() {
        int li = languageFilter.getSelectionIndex();
        int ci = categoryFilter.getSelectionIndex();
        String lang = li <= 0 ? null : languages.get(li - 1);
        Category cat = ci <= 0 ? null : Category.values()[ci - 1];
        rows = effective.stream().filter(t -> lang == null || t.language().equals(lang))
                .filter(t -> cat == null || t.category() == cat).toList();
        table.removeAll();
        int selected = -1;
        for (int i = 0; i < rows.size(); i++) {
            Template t = rows.get(i);
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(new String[] { t.title().isBlank() ? t.id() : t.title(), t.language(), categoryName(t.category()),
                    origin(t.id()) });
            if (t.id().equals(editingId)) {
                selected = i;
            }
        }
        if (selected >= 0) {
            table.setSelection(selected);
        }
    }

    private String origin(String templateId) {
        boolean inTeam = team.stream().anyMatch(t -> t.id().equals(templateId));
        boolean inShipped = shipped.stream().anyMatch(t -> t.id().equals(templateId));
        if (inTeam && inShipped) {
            return Messages.Editor_originOverride;
        }
        return inTeam ? Messages.Editor_originTeam : Messages.Editor_originShipped;
    }

    private boolean isTeam(String templateId) {
        return templateId != null && team.stream().anyMatch(t -> t.id().equals(templateId));
    }

    /** Puts a template in the editor. */
    private void show(Template t) {
        fill(t, t.id());
    }

    private void fill(Template t, String editing) {
        filling = true;
        try {
            editingId = editing;
            id.setText(t.id());
            id.setEditable(editing == null);
            title.setText(t.title());
            category.select(t.category().ordinal());
            language.select(Math.max(0, languages.indexOf(t.language())));
            bulk.setSelection(t.bulk());
            text.setText(t.text());
            keywords.setText(String.join("\n", t.keywords())); //$NON-NLS-1$
            examples.setText(String.join("\n", t.examples())); //$NON-NLS-1$
        } finally {
            filling = false;
        }
        setDirty(false);
        delete.setEnabled(isTeam(editing));
        status("", false); //$NON-NLS-1$
        check();
    }

    private void edited() {
        if (filling) {
            return;
        }
        setDirty(true);
        status(Messages.Editor_unsaved, false);
        check();
    }

    /** The outing check on the text as typed; never logs it. */
    private void check() {
        CheckContext ctx = CheckContext.defaults().withLanguage(languages.get(Math.max(0, language.getSelectionIndex())));
        if (bulk.getSelection()) {
            String worker = Workers.current();
            ctx = ctx.forBulk(worker == null || worker.isBlank() ? List.of() : List.of(worker));
        }
        List<Finding> found = OutingCheck.check(text.getText(), ctx);
        findings = found;
        if (found.isEmpty()) {
            warnings.setText(Messages.Editor_noWarning);
            warnings.setForeground(null);
        } else {
            warnings.setText(found.stream().map(f -> NLS.bind(Messages.Editor_warning, f.message(),
                    f.suggestion() == null ? "" : f.suggestion())).collect(Collectors.joining("\n"))); //$NON-NLS-1$ //$NON-NLS-2$
            warnings.setForeground(warnings.getDisplay().getSystemColor(SWT.COLOR_RED));
        }
        relayout();
    }

    /** The warnings shown under the text (for tests and screen readers). */
    public String warningsText() {
        return warnings.getText();
    }

    /** Whether the text in the editor has an outing finding. */
    public boolean hasWarnings() {
        return !findings.isEmpty();
    }

    private static List<String> lines(String s) {
        return s.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /**
     * The template in the editor, validated by the file format's own parser (ids, placeholders,
     * lengths, examples), so that what is saved can always be read back.
     */
    private Template formTemplate() throws TemplateFormatException {
        Template t = new Template(id.getText().strip(), Category.values()[Math.max(0, category.getSelectionIndex())],
                languages.get(Math.max(0, language.getSelectionIndex())), title.getText().strip(), bulk.getSelection(),
                text.getText(), lines(keywords.getText()), lines(examples.getText()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            TemplateLibrary.write(List.of(t), out);
            return TemplateLibrary.parse(new ByteArrayInputStream(out.toByteArray()), t.id()).get(0);
        } catch (IOException e) {
            throw new TemplateFormatException(t.id(), 0, 0, e.getMessage(), e);
        }
    }

    private void newTemplate() {
        int li = languageFilter.getSelectionIndex();
        int ci = categoryFilter.getSelectionIndex();
        String lang = li <= 0 ? languages.get(0) : languages.get(li - 1);
        Category cat = ci <= 0 ? Category.FIRST_CONTACT : Category.values()[ci - 1];
        fill(new Template(freeId("team." + lang + "." + cat.key()), cat, lang, Messages.Editor_newTitle, false, "", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                List.of(), List.of()), null);
        table.deselectAll();
        setDirty(true);
        id.setFocus();
    }

    private void duplicate() {
        try {
            Template t = formTemplate();
            fill(new Template(freeId("team." + t.id()), t.category(), t.language(), t.title(), t.bulk(), t.text(), //$NON-NLS-1$
                    t.keywords(), t.examples()), null);
        } catch (TemplateFormatException e) {
            status(NLS.bind(Messages.Editor_invalid, e.getMessage()), true);
            return;
        }
        table.deselectAll();
        setDirty(true);
    }

    private String freeId(String base) {
        Set<String> taken = effective.stream().map(Template::id).collect(Collectors.toSet());
        String b = base.length() > 70 ? base.substring(0, 70) : base;
        String candidate = b;
        for (int n = 2; taken.contains(candidate); n++) {
            candidate = b + "-" + n; //$NON-NLS-1$
        }
        return candidate;
    }

    /** Saves the template in the editor into the team file (overriding a shipped one of the same id). */
    public void save() {
        Template t;
        try {
            t = formTemplate();
        } catch (TemplateFormatException e) {
            status(NLS.bind(Messages.Editor_invalid, e.getMessage()), true);
            return;
        }
        if (editingId == null && effective.stream().anyMatch(x -> x.id().equals(t.id()))) {
            status(NLS.bind(Messages.Editor_idTaken, t.id()), true);
            return;
        }
        Map<String, Template> m = new LinkedHashMap<>();
        team.forEach(x -> m.put(x.id(), x));
        m.put(t.id(), t);
        boolean override = shipped.stream().anyMatch(x -> x.id().equals(t.id()));
        String done = override ? NLS.bind(Messages.Editor_savedOverride, t.id())
                : NLS.bind(Messages.Editor_saved, t.id(), TemplateLibrary.TEAM_FILE);
        writeTeam(new ArrayList<>(m.values()), teamVersion, t.id(), done);
    }

    private void deleteTemplate() {
        if (!isTeam(editingId)) {
            status(Messages.Editor_deleteOnlyTeam, true);
            return;
        }
        String gone = editingId;
        if (!Dialogs.question(table.getShell(), Messages.Editor_delete, NLS.bind(Messages.Editor_deleteConfirm, gone))) {
            return;
        }
        List<Template> rest = team.stream().filter(x -> !x.id().equals(gone)).toList();
        writeTeam(rest, teamVersion, null, NLS.bind(Messages.Editor_deleted, gone));
    }

    /**
     * Writes the team's set atomically in a job, then tells the workbench and shows {@code select}; on a
     * team archive only over {@code readVersion}, the version of the team's set it was made from.
     */
    private void writeTeam(List<Template> set, String readVersion, String select, String done) {
        TeamTemplates store = store();
        status(Messages.Editor_saving, false);
        job(Messages.Editor_saving, () -> {
            try {
                store.write(set, readVersion);
            } catch (FileChangedException e) {
                // another worker saved first: nothing written; the list is read again, the form kept
                sync.asyncExec(() -> {
                    if (!table.isDisposed()) {
                        reload(() -> status(Messages.Editor_saveConflict, true));
                    }
                });
                return;
            } catch (AccessDeniedException e) {
                sync.asyncExec(() -> status(Messages.Editor_saveNotAllowed, true));
                return;
            } catch (IOException | RuntimeException e) {
                ILog.of(TemplateEditorPart.class).error("Saving the team's templates failed", e); //$NON-NLS-1$
                sync.asyncExec(() -> status(NLS.bind(Messages.Editor_saveFailed, e.getMessage()), true));
                return;
            }
            broker.post(ArchiveEvents.CHANGED, TemplateLibrary.TEAM_FILE);
            sync.asyncExec(() -> {
                if (table.isDisposed()) {
                    return;
                }
                editingId = select;
                setDirty(false);
                reload(() -> {
                    Template shown = select == null ? null
                            : effective.stream().filter(x -> x.id().equals(select)).findFirst().orElse(null);
                    if (shown != null) {
                        show(shown);
                    } else {
                        clear();
                    }
                    status(done, false);
                });
            });
        });
    }

    private void clear() {
        fill(new Template("", Category.FIRST_CONTACT, languages.get(0), "", false, "", List.of(), List.of()), null); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        setDirty(false);
    }

    /** Exports the templates listed (after the filters) as a shareable set. */
    private void exportSet() {
        FileDialog d = new FileDialog(table.getShell(), SWT.SAVE);
        d.setFilterExtensions(new String[] { "*.json" }); //$NON-NLS-1$
        d.setFileName("modeles-maraude.json"); //$NON-NLS-1$
        d.setOverwrite(true);
        String file = d.open();
        if (file == null) {
            return;
        }
        List<Template> set = rows;
        job(Messages.Editor_export, () -> {
            try {
                TemplateLibrary.writeFile(Path.of(file), set);
                sync.asyncExec(() -> status(NLS.bind(Messages.Editor_exported, set.size(), file), false));
            } catch (IOException | RuntimeException e) {
                sync.asyncExec(() -> status(NLS.bind(Messages.Editor_exportFailed, e.getMessage()), true));
            }
        });
    }

    private void importSet() {
        FileDialog d = new FileDialog(table.getShell(), SWT.OPEN);
        d.setFilterExtensions(new String[] { "*.json", "*" }); //$NON-NLS-1$ //$NON-NLS-2$
        String file = d.open();
        if (file != null) {
            importSet(Path.of(file));
        }
    }

    /**
     * Validates a set file with the library's parser and adds its templates to the team's (same id:
     * replaced). A refused file changes nothing; the message names the file, line and column.
     */
    public void importSet(Path file) {
        List<Template> current = team;
        String readVersion = teamVersion;
        job(Messages.Editor_import, () -> {
            List<Template> imported;
            try {
                imported = TemplateLibrary.load(file).templates();
            } catch (IOException | TemplateFormatException e) {
                sync.asyncExec(() -> status(NLS.bind(Messages.Editor_importRefused, e.getMessage()), true));
                return;
            }
            List<Template> merged = new TemplateLibrary(current).merge(imported).templates();
            sync.asyncExec(() -> writeTeam(merged, readVersion, editingId,
                    NLS.bind(Messages.Editor_imported, imported.size(), file.getFileName())));
        });
    }

    private void job(String name, Runnable work) {
        Job job = new Job(name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                work.run();
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return JobFamilies.belongsTo(family, JobFamilies.TEMPLATES);
            }
        };
        job.schedule();
    }

    private void status(String s, boolean problem) {
        if (status.isDisposed()) {
            return;
        }
        status.setText(s);
        status.setForeground(problem ? status.getDisplay().getSystemColor(SWT.COLOR_RED) : null);
        relayout();
    }

    private void relayout() {
        status.getParent().layout(true, true);
    }

    /** The status line (for tests). */
    public String statusText() {
        return status.getText();
    }

    private void setDirty(boolean d) {
        dirty = d;
        if (dirtyable != null) {
            dirtyable.setDirty(d);
        }
    }

    /** The save prompt on quit (or Ctrl+S): saves the template in the editor. */
    @Persist
    void persist() {
        if (dirty) {
            save();
        }
    }

    /** The category as the worker reads it ("Premier contact", not first_contact). */
    public static String categoryName(Category c) {
        return switch (c) {
            case FIRST_CONTACT -> Messages.Category_first_contact;
            case KIT -> Messages.Category_kit;
            case SCREENING -> Messages.Category_screening;
            case PEP_PREP -> Messages.Category_pep_prep;
            case RIGHTS -> Messages.Category_rights;
            case HOUSING -> Messages.Category_housing;
            case VIOLENCE -> Messages.Category_violence;
            case REMINDER -> Messages.Category_reminder;
            case PERMANENCE -> Messages.Category_permanence;
            case FOLLOW_UP -> Messages.Category_follow_up;
        };
    }

    /** Whether the editor holds changes not saved yet. */
    public boolean isDirty() {
        return dirty;
    }

    /** The templates listed, after the filters. */
    public List<Template> rows() {
        return rows;
    }
}
