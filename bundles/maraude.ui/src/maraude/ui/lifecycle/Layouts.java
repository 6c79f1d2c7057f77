package maraude.ui.lifecycle;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.MElementContainer;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspectiveStack;
import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.IPresentationEngine;
import org.eclipse.e4.ui.workbench.modeling.EModelService;

/**
 * The layout a worker changes (sash sizes, tabs moved between stacks, minimised stacks) and gets
 * back with "Reset layout": at first start the window is maximised and a copy of each perspective
 * as shipped is kept among the application's snippets; a reset brings the live perspectives back
 * to those copies, element by element, without closing any part (nothing typed is lost).
 */
public final class Layouts {

    /** Persisted-state key of the main window once it has been laid out the first time. */
    static final String FIRST_LAYOUT_DONE = "maraude.layout.firstDone"; //$NON-NLS-1$
    static final String PERSPECTIVE_STACK = "maraude.perspectivestack"; //$NON-NLS-1$
    static final String LEFT_STACK = "maraude.stack.left"; //$NON-NLS-1$
    static final String CONVERSATION_PERMANENCE = "maraude.placeholder.conversation.permanence"; //$NON-NLS-1$
    /** Screens up to this width (laptops: 1366, 1440, 1600) give the queue more than the shipped 35 %. */
    static final int LAPTOP_WIDTH = 1600;
    /** The queue's share of a laptop screen, so that its main columns fit beside the conversation. */
    static final String LAPTOP_LEFT = "50"; //$NON-NLS-1$
    static final String LAPTOP_CONVERSATION = "50"; //$NON-NLS-1$

    private Layouts() {
    }

    /** First start (no persisted layout): maximised window, shipped perspectives kept as snippets. */
    public static void firstStart(MApplication app, EModelService models) {
        if (app.getChildren().isEmpty()) {
            return;
        }
        MWindow window = app.getChildren().get(0);
        if (window.getPersistedState().containsKey(FIRST_LAYOUT_DONE)) {
            return;
        }
        if (!window.getTags().contains(IPresentationEngine.WINDOW_MAXIMIZED_TAG)) {
            window.getTags().add(IPresentationEngine.WINDOW_MAXIMIZED_TAG);
        }
        // Before the shipped copies are taken: "Reset layout" brings this machine's split back.
        if (screenWidth() <= LAPTOP_WIDTH) {
            MUIElement left = models.find(LEFT_STACK, app);
            MUIElement conversation = models.find(CONVERSATION_PERMANENCE, app);
            if (left != null && conversation != null) {
                left.setContainerData(LAPTOP_LEFT);
                conversation.setContainerData(LAPTOP_CONVERSATION);
            }
        }
        for (MPerspective p : perspectives(app, models)) {
            if (models.findSnippet(app, p.getElementId()) == null) {
                models.cloneElement(p, app);
            }
        }
        window.getPersistedState().put(FIRST_LAYOUT_DONE, Boolean.TRUE.toString());
    }

    /** The primary screen's width; the largest int when there is no display (nothing to fit). */
    private static int screenWidth() {
        org.eclipse.swt.widgets.Display d = org.eclipse.swt.widgets.Display.getCurrent();
        if (d == null || d.getPrimaryMonitor() == null) {
            return Integer.MAX_VALUE;
        }
        return d.getPrimaryMonitor().getClientArea().width;
    }

    static List<MPerspective> perspectives(MApplication app, EModelService models) {
        MUIElement stack = models.find(PERSPECTIVE_STACK, app);
        return stack instanceof MPerspectiveStack ps ? new ArrayList<>(ps.getChildren()) : List.of();
    }

    /** Brings every perspective back to its shipped copy; returns how many were reset. */
    public static int reset(MApplication app, EModelService models) {
        int n = 0;
        for (MPerspective live : perspectives(app, models)) {
            MUIElement shipped = models.findSnippet(app, live.getElementId());
            if (shipped instanceof MPerspective p) {
                MWindow window = models.getTopLevelWindowFor(live);
                // a tab may have been dragged into another perspective's stack: look in the whole window
                reconcile(p, live, window != null ? window : live, models);
                n++;
            }
        }
        if (!app.getChildren().isEmpty()) {
            MWindow window = app.getChildren().get(0);
            if (!window.getTags().contains(IPresentationEngine.WINDOW_MAXIMIZED_TAG)) {
                window.getTags().add(IPresentationEngine.WINDOW_MAXIMIZED_TAG);
            }
        }
        return n;
    }

    /** Sizes, parents, order and visibility of {@code live}'s elements as in {@code shipped}. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static void reconcile(MUIElement shipped, MUIElement live, MUIElement root, EModelService models) {
        if (shipped.getContainerData() != null && !shipped.getContainerData().equals(live.getContainerData())) {
            live.setContainerData(shipped.getContainerData());
        }
        live.getTags().remove(IPresentationEngine.MINIMIZED);
        live.getTags().remove(IPresentationEngine.MAXIMIZED);
        live.setVisible(true);
        if (!(shipped instanceof MElementContainer<?> sc) || !(live instanceof MElementContainer<?> lc)) {
            return;
        }
        MElementContainer liveContainer = lc;
        int index = 0;
        for (MUIElement child : sc.getChildren()) {
            MUIElement liveChild = child.getElementId() == null ? null : models.find(child.getElementId(), root);
            if (liveChild == null || liveChild.getParent() == null) {
                continue;
            }
            int at = liveContainer.getChildren().indexOf(liveChild);
            if (at != index && (at >= 0 || live instanceof MPartStack)) {
                // a tab dragged into another stack goes home; an element moved in its container goes back in place
                liveChild.getParent().getChildren().remove(liveChild);
                liveContainer.getChildren().add(Math.min(index, liveContainer.getChildren().size()), liveChild);
            }
            reconcile(child, liveChild, root, models);
            index++;
        }
    }
}
