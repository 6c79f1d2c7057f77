package maraude.archive.bench;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;
import maraude.core.model.SourceRef;

/**
 * Deterministic synthetic outreach conversations for the benchmark: conversation after conversation
 * (the order an import of exports produces), multilingual (mostly French, then Dutch, English, Spanish,
 * Portuguese, Romanian), with phone numbers and emoji now and then. Nothing real.
 */
public final class BenchGenerator {

    /** A conversation and its contact, handed out before its messages. */
    public record Thread(Contact contact, Conversation conversation, String exportName) {
    }

    /** Receives the stream. */
    public interface Sink {
        void thread(Thread t);

        void message(Thread t, Message m);
    }

    static final String[] FR = { "Bonjour, on passe demain avec des préservatifs et du gel si tu veux",
            "Le test de dépistage est gratuit et anonyme à la permanence", "Tu as besoin d'un hébergement pour ce soir ?",
            "On peut t'accompagner chez le médecin jeudi matin", "Merci beaucoup, vous êtes gentilles",
            "Je ne peux pas parler maintenant, je te réécris plus tard", "Rendez-vous à 14h devant la gare du Midi",
            "Est-ce que vous faites aussi les papiers pour la mutuelle ?", "Il m'a pris mon passeport, je ne sais pas quoi faire",
            "On a des préservatifs féminins aussi, et des lubrifiants", "Le dépistage du VIH prend vingt minutes",
            "Tu veux qu'on t'envoie l'adresse du centre de santé ?", "J'ai eu un client violent hier soir",
            "Vous pouvez venir avec une interprète ?", "Ok super, à demain alors", "Je travaille à Bruxelles depuis deux mois",
            "Le numéro de la ligne d'écoute est dans le message suivant", "On organise un atelier sur les droits jeudi",
            "Je voudrais arrêter mais je dois de l'argent", "Pas de souci, prends soin de toi" };
    static final String[] NL = { "Hallo, we hebben gratis condooms en glijmiddel", "Wil je een afspraak voor een soa-test ?",
            "Ik kan morgen niet, misschien vrijdag", "Bedankt voor jullie hulp", "Waar is het inloopcentrum precies ?" };
    static final String[] EN = { "Hi, we can bring condoms tomorrow if you want", "Is the HIV test really free ?",
            "I need a place to sleep tonight", "Thank you so much, see you tomorrow", "Can someone help me with my papers ?" };
    static final String[] ES = { "Hola, necesito preservativos por favor", "¿Dónde está el centro de salud ?",
            "Gracias chicas, hasta mañana" };
    static final String[] PT = { "Olá, preciso de ajuda com os documentos", "Obrigada pelos preservativos" };
    static final String[] RO = { "Bună, am nevoie de informații despre testare", "Mulțumesc mult, pe mâine" };
    static final String[] EXTRA = { "🙏", "❤️", "😊", "👍🏽", "!!", "?", "merci", "ok", "stp", "demain", "ce soir", "Anderlecht",
            "Schaerbeek", "Saint-Josse", "la police", "mon copain", "ma sœur", "le médecin", "l'hôpital", "la mutuelle",
            "le CPAS", "un avocat", "les papiers", "une chambre", "20 euros", "vendredi", "lundi prochain" };
    static final String[] PSEUDOS = { "lola", "bella", "nina", "sweet", "kim", "angel", "roxy", "mia", "eva", "zoe",
            "lana", "jade", "ruby", "luna", "cleo" };

    private final long seed;
    private final ZonedDateTime start;

    public BenchGenerator(long seed) {
        this.seed = seed;
        this.start = ZonedDateTime.of(2024, 1, 1, 8, 0, 0, 0, ZoneId.of("Europe/Brussels"));
    }

    /** The i-th phone number of a pool of 1000 that messages mention. */
    public static String poolPhone(int i) {
        return String.format("0470 %02d %02d %02d", 10 + i / 100, i % 100, 37); //$NON-NLS-1$
    }

    /** Streams {@code total} messages in conversations of 1 to 99 messages (mean 50). */
    public void generate(int total, Sink sink) {
        Random r = new Random(seed);
        int produced = 0;
        int c = 0;
        while (produced < total) {
            int size = Math.min(total - produced, 1 + r.nextInt(99));
            Platform p = pickPlatform(r);
            String handle = p == Platform.AD_INBOX || p == Platform.EMAIL
                    ? PSEUDOS[r.nextInt(PSEUDOS.length)] + "_" + c
                    : String.format("+32 4%02d %02d %02d %02d", 70 + r.nextInt(30), c / 10000 % 100, c / 100 % 100, c % 100); //$NON-NLS-1$
            String name = PSEUDOS[r.nextInt(PSEUDOS.length)] + ' ' + c;
            Contact contact = Contact.of(p, handle, name);
            Conversation conv = Conversation.of(p, handle, contact, name);
            Thread t = new Thread(contact, conv, "WhatsApp Chat with " + name + ".txt"); //$NON-NLS-1$ //$NON-NLS-2$
            sink.thread(t);
            ZonedDateTime when = start.plusMinutes(r.nextInt(60 * 24 * 600));
            for (int i = 0; i < size; i++) {
                when = when.plusSeconds(30 + r.nextInt(60 * 60 * 20));
                double d = r.nextDouble();
                Direction dir = d < 0.02 ? Direction.SYSTEM : d < 0.52 ? Direction.INBOUND : Direction.OUTBOUND;
                String text = dir == Direction.SYSTEM ? "Les messages et les appels sont chiffrés de bout en bout." //$NON-NLS-1$
                        : text(r);
                String author = dir == Direction.INBOUND ? name : dir == Direction.OUTBOUND ? "Équipe" : ""; //$NON-NLS-1$ //$NON-NLS-2$
                Message m = Message.of(conv.id(), dir, when, author, dir == Direction.OUTBOUND ? "w-" + r.nextInt(6) : null, //$NON-NLS-1$
                        text, List.of(), SourceRef.ofLine(t.exportName(), i + 1L));
                sink.message(t, m);
            }
            produced += size;
            c++;
        }
    }

    private static Platform pickPlatform(Random r) {
        int x = r.nextInt(100);
        if (x < 40) {
            return Platform.WHATSAPP;
        }
        if (x < 60) {
            return Platform.SMS;
        }
        if (x < 85) {
            return Platform.AD_INBOX;
        }
        if (x < 90) {
            return Platform.SIGNAL;
        }
        if (x < 95) {
            return Platform.TELEGRAM;
        }
        return Platform.EMAIL;
    }

    private static String text(Random r) {
        int x = r.nextInt(100);
        String[] pool = x < 60 ? FR : x < 75 ? NL : x < 85 ? EN : x < 92 ? ES : x < 96 ? PT : RO;
        StringBuilder sb = new StringBuilder(pool[r.nextInt(pool.length)]);
        int extras = r.nextInt(4);
        for (int i = 0; i < extras; i++) {
            sb.append(' ').append(EXTRA[r.nextInt(EXTRA.length)]);
        }
        if (r.nextInt(3) == 0) {
            sb.append(' ').append(word(r)); // a long tail of rare words, as names and places give
        }
        if (r.nextInt(50) == 0) {
            sb.append(" appelle le ").append(poolPhone(r.nextInt(1000))); //$NON-NLS-1$
        }
        if (r.nextInt(3) == 0) {
            sb.append(". ").append(pool[r.nextInt(pool.length)]); //$NON-NLS-1$
        }
        return sb.toString();
    }

    private static final String[] SYLLABLES = { "ba", "ko", "ri", "lu", "se", "ta", "mi", "no", "vé", "dra", "po",
            "ker", "zu", "an", "el", "ost", "ij", "ru", "ça", "wen" };

    private static String word(Random r) {
        int n = 2 + r.nextInt(3);
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < n; i++) {
            w.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
        }
        return w.toString();
    }

    /** Consumer adapter for sinks that ignore threads. */
    public static Sink messages(Consumer<Message> c) {
        return new Sink() {
            @Override
            public void thread(Thread t) {
                // ignored
            }

            @Override
            public void message(Thread t, Message m) {
                c.accept(m);
            }
        };
    }
}
