package maraude.core.demo;

import java.util.List;
import java.util.Map;

import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Message;

/**
 * One synthetic thread as the generator made it: contact, conversation, messages oldest first, and the
 * bytes of every attachment the messages refer to (by sha256). {@code language} is an ISO 639-1 code;
 * {@code scenario} says what the thread was built to show (handy for tests and benchmarks).
 */
public record GeneratedConversation(
        long index,
        Contact contact,
        Conversation conversation,
        String language,
        Scenario scenario,
        List<Message> messages,
        Map<String, GeneratedAttachment> attachments) {

    /** What situation a generated thread represents. */
    public enum Scenario {
        /** The service wrote (first contact), the person never answered: "public inconnu". */
        NEVER_REPLIED,
        /** First contact months ago, then one gentle follow-up ("relance"), still no answer. */
        RELANCE,
        /** First contact answered; harm-reduction kit sent or picked up. */
        KIT,
        /** Screening, PrEP questions, appointment. */
        HEALTH,
        /** Condom broke: urgent PEP advice. */
        PEP,
        /** CPAS, health insurance, housing: a long accompaniment. */
        SOCIAL,
        /** Violence, dangerous client alert, blackmail. */
        VIOLENCE,
        /** Suspected fake profile, client, journalist or police fishing for information. */
        SUSPECT,
        /** The person asks not to be contacted again. */
        STOP,
        /** Automated mass SMS (e.g. medical bus dates), sometimes answered. */
        CAMPAIGN,
        /** The person wrote first (saw a flyer or heard of the service). */
        INBOUND_FIRST
    }

    /** True when the last non-system message is inbound: the thread waits for the service. */
    public boolean awaitsReply() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            Message m = messages.get(i);
            if (m.direction() != maraude.core.model.Direction.SYSTEM) {
                return m.isInbound();
            }
        }
        return false;
    }
}
