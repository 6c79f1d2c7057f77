package maraude.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.core.triage.Campaign;
import maraude.core.triage.ContactFlags;
import maraude.core.triage.ConversationState;
import maraude.core.triage.PermanenceSession;
import maraude.core.triage.ServiceKind;
import maraude.core.triage.ServiceOffer;
import maraude.core.triage.TriageConflictException;
import maraude.core.triage.TriageState;
import maraude.core.triage.TriageStateStore;
import maraude.core.triage.TriageStates;
import maraude.core.triage.WorkerState;

/**
 * A {@code triage} command whose second conditional write is refused (the contact's flags, changed by
 * another worker between the read and the write, as a team archive's shared state refuses them) leaves
 * nothing of itself: the conversation's state it had already written is put back, and the note and the
 * service that would have followed are not written.
 */
class TriageRollbackTest {

    private static final Instant EARLIER = Instant.parse("2026-12-05T09:00:00Z"); //$NON-NLS-1$
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z"); //$NON-NLS-1$

    /** The local store, with the flags' write refused as a shared state refuses a stale one. */
    private static TriageStates refusingFlags(TriageStateStore store) {
        return new TriageStates() {
            @Override
            public TriageState snapshot() {
                return store.snapshot();
            }

            @Override
            public ConversationState setState(String id, WorkerState ws, Instant at, String workerId, Instant until) {
                return store.setState(id, ws, at, workerId, until);
            }

            @Override
            public ConversationState clearState(String id) {
                return store.clearState(id);
            }

            @Override
            public ConversationState addNote(String id, ConversationState.Note note) {
                return store.addNote(id, note);
            }

            @Override
            public void setContactFlags(ContactFlags flags) {
                throw new TriageConflictException("another worker changed this meanwhile; nothing was overwritten", null); //$NON-NLS-1$
            }

            @Override
            public void putCampaign(Campaign c) {
                store.putCampaign(c);
            }

            @Override
            public void removeCampaign(String id) {
                store.removeCampaign(id);
            }

            @Override
            public ServiceOffer offerService(String id, ServiceKind kind, Instant at, String workerId) {
                return store.offerService(id, kind, at, workerId);
            }

            @Override
            public boolean withdrawService(String offerId) {
                return store.withdrawService(offerId);
            }

            @Override
            public PermanenceSession startSession(String workerId, Instant at) {
                return store.startSession(workerId, at);
            }

            @Override
            public PermanenceSession endSession(String sessionId, Instant at, String note) {
                return store.endSession(sessionId, at, note);
            }

            @Override
            public boolean forgetContact(String contactId, Collection<String> conversationIds) {
                return store.forgetContact(contactId, conversationIds);
            }

            @Override
            public boolean forget(Collection<String> contactIds, Collection<String> conversationIds) {
                return store.forget(contactIds, conversationIds);
            }
        };
    }

    private static TriageCommand.Changes handledWithFlagsNoteAndService() {
        return new TriageCommand.Changes(WorkerState.HANDLED, null, false, List.of(ServiceKind.KIT), List.of(),
                Optional.of("nl"), Boolean.TRUE, "rappelle jeudi", null); //$NON-NLS-1$ //$NON-NLS-2$
    }

    @Test
    void aRefusedFlagsWritePutsTheEarlierStateBack(@TempDir Path dir) {
        TriageStateStore store = TriageStateStore.open(dir);
        store.setState("c1", WorkerState.SNOOZED, EARLIER, "lea", NOW.plusSeconds(86_400)); //$NON-NLS-1$ //$NON-NLS-2$
        TriageView before = TriageView.of(store.snapshot(), "c1", "k1"); //$NON-NLS-1$ //$NON-NLS-2$

        assertThrows(TriageConflictException.class, () -> TriageCommand.apply(refusingFlags(store), before,
                handledWithFlagsNoteAndService(), null, "camille", NOW)); //$NON-NLS-1$

        TriageView after = TriageView.of(TriageStateStore.open(dir).snapshot(), "c1", "k1"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(before.conversation(), after.conversation(), "the snooze by lea, as it was"); //$NON-NLS-1$
        assertEquals(before.version(), after.version());
        assertEquals(0, after.notes(), "the note that came after was not written"); //$NON-NLS-1$
        assertEquals(List.of(), after.serviceKinds());
    }

    @Test
    void aRefusedFlagsWriteOnAConversationWithoutStateLeavesItWithout(@TempDir Path dir) {
        TriageStateStore store = TriageStateStore.open(dir);
        TriageView before = TriageView.of(store.snapshot(), "c1", "k1"); //$NON-NLS-1$ //$NON-NLS-2$

        assertThrows(TriageConflictException.class, () -> TriageCommand.apply(refusingFlags(store), before,
                handledWithFlagsNoteAndService(), null, "camille", NOW)); //$NON-NLS-1$

        TriageView after = TriageView.of(TriageStateStore.open(dir).snapshot(), "c1", "k1"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(null, after.state());
        assertEquals(before.version(), after.version(), "the same version as before the command"); //$NON-NLS-1$
        assertFalse(after.contact().doNotContact());
    }
}
