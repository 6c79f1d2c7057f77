package maraude.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;

import org.eclipse.e4.ui.model.application.commands.MBindingTable;
import org.eclipse.e4.ui.model.application.commands.MKeyBinding;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.menu.MHandledMenuItem;
import org.eclipse.e4.ui.model.application.ui.menu.MMenu;
import org.eclipse.e4.ui.model.application.ui.menu.MMenuElement;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.SearchQuery;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;
import maraude.core.model.SourceRef;
import maraude.ui.WidgetIds;
import maraude.ui.parts.ContactRegisterPart;
import maraude.ui.parts.QueuePart;
import maraude.ui.retention.Messages;

/**
 * A person asks to be forgotten: from the contact register, "Forget this contact…" (a command of the
 * application model, in the register's context menu and bound to Ctrl+Delete) names what will go, and once confirmed the person leaves the register, the queue and the search.
 */
class ForgetContactUiTest {

    private static WorkbenchDriver workbench;

    @AfterAll
    static void close() throws Exception {
        if (workbench != null) {
            workbench.close();
        }
    }

    private static boolean inQueue(QueuePart queue, String conversationId) {
        return workbench.sync(() -> queue.rows().stream().anyMatch(r -> r.summary().conversationId().equals(conversationId)));
    }

    private static boolean inRegister(ContactRegisterPart register, String contactId) {
        return workbench.sync(() -> register.rows().stream().anyMatch(r -> r.contactId().equals(contactId)));
    }

    private static final String FORGET = "maraude.command.register.forget"; //$NON-NLS-1$

    private static MHandledMenuItem forgetItem(MPart part) {
        for (MMenu menu : part.getMenus()) {
            if (ContactRegisterPart.POPUP.equals(menu.getElementId())) {
                for (MMenuElement e : menu.getChildren()) {
                    if (e instanceof MHandledMenuItem h && h.getCommand() != null && FORGET.equals(h.getCommand().getElementId())) {
                        return h;
                    }
                }
            }
        }
        return null;
    }

    /** The key sequence bound to a command in the application model's binding tables. */
    private static String keyOf(String commandId) {
        for (MBindingTable t : workbench.application().getBindingTables()) {
            for (MKeyBinding b : t.getBindings()) {
                if (b.getCommand() != null && commandId.equals(b.getCommand().getElementId())) {
                    return b.getKeySequence();
                }
            }
        }
        return null;
    }

    @Test
    void forgettingAContactFromTheRegisterRemovesThemEverywhere() throws Exception {
        ZonedDateTime now = TestArchives.now();
        Path folder = Files.createTempDirectory("maraude-forget"); //$NON-NLS-1$
        String contactId;
        String conversationId;
        try (Archive archive = TestArchives.factory().open(folder, AccessMode.READ_WRITE)) {
            TestArchives.populateDemo(archive, 300);
            Contact c = Contact.of(Platform.WHATSAPP, "+32470555777", "Oubliette"); //$NON-NLS-1$ //$NON-NLS-2$
            Conversation v = Conversation.of(Platform.WHATSAPP, "+32470555777", c, "Oubliette"); //$NON-NLS-1$ //$NON-NLS-2$
            archive.putContact(c);
            archive.putConversation(v);
            archive.addMessage(Message.of(v.id(), Direction.INBOUND, now.minusDays(2), "Oubliette", null, //$NON-NLS-1$
                    "bonjour oubliandissime", List.of(), SourceRef.ofLine("chat.txt", 1))); //$NON-NLS-1$ //$NON-NLS-2$
            archive.addMessage(Message.of(v.id(), Direction.INBOUND, now.minusDays(1), "Oubliette", null, //$NON-NLS-1$
                    "tu es là ?", List.of(), SourceRef.ofLine("chat.txt", 2))); //$NON-NLS-1$ //$NON-NLS-2$
            archive.commit();
            contactId = c.id();
            conversationId = v.id();
        }

        workbench = WorkbenchDriver.start(folder);
        QueuePart queue = (QueuePart) workbench.showPart("maraude.perspective.permanence", QueuePart.ID); //$NON-NLS-1$
        workbench.waitUntil(() -> inQueue(queue, conversationId), "the person's conversation in the queue"); //$NON-NLS-1$
        workbench.searchAndWait("oubliandissime", "1"); //$NON-NLS-1$ //$NON-NLS-2$

        ContactRegisterPart register = (ContactRegisterPart) workbench.showPart("maraude.perspective.coordination", //$NON-NLS-1$
                ContactRegisterPart.ID);
        workbench.waitUntil(() -> inRegister(register, contactId), "the person in the register"); //$NON-NLS-1$
        Table table = workbench.widget(WidgetIds.REGISTER_TABLE);
        workbench.syncRun(() -> {
            for (int i = 0; i < register.rows().size(); i++) {
                if (register.rows().get(i).contactId().equals(contactId)) {
                    table.setSelection(i);
                }
            }
        });
        // "Forget this contact…" is a command of the model: in the register's context menu, with a key.
        MPart registerPart = workbench.part(ContactRegisterPart.ID);
        MHandledMenuItem item = workbench.sync(() -> forgetItem(registerPart));
        assertNotNull(item, "the register's context menu (model) offers to forget the contact"); //$NON-NLS-1$
        assertEquals(maraude.ui.retention.Messages.Forget_action, workbench.sync(item::getLocalizedLabel));
        assertTrue(workbench.sync(() -> table.getMenu() != null && table.getMenu() == item.getParent().getWidget()),
                "the table's menu is the one rendered from the model"); //$NON-NLS-1$
        assertEquals("M1+DEL", workbench.sync(() -> keyOf(FORGET))); //$NON-NLS-1$
        // the key a worker presses, through the X server, with the register's row selected
        workbench.focus(workbench.mainShell());
        workbench.syncRun(table::setFocus);
        workbench.waitUntil(() -> workbench.sync(table::isFocusControl), "the register table to have the keyboard"); //$NON-NLS-1$
        workbench.key((char) 0x7f, SWT.DEL, SWT.CTRL);

        Shell confirm = workbench.shellTitled(Messages.Forget_title);
        String question = workbench.sync(() -> WorkbenchDriver.labels(confirm));
        assertTrue(question.contains("Oubliette") && question.contains("2 message"), //$NON-NLS-1$ //$NON-NLS-2$
                "the question names the person and counts what goes: " + question); //$NON-NLS-1$
        workbench.screenshot("forget-confirm"); //$NON-NLS-1$
        workbench.press(confirm, maraude.ui.dialogs.Messages.Button_ok);
        Shell done = workbench.shellTitled(Messages.Forget_title);
        workbench.press(done, maraude.ui.dialogs.Messages.Button_ok);

        workbench.waitUntil(() -> !inRegister(register, contactId), "the person to leave the register"); //$NON-NLS-1$
        assertTrue(!workbench.sync(register::rows).isEmpty(), "the others stay in the register"); //$NON-NLS-1$
        // the dialogs are gone: the main window takes the focus back (Xvfb has no window manager)
        workbench.focus(workbench.mainShell());
        workbench.waitUntil(() -> workbench.sync(() -> workbench.display().getActiveShell() == workbench.mainShell()),
                "the main window active again"); //$NON-NLS-1$
        workbench.showPart("maraude.perspective.permanence", QueuePart.ID); //$NON-NLS-1$
        workbench.waitUntil(() -> !workbench.sync(queue::rows).isEmpty() && !inQueue(queue, conversationId),
                "the person's conversation to leave the queue"); //$NON-NLS-1$
        workbench.searchAndWait("oubliandissime", maraude.ui.Messages.Search_noHits); //$NON-NLS-1$
        Archive open = workbench.sync(() -> workbench.application().getContext().get(Archive.class));
        assertEquals(0, open.search(SearchQuery.of("oubliandissime")).totalHits()); //$NON-NLS-1$
        assertTrue(open.contact(contactId).isEmpty());
    }
}
