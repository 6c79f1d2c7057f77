package maraude.core.demo;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import maraude.core.archive.Archive;
import maraude.core.demo.GeneratedConversation.Scenario;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;

/**
 * A few fixed threads added to the demo archive so that a newcomer sees, in the queue, what the
 * triage reads in messages: an urgent PEP exposure with its hours left, violence and police; thanks
 * and acknowledgements in six languages (the "no reply needed?" group); opt-outs; a thank-you that
 * still asks; a "stop" that is no opt-out; and six threads, one per language, ending with a short
 * word that must not change their language. Times are relative to the generator's {@code now}.
 * Every text and name is invented.
 */
public final class DemoShowcase {

    private DemoShowcase() {
    }

    /** One line of a showcase thread: minutes before now, and the text (">" first: the service wrote). */
    private record Line(int minutesAgo, String text) {
    }

    /** The showcase threads, oldest message first in each. */
    public static List<GeneratedConversation> threads(ZonedDateTime now) {
        List<GeneratedConversation> out = new ArrayList<>();
        long i = -1;
        out.add(thread(i--, now, "fr", Scenario.PEP, Platform.WHATSAPP, "Nina (démo)",
                l(60 * 30, "bonjour vous envoyez des colis ?"), l(60 * 29, ">Bonjour Nina, oui, gratuitement. Tu veux qu'on t'en envoie un ?"),
                l(60 * 6, "la capote a craqué cette nuit avec un client, je fais quoi ??")));
        out.add(thread(i--, now, "fr", Scenario.VIOLENCE, Platform.SMS, "Jade (démo)",
                l(50, "un client m'a frappée hier soir, j'ai peur qu'il revienne")));
        out.add(thread(i--, now, "ro", Scenario.VIOLENCE, Platform.WHATSAPP, "Ioana (démo)",
                l(60 * 3, "buna ziua, politia mi-a luat pasaportul azi dimineata, ce pot sa fac?")));
        out.add(thread(i--, now, "fr", Scenario.KIT, Platform.WHATSAPP, "Lila (démo)",
                l(60 * 50, "bonjour je voudrais un colis avec des capotes et du lubrifiant svp"),
                l(60 * 49, ">Bonjour Lila, c'est noté, il part demain."), l(60 * 20, "merciii")));
        out.add(thread(i--, now, "nl", Scenario.KIT, Platform.WHATSAPP, "Sanne (demo)",
                l(60 * 40, "hallo, kan ik een pakketje met condooms krijgen?"),
                l(60 * 39, ">Hallo Sanne, natuurlijk, het vertrekt morgen."), l(60 * 12, "dankjewel!!")));
        out.add(thread(i--, now, "en", Scenario.HEALTH, Platform.TELEGRAM, "Kim (demo)",
                l(60 * 28, "hi where can i get tested this week?"),
                l(60 * 27, ">Hi Kim, the medical bus is in Liège on Thursday from 2 pm."), l(60 * 9, "great thx")));
        out.add(thread(i--, now, "es", Scenario.KIT, Platform.WHATSAPP, "Lucía (demo)",
                l(60 * 26, "hola, me pueden mandar condones a casa?"),
                l(60 * 25, ">Hola Lucía, claro, sale mañana."), l(60 * 5, "muchas gracias")));
        out.add(thread(i--, now, "pt", Scenario.KIT, Platform.WHATSAPP, "Bia (demo)",
                l(60 * 24, "oi, vcs mandam camisinha pra casa?"),
                l(60 * 23, ">Oi Bia, mandamos sim, sai amanhã."), l(60 * 4, "obrigadaaa")));
        out.add(thread(i--, now, "ro", Scenario.KIT, Platform.SMS, "Elena (demo)",
                l(60 * 22, "buna, imi puteti trimite prezervative?"),
                l(60 * 21, ">Buna Elena, da, pleaca maine."), l(60 * 3, "mulțumesc frumos")));
        out.add(thread(i--, now, "nl", Scenario.STOP, Platform.SMS, "Eva (demo)",
                l(60 * 72, ">Hallo, wij zijn een gezondheidsdienst: gratis pakketjes en testen."),
                l(60 * 8, "stop met me te sturen")));
        out.add(thread(i--, now, "fr", Scenario.STOP, Platform.AD_INBOX, "Maëlle (démo)",
                l(60 * 70, ">Bonjour, nous sommes un service de santé : colis gratuits et dépistage."),
                l(60 * 7, "pas intéressée")));
        out.add(thread(i--, now, "fr", Scenario.HEALTH, Platform.WHATSAPP, "Inès (démo)",
                l(60 * 20, "bonjour vous faites des colis ?"), l(60 * 19, ">Bonjour Inès, oui, c'est parti ce matin."),
                l(60 * 2, "merci ! et vous faites aussi les tests ?")));
        out.add(thread(i--, now, "fr", Scenario.INBOUND_FIRST, Platform.SMS, "Chloé (démo)",
                l(35, "stop attends, il arrive, je t'écris après")));
        String[][] shortEnd = { { "fr", "Manon (démo)", "bonjour je voudrais savoir si vous faites des dépistages gratuits", "ok" },
                { "nl", "Lotte (demo)", "goedemiddag, ik wil graag een afspraak maken voor een test", "top" },
                { "en", "Amy (demo)", "hello, i would like to make an appointment for a test please", "super" },
                { "es", "Sara (demo)", "hola, quiero pedir una cita para hacerme la prueba por favor", "ok" },
                { "pt", "Rita (demo)", "ola, queria marcar uma consulta para fazer o teste por favor", "ok merci" },
                { "ro", "Ana (demo)", "buna ziua, as vrea sa fac o programare pentru un test va rog", "ok" } };
        for (String[] s : shortEnd) {
            out.add(thread(i--, now, s[0], Scenario.HEALTH, Platform.WHATSAPP, s[1], l(60 * 10, s[2]),
                    l(60 * 9, ">OK: jeudi 14h / Thursday 2 pm."), l(60, s[3])));
        }
        return out;
    }

    /** Adds the showcase threads to an archive and commits. */
    public static void populate(Archive archive, ZonedDateTime now) {
        for (GeneratedConversation g : threads(now)) {
            archive.putContact(g.contact());
            archive.putConversation(g.conversation());
            for (Message m : g.messages()) {
                archive.addMessage(m);
            }
        }
        archive.commit();
    }

    private static Line l(int minutesAgo, String text) {
        return new Line(minutesAgo, text);
    }

    private static GeneratedConversation thread(long index, ZonedDateTime now, String lang, Scenario scenario,
            Platform platform, String name, Line... lines) {
        Contact c = Contact.of(platform, "showcase" + (-index), name); //$NON-NLS-1$
        Conversation conv = Conversation.of(platform, "showcase" + (-index), c, name); //$NON-NLS-1$
        List<Message> msgs = new ArrayList<>();
        for (Line l : lines) {
            boolean out = l.text().startsWith(">"); //$NON-NLS-1$
            msgs.add(Message.of(conv.id(), out ? Direction.OUTBOUND : Direction.INBOUND, now.minusMinutes(l.minutesAgo()),
                    out ? "Camille" : name, out ? "camille" : null, out ? l.text().substring(1) : l.text(), null, null)); //$NON-NLS-1$ //$NON-NLS-2$
        }
        return new GeneratedConversation(index, c, conv, lang, scenario, List.copyOf(msgs), Map.of());
    }
}
