package maraude.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateLibraryTest {

    private static final TemplateLibrary LIB = TemplateLibrary.loadDefault();

    @Test
    void everyCategoryExistsInEveryLanguage() {
        for (String lang : Languages.SUPPORTED) {
            for (Category c : Category.values()) {
                assertTrue(LIB.find(c, lang).isPresent(), c.key() + " in " + lang);
            }
        }
        assertEquals(Languages.SUPPORTED.size() * Category.values().length, LIB.templates().size());
    }

    @Test
    void everyTemplateHasExamplesKeywordsAndKnownPlaceholders() {
        Set<String> known = Set.of(Placeholders.PERMANENCE_HOURS, Placeholders.SERVICE_ADDRESS, Placeholders.SERVICE_NAME,
                Placeholders.NEXT_BUS_DATE, Placeholders.NEXT_BUS_PLACE, Placeholders.PSEUDONYM,
                Placeholders.APPOINTMENT_DATE, Placeholders.APPOINTMENT_PLACE, Placeholders.PEP_CONTACT);
        for (Template t : LIB.templates()) {
            assertTrue(t.examples().size() >= 4, t.id());
            assertTrue(t.keywords().size() >= 5, t.id());
            assertTrue(known.containsAll(t.placeholders()), t.id() + " " + t.placeholders());
            assertEquals(t.language() + "." + t.category().key(), t.id());
        }
    }

    /** The first line is what a lock screen shows: no shipped template may out anyone. */
    @Test
    void shippedTemplatesPassTheOutingCheck() {
        Map<String, String> values = Map.of("service_name", "Espace Santé Ville", "pseudonym", "Luna",
                "permanence_hours", "mardi 10h-13h", "service_address", "rue Haute 1", "next_bus_date", "12/05",
                "next_bus_place", "gare du Midi", "appointment_date", "12/05 14:00", "appointment_place", "au bureau",
                "pep_contact", "02 000 00 00");
        for (Template t : LIB.templates()) {
            String filled = Placeholders.fill(t.text(), values).text();
            CheckContext ctx = t.bulk() ? CheckContext.defaults().forBulk(List.of("Sarah", "Tom"))
                    : CheckContext.defaults();
            assertEquals(List.of(), OutingCheck.check(filled, ctx), t.id());
            assertEquals(List.of(), OutingCheck.check(t.text(), ctx), t.id());
        }
    }

    @Test
    void firstContactSaysAtOnceItIsAHelpServiceNotAClient() {
        for (String lang : Languages.SUPPORTED) {
            String text = LIB.find(Category.FIRST_CONTACT, lang).orElseThrow().text();
            String head = text.substring(0, Math.min(text.length(), 160)).toLowerCase();
            assertTrue(head.contains("{service_name}"), lang);
            assertTrue(head.matches("(?s).*(aide|hulp|support|ayuda|ajuda|ajutor).*"), lang + ": " + head);
        }
    }

    /** Evaluation messages must never have been copied into the examples (or be a near copy). */
    @Test
    void examplesAndEvaluationSetAreDisjoint() {
        List<Set<String>> examples = new ArrayList<>();
        Set<String> exact = new HashSet<>();
        for (Template t : LIB.templates()) {
            for (String e : t.examples()) {
                exact.add(norm(e));
                examples.add(words(e));
            }
        }
        for (Evaluation.Item it : Evaluation.loadDefault()) {
            assertFalse(exact.contains(norm(it.text())), "eval line " + it.line() + " is a template example");
            Set<String> w = words(it.text());
            for (Set<String> ex : examples) {
                Set<String> inter = new HashSet<>(w);
                inter.retainAll(ex);
                Set<String> union = new HashSet<>(w);
                union.addAll(ex);
                double jaccard = union.isEmpty() ? 0 : inter.size() / (double) union.size();
                assertTrue(jaccard < 0.7, "eval line " + it.line() + " is a near copy of example " + ex);
            }
        }
    }

    private static String norm(String s) {
        return TextFolding.fold(s).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    private static Set<String> words(String s) {
        return Arrays.stream(norm(s).split(" ")).filter(w -> !w.isEmpty()).collect(Collectors.toSet());
    }

    @Test
    void exportThenImportRoundTrips(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("set.json");
        try (var out = Files.newOutputStream(file)) {
            LIB.export(out);
        }
        TemplateLibrary back = TemplateLibrary.load(file);
        assertEquals(LIB.templates(), back.templates());
    }

    @Test
    void importReplacesSameIdsAndAddsNewOnes() throws Exception {
        Template mine = new Template("fr.kit", Category.KIT, "fr", "Notre colis", false, "Bonjour,\nVoici…",
                List.of("colis"), List.of("un colis svp"));
        Template extra = new Template("team.extra", Category.HOUSING, "fr", "", false, "Bonjour", List.of(),
                List.of("logement"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TemplateLibrary.write(List.of(mine, extra), out);
        List<Template> imported = TemplateLibrary.parse(new ByteArrayInputStream(out.toByteArray()), "team.json");
        TemplateLibrary merged = LIB.merge(imported);
        assertEquals(LIB.templates().size() + 1, merged.templates().size());
        assertEquals("Bonjour,\nVoici…", merged.byId("fr.kit").orElseThrow().text());
        assertTrue(merged.byId("team.extra").isPresent());
    }

    private static TemplateFormatException bad(String json) {
        return assertThrows(TemplateFormatException.class, () -> TemplateLibrary
                .parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "team.json"));
    }

    private static final String HEAD = "{\"format\":\"maraude-templates\",\"version\":1,\"templates\":[\n";
    private static final String OK = "{\"id\":\"x.a\",\"category\":\"kit\",\"language\":\"fr\",\"text\":\"Bonjour\",\"examples\":[\"colis\"]}";

    @Test
    void malformedJsonNamesFileAndLine() {
        TemplateFormatException e = bad(HEAD + OK + ",\n{\"id\": \"x.b\",,}]}");
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("team.json"), e.getMessage());
    }

    @Test
    void truncatedFileIsRejected() {
        String full = HEAD + OK + "]}";
        for (int cut : new int[] { 1, 20, HEAD.length(), HEAD.length() + 30, full.length() - 1 }) {
            bad(full.substring(0, cut));
        }
        bad("");
    }

    @Test
    void hostileOrWrongContentIsRejectedWithTheReason() {
        assertTrue(bad("{\"format\":\"other\",\"version\":1,\"templates\":[]}").getMessage().contains("maraude-templates"));
        assertEquals(2, bad(HEAD + OK.replace("kit", "magic") + "]}").line());
        bad(HEAD + OK.replace("\"fr\"", "\"de\"") + "]}");
        bad(HEAD + OK.replace("x.a", "X A") + "]}");
        bad(HEAD + OK + ",\n" + OK + "]}");
        bad(HEAD + OK.replace("[\"colis\"]", "[]") + "]}");
        bad(HEAD + OK.replace("[\"colis\"]", "\"colis\"") + "]}");
        bad(HEAD + OK.replace("Bonjour", "Bonjour {pseudo nym}") + "]}");
        bad(HEAD + OK.replace("\"Bonjour\"", "42") + "]}");
        bad(HEAD + "[]]}");
        bad("[1,2,3]");
        bad(HEAD + OK + "]} trailing");
        bad("{".repeat(100) + "}".repeat(100));
    }

    @Test
    void oversizedFileIsRejectedBeforeParsing() {
        String huge = HEAD + OK.replace("Bonjour", "x".repeat(TemplateLibrary.MAX_FILE_BYTES)) + "]}";
        assertTrue(bad(huge).getMessage().contains("team.json"));
        bad(HEAD + OK.replace("Bonjour", "x".repeat(TemplateLibrary.MAX_TEXT + 1)) + "]}");
    }

    @Test
    void evaluationFileErrorsNameTheLine() {
        TemplateFormatException e = assertThrows(TemplateFormatException.class, () -> Evaluation.parse(
                new ByteArrayInputStream("# c\nok\tfr\tkit\nbroken line\n".getBytes(StandardCharsets.UTF_8)), "e.tsv"));
        assertEquals(3, e.line());
        assertThrows(TemplateFormatException.class, () -> Evaluation.parse(
                new ByteArrayInputStream("ok\tfr\tnope\n".getBytes(StandardCharsets.UTF_8)), "e.tsv"));
    }
}
