package maraude.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import maraude.core.model.Contact;
import maraude.core.model.Platform;
import maraude.templates.ReplyDraft.CopyState;

/** The reply panel's state without a widget: the story of a worker answering two conversations. */
class ReplyDraftTest {

    private static final Contact LUNA = Contact.of(Platform.WHATSAPP, "+32470000001", "Luna"); //$NON-NLS-1$ //$NON-NLS-2$

    private static Suggestion suggestion(String id, String language, String text) {
        return new Suggestion(id, "accueil", language, 1.0, List.of("mots"), text, List.of()); //$NON-NLS-1$ //$NON-NLS-2$
    }

    @Test
    void suggestionsForAConversationThatIsNoLongerOpenAreDropped() {
        ReplyDraft d = new ReplyDraft();
        d.loading("a"); //$NON-NLS-1$
        long forA = d.loaded("a", LUNA, TeamSettings.empty()); //$NON-NLS-1$
        d.loading("b"); //$NON-NLS-1$
        assertEquals(-1, d.loaded("a", LUNA, TeamSettings.empty()), "a is no longer loading"); //$NON-NLS-1$
        assertFalse(d.suggested(forA, List.of(suggestion("t1", "fr", "Coucou")))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(List.of(), d.suggestions());
        long forB = d.loaded("b", LUNA, TeamSettings.empty()); //$NON-NLS-1$
        assertTrue(d.suggested(forB, List.of(suggestion("t1", "nl", "Hallo")))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(1, d.suggestions().size());
        assertEquals("nl", d.openingLanguage(), "no language known: the suggestions' one"); //$NON-NLS-1$ //$NON-NLS-2$
    }

    @Test
    void theDraftStaysWhenTheSameConversationReloadsAndGoesForAnother() {
        ReplyDraft d = new ReplyDraft();
        d.loading("a"); //$NON-NLS-1$
        d.edited("Bonjour Luna"); //$NON-NLS-1$
        assertFalse(d.loading("a"), "same conversation (a refresh after a change)"); //$NON-NLS-1$
        assertEquals("Bonjour Luna", d.text()); //$NON-NLS-1$
        assertTrue(d.loading("b")); //$NON-NLS-1$
        assertEquals("", d.text()); //$NON-NLS-1$
        d.clear();
        assertNull(d.conversationId());
        assertEquals(CopyState.EMPTY, d.copy().state());
    }

    @Test
    void insertFillsABlankDraftElseReplacesTheSelection() {
        ReplyDraft d = new ReplyDraft();
        d.loading("a"); //$NON-NLS-1$
        d.suggested(d.loaded("a", LUNA, TeamSettings.empty()), //$NON-NLS-1$
                List.of(suggestion("hello", "fr", "Coucou {pseudonym} !"), suggestion("bye", "fr", "Bonne soirée"))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
        assertEquals("Coucou {pseudonym} !", d.insert(0, 0, 0)); //$NON-NLS-1$
        assertEquals("hello", d.templateId()); //$NON-NLS-1$
        d.edited("Coucou {pseudonym} ! "); //$NON-NLS-1$
        assertEquals("Coucou {pseudonym} ! Bonne soirée", d.insert(1, 21, 0)); //$NON-NLS-1$
        assertEquals("Bonne soirée {pseudonym} ! Bonne soirée", d.insert(1, 0, 6), "the selection is replaced"); //$NON-NLS-1$ //$NON-NLS-2$
        assertNull(d.insert(5, 0, 0));
        ReplyDraft.Check c = d.check();
        assertEquals(1, c.placeholders().size());
        assertEquals(13, c.placeholders().get(0)[0]);
        assertEquals(24, c.placeholders().get(0)[1]);
        d.edited("Coucou"); //$NON-NLS-1$
        assertEquals(List.of(), d.check().placeholders());
    }

    @Test
    void copyFillsPlaceholdersFromTheContactAndTheTeam() {
        ReplyDraft d = new ReplyDraft();
        d.loading("a"); //$NON-NLS-1$
        d.loaded("a", LUNA, new TeamSettings(Map.of("phone", "02 123 45 67"))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        d.edited("  Coucou {pseudonym}, appelle le {phone}  "); //$NON-NLS-1$
        ReplyDraft.Copy c = d.copy();
        assertEquals(CopyState.READY, c.state());
        assertEquals("Coucou Luna, appelle le 02 123 45 67", c.text()); //$NON-NLS-1$
        d.edited("Coucou {first_name}"); //$NON-NLS-1$
        c = d.copy();
        assertEquals(CopyState.UNFILLED, c.state());
        assertTrue(c.problem().contains("first_name"), c.problem()); //$NON-NLS-1$
        d.edited("   "); //$NON-NLS-1$
        assertEquals(CopyState.EMPTY, d.copy().state());
    }

    @Test
    void aRiskyDraftIsCopiedOnlyWhenConfirmedAndTypingAsksAgain() {
        ReplyDraft d = new ReplyDraft();
        d.conversationLanguage("fr"); //$NON-NLS-1$
        d.loading("a"); //$NON-NLS-1$
        d.loaded("a", LUNA, TeamSettings.empty()); //$NON-NLS-1$
        d.edited("Bonjour\nle dépistage est gratuit"); //$NON-NLS-1$
        ReplyDraft.Check check = d.check();
        assertEquals(1, check.findings().size());
        assertEquals(CopyState.CONFIRM, d.copy().state());
        assertTrue(d.copyAnyway());
        d.edited("Bonjour\nle dépistage est gratuit !"); //$NON-NLS-1$
        assertFalse(d.copyAnyway(), "a changed draft is checked and confirmed again"); //$NON-NLS-1$
        assertEquals(CopyState.CONFIRM, d.copy().state());
        ReplyDraft.Copy c = d.copy();
        assertEquals(CopyState.READY, c.state());
        assertEquals("Bonjour\nle dépistage est gratuit !", c.text()); //$NON-NLS-1$
    }

    @Test
    void theNeutralOpeningReplacesTheRevealingFirstLineInTheConversationsLanguage() {
        ReplyDraft d = new ReplyDraft();
        d.conversationLanguage("fr"); //$NON-NLS-1$
        d.loading("a"); //$NON-NLS-1$
        d.loaded("a", LUNA, TeamSettings.empty()); //$NON-NLS-1$
        d.edited("\n  HIV test this week\nà bientôt"); //$NON-NLS-1$
        assertTrue(d.check().revealing());
        String opening = d.opening();
        assertFalse(opening.isBlank());
        assertEquals("\n  " + opening + "\nà bientôt", d.useNeutralOpening()); //$NON-NLS-1$ //$NON-NLS-2$
        assertFalse(d.check().revealing());
    }

    @Test
    void serviceDomainsOfTheTeamReachTheCheck() {
        ReplyDraft d = new ReplyDraft();
        d.loading("a"); //$NON-NLS-1$
        d.loaded("a", null, new TeamSettings(Map.of(ReplyDraft.SERVICE_DOMAINS, "alias.be, espace-p.org ,"))); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(List.of("alias.be", "espace-p.org"), d.checkContext().serviceDomains()); //$NON-NLS-1$ //$NON-NLS-2$
    }
}
