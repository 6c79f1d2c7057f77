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

    /**
     * A file as the hand-written JSON mapping of earlier versions wrote it (fields left out when a
     * conversation has no state, explicit nulls elsewhere) still loads whole, and is written back with
     * the same field names.
     */
    @Test
    void aFileOfTheEarlierFormatStillLoads(@TempDir Path dir) throws IOException {
        String old = """
                {
                  "version" : 1,
                  "conversations" : [ {
                    "conversationId" : "t-1",
                    "state" : "snoozed",
                    "setAt" : "2026-03-01T10:00:00Z",
                    "setBy" : "camille",
                    "snoozedUntil" : "2026-03-02T10:00:00Z",
                    "notes" : [ {
                      "at" : "2026-03-01T09:00:00Z",
                      "author" : "camille",
                      "text" : "rappeler après 18h, « pas de SMS »"
                    } ]
                  }, {
                    "conversationId" : "t-2",
                    "notes" : [ ]
                  } ],
                  "contacts" : [ {
                    "contactId" : "c-1",
                    "doNotContact" : true,
                    "caution" : true,
                    "cautionNote" : "se fait passer pour une TDS",
                    "updatedAt" : "2026-03-01T08:00:00Z",
                    "updatedBy" : "youssef",
                    "language" : "nl"
                  }, {
                    "contactId" : "c-2",
                    "doNotContact" : false,
                    "caution" : false,
                    "cautionNote" : "",
                    "updatedAt" : null,
                    "updatedBy" : ""
                  } ],
                  "campaigns" : [ {
                    "id" : "k1",
                    "name" : "Bus médical, mars",
                    "sentAt" : "2026-03-01T12:00:00Z",
                    "platform" : "sms",
                    "recipients" : 2000
                  }, {
                    "id" : "k2",
                    "name" : "Instagram",
                    "sentAt" : "2026-03-01T12:00:00Z",
                    "platform" : null,
                    "recipients" : 0
                  } ],
                  "sessions" : [ {
                    "id" : "s-1",
                    "workerId" : "an",
                    "start" : "2026-03-01T08:00:00Z",
                    "end" : "2026-03-01T12:00:00Z",
                    "handoverNote" : "Luna attend une réponse"
                  }, {
                    "id" : "s-2",
                    "workerId" : "camille",
                    "start" : "2026-03-01T13:00:00Z",
                    "end" : null,
                    "handoverNote" : ""
                  } ],
                  "services" : [ {
                    "id" : "o-1",
                    "conversationId" : "t-1",
                    "kind" : "screening",
                    "at" : "2026-03-01T09:30:00Z",
                    "by" : "camille"
                  } ]
                }""";
        Files.writeString(dir.resolve(TriageStateStore.FILE_NAME), old, StandardCharsets.UTF_8);
        TriageState s = TriageStateStore.open(dir).snapshot();
        ConversationState t1 = s.conversation("t-1");
        assertEquals(WorkerState.SNOOZED, t1.state());
        assertEquals(Instant.parse("2026-03-02T10:00:00Z"), t1.snoozedUntil());
        assertEquals("camille", t1.setBy());
        assertEquals(List.of(new ConversationState.Note(Instant.parse("2026-03-01T09:00:00Z"), "camille",
                "rappeler après 18h, « pas de SMS »")), t1.notes());
        assertNull(s.conversation("t-2").state());
        assertEquals(new ContactFlags("c-1", true, true, "se fait passer pour une TDS",
                Instant.parse("2026-03-01T08:00:00Z"), "youssef", "nl"), s.contact("c-1"));
        assertEquals(ContactFlags.none("c-2"), s.contact("c-2"));
        assertEquals(List.of(new Campaign("k1", "Bus médical, mars", Instant.parse("2026-03-01T12:00:00Z"), Platform.SMS, 2000),
                new Campaign("k2", "Instagram", Instant.parse("2026-03-01T12:00:00Z"), null, 0)), s.campaigns());
        assertEquals(2, s.sessions().size());
        assertTrue(s.sessions().get(1).isOpen());
        assertEquals("Luna attend une réponse", s.sessions().get(0).handoverNote());
        assertEquals(List.of(new ServiceOffer("o-1", "t-1", ServiceKind.SCREENING, Instant.parse("2026-03-01T09:30:00Z"),
                "camille")), s.services());

        // written back: the same field names, and the same state read again
        TriageStateStore store = TriageStateStore.open(dir);
        store.setState("t-2", WorkerState.HANDLED, T, "an", null);
        String written = Files.readString(dir.resolve(TriageStateStore.FILE_NAME));
        for (String field : List.of("\"version\"", "\"conversationId\"", "\"snoozedUntil\"", "\"notes\"", "\"author\"",
                "\"doNotContact\"", "\"cautionNote\"", "\"updatedAt\"", "\"updatedBy\"", "\"language\"", "\"sentAt\"",
                "\"recipients\"", "\"workerId\"", "\"handoverNote\"", "\"kind\"", "\"by\"")) {
            assertTrue(written.contains(field), field);
        }
        TriageState again = TriageStateStore.open(dir).snapshot();
        assertEquals(WorkerState.HANDLED, again.conversation("t-2").state());
        assertEquals(s.contacts(), again.contacts());
        assertEquals(s.campaigns(), again.campaigns());
        assertEquals(s.sessions(), again.sessions());
        assertEquals(s.services(), again.services());
        assertEquals(t1, again.conversation("t-1"));
    }
}
