package maraude.archive.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

import maraude.archive.LuceneArchive;
import maraude.archive.crypto.ArchiveProtection;
import maraude.archive.crypto.CheapKdf;
import maraude.archive.crypto.Keyring;
import maraude.archive.crypto.ProtectedArchiveFactory;
import maraude.archive.storage.FileSystemStorage;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.SearchQuery;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;
import maraude.core.model.SourceRef;

/**
 * Cost of encryption at rest, measured in one run on the same generated messages: indexing rate and
 * search latency (p50, p99) of a plain archive (the baseline) and of a protected one. Rounds alternate
 * plain / protected so that JIT warm-up and page cache favour neither; the best round of each counts.
 *
 * <pre>java -Xmx512m -cp … maraude.archive.bench.EncryptionBenchmark [messages] [work folder]</pre>
 */
public final class EncryptionBenchmark {

    private static final String[] WORDS = ("bonjour merci rendez-vous jeudi local dépistage gratuit préservatifs "
            + "écoute permanence soirée appel demain ce soir rue gare accueil douche repas médecin infirmière "
            + "papiers avocat police peur client argent loyer hôtel train bruxelles anvers gand liège charleroi "
            + "santé test résultat vaccin hépatite pilule urgence nuit matin semaine rappel message photo numéro "
            + "adresse ligne signal whatsapp telegram instagram annonce travail sécurité violence aide "
            + "formation cours langue français néerlandais anglais roumain bulgare espagnol portugais").split(" "); //$NON-NLS-1$ //$NON-NLS-2$
    private static final int SEARCHES = 2000;
    private static final int ROUNDS = Integer.getInteger("rounds", 3);

    private EncryptionBenchmark() {
    }

    record Figures(double indexPerSecond, double p50Micros, double p99Micros) {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path work = args.length > 1 ? Paths.get(args[1]) : Files.createTempDirectory("maraude-enc-bench"); //$NON-NLS-1$
        System.out.printf(Locale.ROOT, "messages: %,d, heap: %d MiB, work: %s%n", n, //$NON-NLS-1$
                Runtime.getRuntime().maxMemory() >> 20, work);
        Figures bestPlain = null;
        Figures bestEnc = null;
        for (int r = 0; r < ROUNDS; r++) {
            Path plain = work.resolve("plain-" + r); //$NON-NLS-1$
            Path enc = work.resolve("enc-" + r); //$NON-NLS-1$
            Figures p = run(n, plain, () -> LuceneArchive.open(new FileSystemStorage(plain), AccessMode.READ_WRITE),
                    () -> LuceneArchive.open(new FileSystemStorage(plain), AccessMode.READ_ONLY));
            print("plain    ", r, p, plain); //$NON-NLS-1$
            ArchiveProtection.protect(enc, "benchmark passphrase".toCharArray(), CheapKdf.PARAMS); //$NON-NLS-1$
            ProtectedArchiveFactory f = new ProtectedArchiveFactory(new Keyring(a -> null));
            f.keyring().unlock(enc, "benchmark passphrase".toCharArray()); //$NON-NLS-1$
            Figures e = run(n, enc, () -> f.open(enc, AccessMode.READ_WRITE), () -> f.open(enc, AccessMode.READ_ONLY));
            print("encrypted", r, e, enc); //$NON-NLS-1$
            bestPlain = best(bestPlain, p);
            bestEnc = best(bestEnc, e);
        }
        System.out.printf(Locale.ROOT, "%nbest of %d rounds%n", ROUNDS); //$NON-NLS-1$
        System.out.printf(Locale.ROOT, "indexing  plain %,.0f msg/s, encrypted %,.0f msg/s: %+.1f %% time%n", //$NON-NLS-1$
                bestPlain.indexPerSecond, bestEnc.indexPerSecond,
                100 * (bestPlain.indexPerSecond / bestEnc.indexPerSecond - 1));
        System.out.printf(Locale.ROOT, "search p50 plain %.0f µs, encrypted %.0f µs: %+.1f %%%n", bestPlain.p50Micros, //$NON-NLS-1$
                bestEnc.p50Micros, 100 * (bestEnc.p50Micros / bestPlain.p50Micros - 1));
        System.out.printf(Locale.ROOT, "search p99 plain %.0f µs, encrypted %.0f µs: %+.1f %%%n", bestPlain.p99Micros, //$NON-NLS-1$
                bestEnc.p99Micros, 100 * (bestEnc.p99Micros / bestPlain.p99Micros - 1));
    }

    private static Figures best(Figures a, Figures b) {
        if (a == null) {
            return b;
        }
        return new Figures(Math.max(a.indexPerSecond, b.indexPerSecond), Math.min(a.p50Micros, b.p50Micros),
                Math.min(a.p99Micros, b.p99Micros));
    }

    private static void print(String what, int round, Figures f, Path folder) throws IOException {
        long bytes;
        try (var s = Files.walk(folder)) {
            bytes = s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        System.out.printf(Locale.ROOT, "round %d %s: %,.0f msg/s, search p50 %.0f µs, p99 %.0f µs, %,d KiB on disk%n", //$NON-NLS-1$
                round, what, f.indexPerSecond, f.p50Micros, f.p99Micros, bytes >> 10);
    }

    private static Figures run(int n, Path folder, Supplier<Archive> writable, Supplier<Archive> readable) {
        Random rnd = new Random(42);
        long t0 = System.nanoTime();
        try (Archive a = writable.get()) {
            List<Conversation> convs = new ArrayList<>();
            for (int c = 0; c < 500; c++) {
                Platform p = Platform.values()[c % Platform.values().length];
                Contact contact = Contact.of(p, "+3247" + (1_000_000 + c), "Contact " + c); //$NON-NLS-1$ //$NON-NLS-2$
                Conversation conv = Conversation.of(p, contact.handle(), contact, contact.displayName());
                a.putContact(contact);
                a.putConversation(conv);
                convs.add(conv);
            }
            ZonedDateTime start = ZonedDateTime.of(2024, 1, 1, 8, 0, 0, 0, ZoneId.of("Europe/Brussels")); //$NON-NLS-1$
            for (int i = 0; i < n; i++) {
                Conversation conv = convs.get(rnd.nextInt(convs.size()));
                StringBuilder text = new StringBuilder();
                int words = 4 + rnd.nextInt(20);
                for (int w = 0; w < words; w++) {
                    text.append(WORDS[(int) Math.abs(rnd.nextGaussian() * WORDS.length / 3) % WORDS.length]).append(' ');
                }
                text.append(i);
                a.addMessage(Message.of(conv.id(), i % 2 == 0 ? Direction.INBOUND : Direction.OUTBOUND,
                        start.plusSeconds(i * 37L), i % 2 == 0 ? "contact" : "Équipe", null, text.toString(), List.of(), //$NON-NLS-1$ //$NON-NLS-2$
                        SourceRef.ofLine("bench.txt", i + 1L))); //$NON-NLS-1$
                if ((i + 1) % 20_000 == 0) {
                    a.commit();
                }
            }
            a.commit();
        }
        double rate = n / ((System.nanoTime() - t0) / 1e9);
        long[] micros = new long[SEARCHES];
        try (Archive a = readable.get()) {
            Random q = new Random(7);
            for (int i = -500; i < SEARCHES; i++) { // 500 warm-up queries
                String query = WORDS[q.nextInt(WORDS.length)] + (q.nextBoolean() ? " " + WORDS[q.nextInt(WORDS.length)] : ""); //$NON-NLS-1$ //$NON-NLS-2$
                long s = System.nanoTime();
                a.search(SearchQuery.of(query));
                if (i >= 0) {
                    micros[i] = (System.nanoTime() - s) / 1000;
                }
            }
        }
        Arrays.sort(micros);
        return new Figures(rate, micros[SEARCHES / 2], micros[SEARCHES * 99 / 100]);
    }
}
