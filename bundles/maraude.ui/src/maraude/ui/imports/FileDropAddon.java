package maraude.ui.imports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.osgi.service.event.Event;

import maraude.core.archive.Archive;
import maraude.imports.ImportService;

/** Exports dropped anywhere on the main window open the import wizard with them. */
public class FileDropAddon {

    @Inject
    @Optional
    void applicationStarted(@UIEventTopic(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE) Event event, MApplication app,
            IEclipseContext context, ImportService service, IEventBroker broker, UISynchronize sync) {
        for (MWindow window : app.getChildren()) {
            if (window.getWidget() instanceof Shell shell) {
                DropTarget target = new DropTarget(shell, DND.DROP_COPY | DND.DROP_DEFAULT);
                target.setTransfer(new Transfer[] { FileTransfer.getInstance() });
                target.addDropListener(new DropTargetAdapter() {
                    @Override
                    public void dragEnter(DropTargetEvent e) {
                        e.detail = DND.DROP_COPY;
                    }

                    @Override
                    public void drop(DropTargetEvent e) {
                        if (e.data instanceof String[] files) {
                            List<Path> paths = new ArrayList<>();
                            for (String f : files) {
                                paths.add(Path.of(f));
                            }
                            // asked at the drop, not at start: the archive may still be opening then
                            ImportHandler.open(shell, context.get(Archive.class), service, broker, sync, paths);
                        }
                    }
                });
            }
        }
    }
}
