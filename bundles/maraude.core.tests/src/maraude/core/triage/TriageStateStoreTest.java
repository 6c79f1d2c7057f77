package maraude.core.triage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.core.model.Platform;

class TriageStateStoreTest {

    private static final Instant T = Instant.parse("2026-03-29T00:30:00Z");

    @Test
    void everythingSurvivesAReopen(@TempDir Path dir) throws IOException {
        TriageStateStore s = TriageStateStore.open(dir);
        assertEquals(TriageState.EMPTY, s.snapshot());
        s.setState("t-1", WorkerState.SNOOZED, T, "camille", T.plusSeconds(3600));
        s.addNote("t-1", new ConversationState.Note(T, "camille", "rappeler après 18h, « pas de SMS »"));
        s.setState("t-1", WorkerState.HANDLED, T.plusSeconds(60), "an", null);
        s.addNote("t-2", new ConversationState.Note(T, "", "note seule"));
        s.setContactFlags(new ContactFlags("c-1", true, true, "se fait passer pour une TDS", T, "youssef"));
        s.putCampaign(new Campaign("k1", "Bus médical, mars", T, Platform.SMS, 2000));
        s.putCampaign(new Campaign("k2", "Instagram", T, null, 0));
        PermanenceSession p = s.startSession("an", T);
        s.endSession(p.id(), T.plusSeconds(7200), "Luna attend une réponse pour le CPAS");

        TriageState r = TriageStateStore.open(dir).snapshot();
        assertEquals(s.snapshot(), r);
        ConversationState c = r.conversation("t-1");
        assertEquals(WorkerState.HANDLED, c.state());
        assertEquals("an", c.setBy());
        assertNull(c.snoozedUntil(), "a new state replaces the snooze");
        assertEquals(1, c.notes().size());
        assertEquals("rappeler après 18h, « pas de SMS »", c.notes().get(0).text());
        assertNull(r.conversation("t-2").state());
        assertTrue(r.contact("c-1").doNotContact());
        assertEquals(2, r.campaigns().size());
        assertEquals("Luna attend une réponse pour le CPAS", r.lastEndedSession().orElseThrow().handoverNote());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve(TriageStateStore.FILE_NAME)), files.toList(), "no temp file left");
        }
        String json = Files.readString(dir.resolve(TriageStateStore.FILE_NAME));
        assertTrue(json.contains("\"version\" : 1"), json);
    }

    @Test
    void servicesOfferedAreKeptWithdrawnAndForgottenWithTheirConversation(@TempDir Path dir) {
        TriageStateStore s = TriageStateStore.open(dir);
        ServiceOffer kit = s.offerService("t-1", ServiceKind.KIT, T, "an");
        s.offerService("t-1", ServiceKind.SCREENING, T.plusSeconds(60), "an");
        ServiceOffer wrong = s.offerService("t-2", ServiceKind.HOUSING, T, "youssef");
        assertTrue(s.withdrawService(wrong.id()), "a mistake is undone");
        assertEquals(false, s.withdrawService(wrong.id()));

        TriageState r = TriageStateStore.open(dir).snapshot();
        assertEquals(List.of(ServiceKind.KIT, ServiceKind.SCREENING),
                r.services("t-1").stream().map(ServiceOffer::kind).toList());
        assertEquals(kit, r.services("t-1").get(0));
        assertEquals(List.of(), r.services("t-2"));

        assertTrue(s.forget(List.of("c-1"), List.of("t-1")), "the right to be forgotten takes the tags too");
        assertEquals(List.of(), TriageStateStore.open(dir).snapshot().services());
    }

    @Test
    void aServiceOfAnUnknownKindIsRefusedAtOpenWithTheFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(TriageStateStore.FILE_NAME), "{\"version\": 1, \"services\": [{\"id\": \"o\", " //$NON-NLS-1$
                + "\"conversationId\": \"t\", \"kind\": \"massage\", \"at\": \"2026-01-01T00:00:00Z\"}]}"); //$NON-NLS-1$
        TriageStoreException e = assertThrows(TriageStoreException.class, () -> TriageStateStore.open(dir));
        assertTrue(e.getMessage().contains(TriageStateStore.FILE_NAME), e.getMessage());
    }

    @Test
    void anotherProcessesChangesAreSeen(@TempDir Path dir) {
        TriageStateStore a = TriageStateStore.open(dir);
        TriageStateStore b = TriageStateStore.open(dir);
        a.setState("t-1", WorkerState.HANDLED, T, "an", null);
        b.setState("t-2", WorkerState.NO_REPLY_NEEDED, T, "youssef", null);
        assertEquals(2, a.snapshot().conversations().size(), "b's write kept a's change and a sees b's");
    }

    @Test
    void malformedFilesGiveClearErrorsAndAreNotOverwritten(@TempDir Path dir) throws IOException {
        Path f = dir.resolve(TriageStateStore.FILE_NAME);
        String[] bad = {
            "{\"version\": 1,\n \"conversations\": [ {\"conversationId\": \"t\", ", // truncated
            "[1, 2, 3]", //
            "{\"conversations\": []}", // no version
            "{\"version\": 99}", //
            "{\"version\": 1, \"conversations\": {\"a\": 1}}", //
            "{\"version\": 1, \"conversations\": [{\"conversationId\": \"t\", \"state\": \"bogus\", \"setAt\": \"2026-01-01T00:00:00Z\"}]}",
            "{\"version\": 1, \"conversations\": [{\"conversationId\": \"t\", \"state\": \"handled\", \"setAt\": \"yesterday\"}]}",
            "{\"version\": 1, \"sessions\": [{\"id\": \"s\", \"start\": \"2026-01-02T00:00:00Z\", \"end\": \"2026-01-01T00:00:00Z\"}]}",
            "\u0000\u0001garbage" };
        for (String b : bad) {
            Files.writeString(f, b, StandardCharsets.UTF_8);
            byte[] before = Files.readAllBytes(f);
            TriageStoreException e = assertThrows(TriageStoreException.class, () -> TriageStateStore.open(dir), b);
            assertTrue(e.getMessage().contains(TriageStateStore.FILE_NAME), e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(f));
        }
        Files.writeString(f, "{\"version\": 1,\n  \"conversations\": [ x ]}");
        TriageStoreException e = assertThrows(TriageStoreException.class, () -> TriageStateStore.open(dir));
        assertTrue(e.getMessage().contains(":2:"), "line number: " + e.getMessage());
        Files.writeString(f, "{\"version\": 99}");
        assertTrue(assertThrows(TriageStoreException.class, () -> TriageStateStore.open(dir)).getMessage()
                .contains("version 99"));
    }

    @Test
    void rejectsInvalidChanges(@TempDir Path dir) {
        TriageStateStore s = TriageStateStore.open(dir);
        assertThrows(IllegalArgumentException.class, () -> s.setState("t", WorkerState.SNOOZED, T, "an", null));
        assertThrows(IllegalArgumentException.class, () -> s.setState("t", WorkerState.SNOOZED, T, "an", T));
        assertThrows(IllegalArgumentException.class, () -> s.endSession("nope", T, ""));
        PermanenceSession p = s.startSession("an", T);
        s.endSession(p.id(), T, "");
        assertThrows(IllegalStateException.class, () -> s.endSession(p.id(), T, ""));
        assertEquals(1, s.snapshot().sessions().size());
    }
}
