package maraude.imports.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.imports.CollectingSink;
import maraude.imports.Fixtures;
import maraude.imports.Fixtures.Result;
import maraude.imports.ImportContext;
import maraude.imports.ImportFile;
import maraude.imports.ImportOptions;
import maraude.imports.ImportProblem;
import maraude.imports.internal.ZipContainer;

/**
 * Generated exports in the header forms of each locale the teams meet (FORMATS.md §1.2), Android
 * and iOS, with the locale's encryption notice, a multi-line message of ours and a media line.
 */
class WhatsAppLocalesTest {

    private static final ZoneId BXL = ZoneId.of("Europe/Brussels");
    private static final byte[] JPEG = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4 };

    /** A locale's layout: header pattern, encryption notice, attached-file line. */
    record Layout(String name, String header, Locale locale, boolean ios, String notice, String attached) {
        String header(LocalDateTime t) {
            String h = DateTimeFormatter.ofPattern(header, locale).format(t);
            // Real exports use narrow/normal no-break spaces around AM/PM markers.
            h = h.replace("PM", "\u202FPM").replace("AM", "\u202FAM").replace(" \u202F", "\u202F");
            return ios ? "\u200E[" + h + "] " : h + " - ";
        }
    }

    static Stream<Arguments> layouts() {
        return Stream.of(
                new Layout("fr-2019", "dd/MM/yyyy 'à' HH:mm", Locale.FRENCH, false,
                        "Les messages envoyés dans cette discussion et les appels sont désormais protégés avec le chiffrement de bout en bout. Appuyez pour plus d'informations.",
                        "IMG-20240324-WA0001.jpg (fichier joint)"),
                new Layout("fr-2025", "dd/MM/yyyy HH:mm", Locale.FRENCH, false,
                        "Les messages et les appels sont chiffrés de bout en bout. Aucun tiers, pas même WhatsApp, ne peut les lire ou les écouter. Appuyez pour en savoir plus.",
                        "IMG-20240324-WA0001.jpg (fichier joint)"),
                new Layout("nl-android", "dd-MM-yyyy HH:mm", Locale.forLanguageTag("nl"), false,
                        "Berichten en oproepen zijn end-to-end versleuteld.", "IMG-20240324-WA0001.jpg (bestand bijgevoegd)"),
                new Layout("nl-ios", "dd-MM-yy HH:mm:ss", Locale.forLanguageTag("nl"), true,
                        "\u200EBerichten en oproepen zijn end-to-end versleuteld.", "\u200E<bijgevoegd: IMG-20240324-WA0001.jpg>"),
                new Layout("en-us-12h", "M/d/yy, h:mm a", Locale.US, false,
                        "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.",
                        "IMG-20240324-WA0001.jpg (file attached)"),
                new Layout("en-gb-ios", "dd/MM/yyyy, HH:mm:ss", Locale.UK, true,
                        "\u200EMessages and calls are end-to-end encrypted. Only people in this chat can read, listen to, or share them.",
                        "\u200E<attached: IMG-20240324-WA0001.jpg>"),
                new Layout("es", "d/M/yy H:mm", Locale.forLanguageTag("es"), false,
                        "Los mensajes y las llamadas están cifrados de extremo a extremo. Nadie fuera de este chat, ni siquiera WhatsApp, puede leerlos ni escucharlos.",
                        "IMG-20240324-WA0001.jpg (archivo adjunto)"),
                new Layout("pt", "dd/MM/yyyy HH:mm", Locale.forLanguageTag("pt"), false,
                        "As mensagens e as chamadas são protegidas com a criptografia de ponta a ponta.",
                        "\u200EIMG-20240324-WA0001.jpg (arquivo anexado)"),
                new Layout("de-android", "dd.MM.yy, HH:mm", Locale.GERMAN, false,
                        "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt.", "IMG-20240324-WA0001.jpg (Datei angehängt)"),
                new Layout("de-ios-12h", "dd.MM.yy, h:mm:ss a", Locale.US, true,
                        "\u200ENachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt.", "\u200E<Anhang: IMG-20240324-WA0001.jpg>"),
                new Layout("it", "dd/MM/yy, HH:mm", Locale.ITALIAN, false,
                        "I messaggi e le chiamate sono crittografati end-to-end.", "IMG-20240324-WA0001.jpg (file allegato)"),
                new Layout("ro", "dd.MM.yyyy, HH:mm", Locale.forLanguageTag("ro"), false,
                        "Mesajele și apelurile sunt criptate integral.", "IMG-20240324-WA0001.jpg (fișier atașat)"))
                .map(Arguments::of);
    }

    static String export(Layout l, String nl) {
        LocalDateTime t0 = LocalDateTime.of(2024, 3, 24, 9, 5, 0);
        StringBuilder b = new StringBuilder();
        if (!l.ios()) {
            b.append('\uFEFF'); // some tools add a BOM
        }
        b.append(l.header(t0)).append(l.ios() ? "Luna: " : "").append(l.notice()).append(nl);
        b.append(l.header(t0.plusMinutes(2))).append("Luna: Bonjour, tu es là ?").append(nl);
        b.append(l.header(t0.plusHours(13))).append("Maraude Bxl: Oui, on passe demain").append(nl)
                .append("deuxième ligne").append(nl).append(nl).append("12/03/2024 pas un en-tête").append(nl);
        b.append(l.header(t0.plusDays(1).plusHours(3))).append("Luna: ").append(l.attached()).append(nl)
                .append("la photo").append(nl);
        return b.toString();
    }

    private static ZonedDateTime at(int d, int h, int m) {
        return ZonedDateTime.of(2024, 3, d, h, m, 0, 0, BXL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void layoutImportsAlone(Layout l) throws Exception {
        for (String nl : List.of("\n", "\r\n")) {
            Result r = Fixtures.text("WhatsApp Chat with Luna.txt", export(l, nl),
                    Fixtures.options().withUs(Set.of("Maraude Bxl")));
            r.assertNoProblems();
            List<Message> m = r.messages();
            assertEquals(4, m.size(), l.name());
            assertEquals(Direction.SYSTEM, m.get(0).direction(), l.name() + " notice");
            assertEquals(at(24, 9, 5), m.get(0).instant());
            assertEquals("Luna", m.get(1).author());
            assertEquals(Direction.INBOUND, m.get(1).direction());
            assertEquals("Bonjour, tu es là ?", m.get(1).text());
            assertEquals(at(24, 22, 5), m.get(2).instant(), l.name() + " evening");
            assertEquals(Direction.OUTBOUND, m.get(2).direction());
            assertEquals("Oui, on passe demain\ndeuxième ligne\n\n12/03/2024 pas un en-tête", m.get(2).text());
            assertEquals(at(25, 12, 5), m.get(3).instant());
            assertEquals("Luna", r.sink().conversations.get(0).title(), "name from the export's file name");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void layoutInZipLinksTheMedia(Layout l, @TempDir Path tmp) throws Exception {
        Path zip = tmp.resolve(l.ios() ? "WhatsApp Chat - Luna.zip" : "WhatsApp Chat with Luna.zip");
        String txt = l.ios() ? "_chat.txt" : "WhatsApp Chat with Luna.txt";
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry(txt));
            z.write(export(l, "\n").getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("IMG-20240324-WA0001.jpg"));
            z.write(JPEG);
        }
        try (ZipContainer c = new ZipContainer(zip, ImportOptions.defaults().limits())) {
            ImportFile chat = c.files().stream().filter(f -> f.fileName().equals(txt)).findFirst().orElseThrow();
            List<ImportProblem> problems = new ArrayList<>();
            CollectingSink sink = new CollectingSink();
            new WhatsAppImporter().read(chat, ImportContext.collecting(Fixtures.options(), problems), sink);
            assertEquals(List.of(), problems);
            Message media = sink.messages.get(3);
            assertEquals(1, media.attachments().size(), l.name());
            assertEquals("image/jpeg", media.attachments().get(0).mediaType());
            assertArrayEquals(JPEG, sink.attachmentBytes.get(media.attachments().get(0).sha256()));
            assertEquals("Luna", sink.conversations.get(0).title());
        }
    }

    @Test
    void missingMediaInZipIsReportedWithTheLine(@TempDir Path tmp) throws Exception {
        Layout fr = (Layout) layouts().findFirst().orElseThrow().get()[0];
        Path zip = tmp.resolve("chat.zip");
        try (OutputStream o = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(o)) {
            z.putNextEntry(new ZipEntry("Discussion WhatsApp avec Luna.txt"));
            z.write(export(fr, "\n").getBytes(StandardCharsets.UTF_8));
        }
        try (ZipContainer c = new ZipContainer(zip, ImportOptions.defaults().limits())) {
            List<ImportProblem> problems = new ArrayList<>();
            CollectingSink sink = new CollectingSink();
            new WhatsAppImporter().read(c.files().get(0), ImportContext.collecting(Fixtures.options(), problems), sink);
            assertEquals(4, sink.messages.size());
            assertEquals(1, problems.size());
            assertEquals("missing-attachment", problems.get(0).code());
            assertEquals(7, problems.get(0).line());
            assertTrue(problems.get(0).file().endsWith("chat.zip!/Discussion WhatsApp avec Luna.txt"));
            assertEquals("Luna", sink.conversations.get(0).title());
        }
    }

    @Test
    void ambiguousDatesDefaultToDayFirst() throws Exception {
        Result r = Fixtures.text("x.txt", "03/04/2024 10:00 - Luna: a\n05/04/2024 11:00 - Luna: b\n",
                Fixtures.options());
        assertEquals(ZonedDateTime.of(2024, 4, 3, 10, 0, 0, 0, BXL), r.message(0).instant());
    }

    @Test
    void groupNameWithColonIsStillASystemLine() throws Exception {
        Result r = Fixtures.text("x.txt",
                "24/03/2024 10:00 - Luna a créé le groupe « Famille : été »\n24/03/2024 10:01 - Luna: salut\n",
                Fixtures.options());
        assertEquals(Direction.SYSTEM, r.message(0).direction());
        assertEquals("Luna a créé le groupe « Famille : été »", r.message(0).text());
        assertEquals(Direction.INBOUND, r.message(1).direction());
    }

    @Test
    void dstGapAndOverlapGiveValidInstants() throws Exception {
        Result r = Fixtures.text("x.txt", "31/03/2024 02:30 - Luna: gap\n27/10/2024 02:30 - Luna: overlap\n",
                Fixtures.options());
        assertEquals(2, r.messages().size());
        assertEquals(3, r.message(0).instant().getHour(), "02:30 does not exist in Brussels that night");
    }
}
