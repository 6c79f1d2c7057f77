package maraude.ui.imports;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

import org.eclipse.jface.wizard.Wizard;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.List;
import org.eclipse.swt.widgets.Text;

import maraude.ui.WidgetIds;

/**
 * Chooses what to import (files, folders, zips; typed, browsed or dropped) and who "us" is. The
 * import itself runs afterwards as a job, so that the wizard never blocks on the work.
 */
public class ImportWizard extends Wizard {

    private final Set<Path> initial;
    private ChoosePage page;
    private java.util.List<Path> chosen = java.util.List.of();
    private Set<String> us = Set.of();

    public ImportWizard(java.util.List<Path> initial) {
        this.initial = new LinkedHashSet<>(initial);
        setWindowTitle(Messages.Import_title);
        setNeedsProgressMonitor(false);
    }

    @Override
    public void addPages() {
        page = new ChoosePage();
        addPage(page);
    }

    @Override
    public boolean performFinish() {
        chosen = page.paths();
        us = page.us();
        return !chosen.isEmpty();
    }

    public java.util.List<Path> chosenPaths() {
        return chosen;
    }

    public Set<String> us() {
        return us;
    }

    private final class ChoosePage extends WizardPage {
        private List list;
        private Text path;
        private Text usText;

        ChoosePage() {
            super("choose"); //$NON-NLS-1$
            setTitle(Messages.Import_pageTitle);
            setDescription(Messages.Import_pageDescription);
        }

        @Override
        public void createControl(Composite parent) {
            Composite c = new Composite(parent, SWT.NONE);
            c.setLayout(new GridLayout(3, false));
            list = WidgetIds.tag(new List(c, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL), WidgetIds.IMPORT_LIST);
            GridData ld = new GridData(SWT.FILL, SWT.FILL, true, true, 2, 4);
            ld.heightHint = 160;
            ld.widthHint = 480;
            list.setLayoutData(ld);
            button(c, Messages.Import_addFiles, () -> {
                FileDialog d = new FileDialog(getShell(), SWT.OPEN | SWT.MULTI);
                d.setFilterExtensions(new String[] { "*.txt;*.zip;*.xml;*.json;*.mbox;*.eml;*.html;*.htm", "*" }); //$NON-NLS-1$ //$NON-NLS-2$
                if (d.open() != null) {
                    for (String n : d.getFileNames()) {
                        add(Paths.get(d.getFilterPath(), n));
                    }
                }
            });
            button(c, Messages.Import_addFolder, () -> {
                String dir = new DirectoryDialog(getShell()).open();
                if (dir != null) {
                    add(Paths.get(dir));
                }
            });
            button(c, Messages.Import_remove, () -> {
                list.remove(list.getSelectionIndices());
                validate();
            });
            new Label(c, SWT.NONE);
            path = WidgetIds.tag(new Text(c, SWT.BORDER), WidgetIds.IMPORT_PATH);
            path.setMessage(Messages.Import_pathHint);
            path.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
            Button addPath = WidgetIds.tag(button(c, Messages.Import_addPath, () -> {
                if (!path.getText().isBlank()) {
                    add(Paths.get(path.getText().strip()));
                    path.setText(""); //$NON-NLS-1$
                }
            }), WidgetIds.IMPORT_ADD_PATH);
            addPath.getParent();
            Label usLabel = new Label(c, SWT.NONE);
            usLabel.setText(Messages.Import_us);
            usText = WidgetIds.tag(new Text(c, SWT.BORDER), WidgetIds.IMPORT_US);
            usText.setMessage(Messages.Import_usHint);
            usText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
            for (Path p : initial) {
                add(p);
            }
            setControl(c);
            validate();
        }

        private Button button(Composite c, String text, Runnable action) {
            Button b = new Button(c, SWT.PUSH);
            b.setText(text);
            b.setLayoutData(new GridData(SWT.FILL, SWT.TOP, false, false));
            b.addListener(SWT.Selection, e -> action.run());
            return b;
        }

        private void add(Path p) {
            String s = p.toAbsolutePath().normalize().toString();
            if (list.indexOf(s) < 0) {
                list.add(s);
            }
            validate();
        }

        private void validate() {
            String missing = null;
            for (String s : list.getItems()) {
                if (!Files.exists(Paths.get(s))) {
                    missing = s;
                }
            }
            setErrorMessage(missing == null ? null : NLS.bind(Messages.Import_missing, missing));
            setPageComplete(list.getItemCount() > 0 && missing == null);
        }

        java.util.List<Path> paths() {
            java.util.List<Path> paths = new ArrayList<>();
            for (String s : list.getItems()) {
                paths.add(new File(s).toPath());
            }
            return paths;
        }

        Set<String> us() {
            Set<String> names = new LinkedHashSet<>();
            for (String s : usText.getText().split("[,;\\n]")) { //$NON-NLS-1$
                if (!s.isBlank()) {
                    names.add(s.strip());
                }
            }
            return names;
        }
    }
}
