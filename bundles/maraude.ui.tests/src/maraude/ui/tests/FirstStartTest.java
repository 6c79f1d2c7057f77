package maraude.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import maraude.sources.phone.PhoneDrop;
import maraude.ui.Workers;
import maraude.ui.preferences.Messages;
import maraude.ui.preferences.UiPreferences;
import maraude.ui.sources.PhoneDropDialog;
import maraude.ui.sources.ReceiveFromPhoneHandler;

/**
 * A first start on a new computer: the workbench asks who works on it before its window shows and
 * keeps the answer in the preferences; "Receive from a phone" on a computer with no local network
 * says so and lists the interfaces it saw, instead of a QR code no phone can reach.
 */
class FirstStartTest {

    private static final String NAME = "Noor"; //$NON-NLS-1$
    private static FirstStart firstStart;
    private static WorkbenchDriver workbench;

    @BeforeAll
    static void start() throws Exception {
        firstStart = FirstStart.answer(NAME, maraude.ui.dialogs.Messages.Button_ok, ask -> {
        });
        workbench = firstStart.workbench;
    }

    @AfterAll
    static void close() throws Exception {
        if (firstStart != null) {
            firstStart.close();
        }
    }

    @Test
    void theNameGivenAtFirstStartIsTheWorkersAndTheContexts() {
        assertEquals(NAME, UiPreferences.workerName());
        assertEquals(NAME, Workers.current());
        IEclipseContext app = workbench.application().getContext();
        assertEquals(NAME, workbench.sync(() -> app.get(Workers.CONTEXT_KEY)));
        assertTrue(workbench.sync(() -> app.get(Clock.class)) != null, "the clock is in the context"); //$NON-NLS-1$
        assertFalse(UiPreferences.askWorkerAtStart(), "asked once: the next start does not ask again"); //$NON-NLS-1$
        assertEquals(Duration.ofMinutes(UiPreferences.DEFAULT_IDLE_MINUTES), UiPreferences.idle());
    }

    @Test
    void withoutALocalNetworkThePhoneDialogSaysSoInsteadOfAQrCode() throws Exception {
        // What Config.defaults() gives on a computer without a private-range address.
        PhoneDrop.Config noNetwork = new PhoneDrop.Config("0.0.0.0", 0, "127.0.0.1", Duration.ofMinutes(10), //$NON-NLS-1$ //$NON-NLS-2$
                1 << 20, Clock.systemUTC(), false);
        assertFalse(noNetwork.phoneCanReach());
        assertTrue(PhoneDrop.Config.loopback().phoneCanReach(), "loopback asked for (USB tethering, tests) is kept"); //$NON-NLS-1$
        workbench.display().asyncExec(() -> {
            IEclipseContext ctx = workbench.application().getChildren().get(0).getContext();
            IEclipseContext child = ctx.createChild("phone-drop-no-network"); //$NON-NLS-1$
            child.set(ReceiveFromPhoneHandler.CONFIG_KEY, noNetwork);
            ContextInjectionFactory.invoke(new ReceiveFromPhoneHandler(), Execute.class, child);
        });
        Label status = workbench.widget(PhoneDropDialog.ID_STATUS);
        Label qr = workbench.widget(PhoneDropDialog.ID_QR);
        String said = workbench.sync(status::getText);
        assertTrue(said.startsWith(maraude.ui.sources.Messages.PhoneDrop_noNetwork.substring(0, 20)), said);
        assertTrue(said.contains("127.0.0.1") || said.contains("none"), "the interfaces seen: " + said); //$NON-NLS-1$ //$NON-NLS-2$
        assertNull(workbench.sync(qr::getImage), "no QR code"); //$NON-NLS-1$
        Shell dialog = workbench.sync(status::getShell);
        workbench.screenshot("phone-drop-no-network"); //$NON-NLS-1$
        workbench.press(dialog, maraude.ui.sources.Messages.PhoneDrop_close);
        workbench.waitUntil(() -> workbench.sync(dialog::isDisposed), "Close (translated) to close the dialog"); //$NON-NLS-1$
    }
}
