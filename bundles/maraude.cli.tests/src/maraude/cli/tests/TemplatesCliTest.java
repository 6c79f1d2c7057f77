package maraude.cli.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import maraude.templates.Template;
import maraude.templates.TemplateLibrary;

import maraude.cli.tests.CliHarness.Run;

/** {@code templates export|import}: a team's template set shared as a file, validated before it is stored. */
class TemplatesCliTest {

    @BeforeAll
    static void services() throws Exception {
        CliHarness.factory();
        CliHarness.commands("templates", "suggest"); //$NON-NLS-1$ //$NON-NLS-2$
    }

    private static Run run(Path archive, String... args) {
        return CliHarness.run(archive, args);
    }

    private static Template template(String id, String title, String text) {
        return new Template(id, maraude.templates.Category.KIT, "fr", title, false, text, //$NON-NLS-1$
                List.of("capotes"), List.of("vous avez des capotes ?")); //$NON-NLS-1$ //$NON-NLS-2$
    }

    private static Path set(Path folder, String name, Template... templates) throws Exception {
        Path f = folder.resolve(name);
        try (var out = Files.newOutputStream(f)) {
            TemplateLibrary.write(List.of(templates), out);
        }
        return f;
    }

    @Test
    void importedSetBecomesTheTeamsAndOverridesAShippedTemplate(@TempDir Path tmp) throws Exception {
        Path archive = tmp.resolve("archive"); //$NON-NLS-1$
        Path shared = set(tmp, "shared.json", //$NON-NLS-1$
                template("team.kit-bruxelles", "Kit Bruxelles", "Bonjour, on passe mardi avec le colis."), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                template("fr.kit", "Kit (version equipe)", "Bonjour, le colis part demain.")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$

        Run imp = run(archive, "templates", "import", shared.toString(), "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(0, imp.code(), imp.err());
        assertEquals(2, imp.json().get("imported").asInt()); //$NON-NLS-1$
        assertEquals(2, TemplateLibrary.loadTeam(archive).size());

        Run list = run(archive, "templates", "list", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(0, list.code(), list.err());
        int shipped = TemplateLibrary.loadDefault().templates().size();
        assertEquals(shipped + 1, list.json().size(), "fr.kit is overridden, not doubled"); //$NON-NLS-1$
        String kitTitle = null;
        boolean teamOne = false;
        for (JsonNode n : list.json()) {
            if (n.get("template_id").asText().equals("fr.kit")) { //$NON-NLS-1$ //$NON-NLS-2$
                kitTitle = n.get("title").asText(); //$NON-NLS-1$
            }
            teamOne |= n.get("template_id").asText().equals("team.kit-bruxelles"); //$NON-NLS-1$ //$NON-NLS-2$
        }
        assertEquals("Kit (version equipe)", kitTitle); //$NON-NLS-1$
        assertTrue(teamOne);

        // A second import merges by id: the team's other template stays.
        Path update = set(tmp, "update.json", template("fr.kit", "Kit v2", "Bonjour, le colis part lundi.")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(0, run(archive, "templates", "import", update.toString()).code()); //$NON-NLS-1$ //$NON-NLS-2$
        List<Template> team = TemplateLibrary.loadTeam(archive);
        assertEquals(List.of("team.kit-bruxelles", "fr.kit"), team.stream().map(Template::id).toList()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals("Bonjour, le colis part lundi.", TemplateLibrary.forArchive(archive).byId("fr.kit").get().text()); //$NON-NLS-1$ //$NON-NLS-2$
    }

    @Test
    void exportWritesTheTeamSetOrTheWholeLibraryAndNeverOverwritesSilently(@TempDir Path tmp) throws Exception {
        Path archive = tmp.resolve("archive"); //$NON-NLS-1$
        TemplateLibrary.writeTeam(archive, List.of(template("team.one", "One", "Bonjour, a mardi."))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$

        Path out = tmp.resolve("out.json"); //$NON-NLS-1$
        Run exp = run(archive, "templates", "export", out.toString(), "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(0, exp.code(), exp.err());
        assertEquals(1, exp.json().get("exported").asInt()); //$NON-NLS-1$
        assertEquals(List.of("team.one"), TemplateLibrary.load(out).templates().stream().map(Template::id).toList()); //$NON-NLS-1$

        byte[] before = Files.readAllBytes(out);
        Run again = run(archive, "templates", "export", out.toString(), "--all"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(2, again.code(), "an existing file is not replaced without --force"); //$NON-NLS-1$
        assertTrue(again.err().contains("--force"), again.err()); //$NON-NLS-1$
        assertArrayEquals(before, Files.readAllBytes(out));

        Run all = run(archive, "templates", "export", out.toString(), "--all", "--force"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(0, all.code(), all.err());
        TemplateLibrary exported = TemplateLibrary.load(out);
        assertEquals(TemplateLibrary.loadDefault().templates().size() + 1, exported.templates().size());
        assertTrue(exported.byId("team.one").isPresent()); //$NON-NLS-1$
        try (var files = Files.list(tmp)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left"); //$NON-NLS-1$ //$NON-NLS-2$
        }
    }

    @Test
    void hostileSetsAreRefusedWithFileLineAndColumnAndTheTeamFileIsUntouched(@TempDir Path tmp) throws Exception {
        Path archive = tmp.resolve("archive"); //$NON-NLS-1$
        TemplateLibrary.writeTeam(archive, List.of(template("team.one", "One", "Bonjour, a mardi."))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        byte[] before = Files.readAllBytes(TemplateLibrary.teamFile(archive));

        Path badCategory = tmp.resolve("bad-category.json"); //$NON-NLS-1$
        Files.writeString(badCategory, "{\"format\": \"maraude-templates\", \"version\": 1, \"templates\": [\n" //$NON-NLS-1$
                + "  {\"id\": \"x.one\", \"category\": \"kit\", \"language\": \"fr\", \"text\": \"Bonjour\", \"examples\": [\"salut\"]},\n" //$NON-NLS-1$
                + "  {\"id\": \"x.two\", \"category\": \"party\", \"language\": \"fr\", \"text\": \"Bonjour\", \"examples\": [\"salut\"]}\n" //$NON-NLS-1$
                + "]}\n"); //$NON-NLS-1$
        Run r = run(archive, "templates", "import", badCategory.toString()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(2, r.code());
        assertTrue(r.err().contains("bad-category.json"), r.err()); //$NON-NLS-1$
        assertTrue(r.err().matches("(?s).*bad-category\\.json\\D+3\\D.*"), "names line 3, the bad template: " + r.err()); //$NON-NLS-1$ //$NON-NLS-2$
        assertTrue(r.err().contains("party"), r.err()); //$NON-NLS-1$

        Path truncated = tmp.resolve("truncated.json"); //$NON-NLS-1$
        Files.writeString(truncated, "{\"format\": \"maraude-templates\", \"version\": 1, \"templates\": [\n {\"id\": \"x\""); //$NON-NLS-1$
        Run t = run(archive, "templates", "import", truncated.toString()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(2, t.code());
        assertTrue(t.err().contains("truncated.json"), t.err()); //$NON-NLS-1$

        Path notASet = tmp.resolve("other.json"); //$NON-NLS-1$
        Files.writeString(notASet, "[1, 2, 3]"); //$NON-NLS-1$
        assertEquals(2, run(archive, "templates", "import", notASet.toString()).code()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(2, run(archive, "templates", "import", tmp.resolve("missing.json").toString()).code()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$

        assertArrayEquals(before, Files.readAllBytes(TemplateLibrary.teamFile(archive)), "nothing written on refusal"); //$NON-NLS-1$
    }

    @Test
    void suggestUsesTheTeamTemplatesAndReportsABrokenTeamFile(@TempDir Path tmp) throws Exception {
        Path archive = tmp.resolve("archive"); //$NON-NLS-1$
        String text = "Bonjour, le colis de capotes part demain de notre local."; //$NON-NLS-1$
        TemplateLibrary.writeTeam(archive, List.of(template("fr.kit", "Kit equipe", text))); //$NON-NLS-1$ //$NON-NLS-2$
        Run r = run(archive, "suggest", "--text", "vous avez des capotes ?", "--limit", "10", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
        assertEquals(0, r.code(), r.err());
        String kitText = null;
        for (JsonNode n : r.json()) {
            if (n.get("template_id").asText().equals("fr.kit")) { //$NON-NLS-1$ //$NON-NLS-2$
                kitText = n.get("text").asText(); //$NON-NLS-1$
            }
        }
        assertEquals(text, kitText, r.out());

        Files.writeString(TemplateLibrary.teamFile(archive), "{\"format\": \"maraude-templates\", "); //$NON-NLS-1$
        Run broken = run(archive, "suggest", "--text", "vous avez des capotes ?"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertNotEquals(0, broken.code());
        assertTrue(broken.err().contains("templates.json"), broken.err()); //$NON-NLS-1$
    }
}
