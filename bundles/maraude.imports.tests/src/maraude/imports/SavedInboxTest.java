package maraude.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.core.model.Direction;
import maraude.core.model.Platform;
import maraude.imports.Fixtures.Result;
import maraude.imports.formats.SiteProfile;

/** Saved inbox pages through the shipped generic profile and through a team's own profile file. */
class SavedInboxTest {

    private static final ZoneId BXL = ZoneId.of("Europe/Brussels");

    @Test
    void builtInProfilesLoad() {
        List<SiteProfile> p = SiteProfile.builtIn();
        assertEquals("generic", p.get(0).id());
        assertEquals(Platform.AD_INBOX, p.get(0).platform());
    }

    @Test
    void genericProfileReadsACommonInboxLayout(@TempDir Path tmp) throws Exception {
        Path page = tmp.resolve("Messagerie.html");
        Files.writeString(page, """
                <!DOCTYPE html><!-- saved from url=(0042)https://www.example-annonces.be/inbox/123 -->
                <html><head><meta charset="utf-8"><title>Messagerie</title></head><body>
                <h1>Luna_Bxl</h1>
                <ul>
                 <li class="message"><span class="author">Luna_Bxl</span><p class="text">Salut,<br>dispo ce soir ?</p>
                   <time datetime="2026-03-27T21:14:00+01:00">27/03 21:14</time></li>
                 <li class="message mine"><span class="author">Maraude</span><p class="text">Bonsoir, on passe demain</p>
                   <span class="date">28/03/2026 09:02</span></li>
                 <li class="message"><span class="author">Luna_Bxl</span><p class="text">ok</p><span class="date">hier à 18:30</span></li>
                 <li class="message"><span class="author">Luna_Bxl</span><p class="text">?</p><span class="date">il y a 2 h</span></li>
                 <li class="message"><span class="author">Luna_Bxl</span><p class="text">x</p><span class="date">bientôt</span></li>
                </ul></body></html>""");
        Files.setLastModifiedTime(page, FileTime.from(ZonedDateTime.of(2026, 3, 29, 12, 0, 0, 0, BXL).toInstant()));
        Result r = Fixtures.read(ImportFile.of(page), Fixtures.options());
        assertEquals("saved-inbox", r.importer().id());
        assertEquals(4, r.messages().size());
        assertEquals(ZonedDateTime.of(2026, 3, 27, 21, 14, 0, 0, BXL), r.message(0).instant());
        assertEquals("Salut,\ndispo ce soir ?", r.message(0).text());
        assertEquals("Luna_Bxl", r.message(0).author());
        assertEquals(Direction.INBOUND, r.message(0).direction());
        assertEquals(Direction.OUTBOUND, r.message(1).direction(), "class 'mine'");
        assertEquals(ZonedDateTime.of(2026, 3, 28, 18, 30, 0, 0, BXL), r.message(2).instant(), "hier relative to save time");
        assertEquals(ZonedDateTime.of(2026, 3, 29, 10, 0, 0, 0, BXL), r.message(3).instant(), "il y a 2 h");
        assertEquals(1, r.problems().size());
        assertEquals("bad-date", r.problems().get(0).code());
        assertEquals("Luna_Bxl", r.sink().conversations.get(0).title());
        assertEquals(Platform.AD_INBOX, r.sink().conversations.get(0).platform());
    }

    @Test
    void teamProfileWinsWithoutCode(@TempDir Path tmp) throws Exception {
        Path profiles = Files.createDirectories(tmp.resolve("profiles"));
        Files.writeString(profiles.resolve("rouge.json"), """
                {"id": "rouge", "priority": 50, "urlContains": ["rouge.example"],
                 "title": ".peer", "message": "div.row", "author": "b", "text": "q", "time": "i",
                 "outbound": ".row-self", "datePatterns": ["d MMMM yyyy 'à' HH'h'mm"], "locales": ["fr"]}""");
        Files.writeString(profiles.resolve("broken.json"), "{not json");
        Path page = tmp.resolve("page.html");
        Files.writeString(page, """
                <html><head><link rel="canonical" href="https://rouge.example/m/9"></head><body>
                <div class="peer">Mira</div>
                <div class="row"><b>Mira</b><q>bonjour</q><i>3 mars 2026 à 14h05</i></div>
                <div class="row row-self"><b>Equipe</b><q>bonjour Mira</q><i>3 mars 2026 à 14h07</i></div>
                </body></html>""");
        Result r = Fixtures.read(ImportFile.of(page), Fixtures.options().withProfileDirs(List.of(profiles))
                .withUs(Set.of()));
        assertEquals(2, r.messages().size());
        assertEquals(ZonedDateTime.of(2026, 3, 3, 14, 5, 0, 0, BXL), r.message(0).instant());
        assertEquals("bonjour", r.message(0).text());
        assertEquals(Direction.OUTBOUND, r.message(1).direction());
        assertEquals("Mira", r.sink().conversations.get(0).title());
        assertTrue(r.problems().stream().anyMatch(p -> p.code().equals("bad-profile")), "broken profile reported");
    }
}
