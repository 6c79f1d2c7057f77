package maraude.ui.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** What the conversation part highlights when a search hit is opened. */
class HighlightWordsTest {

    @Test
    void theFormsTheIndexMatchedInThePassageAreHighlightedBesideTheTypedWords() {
        // The French analysis finds "messages" and "Rendez-vous" for "message rendez": the passage says which forms matched.
        List<String> words = SearchPart.words("message AND rendez platform:whatsapp", //$NON-NLS-1$
                "… tes [[messages]] d'hier, on prend [[Rendez]]-vous ? [[messages]]"); //$NON-NLS-1$
        assertEquals(List.of("message", "rendez", "messages", "Rendez"), words); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
    }

    @Test
    void thoseFormsAreFoundInTheMessageIgnoringCaseAndAccents() {
        String body = "Merci pour tes Messages, à très vite"; //$NON-NLS-1$
        List<ConversationPart.Highlight> found = ConversationPart.find(body, SearchPart.words("message", "[[Messages]]")); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(List.of(new ConversationPart.Highlight(15, 7), new ConversationPart.Highlight(15, 8)), found);
        assertEquals(List.of(), ConversationPart.find(body, SearchPart.words("rdv", null))); //$NON-NLS-1$
    }
}
