package maraude.ui.tests;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveFactory;
import maraude.core.archive.ConversationSummary;
import maraude.core.demo.DemoGenerator;
import maraude.core.model.Message;
import maraude.images.DemoImages;
import maraude.ui.Clocks;

/** Real archives for UI tests: the OSGi archive service and the project's demo generator. */
final class TestArchives {

    private static final Pattern WORD = Pattern.compile("\\b[a-z]{8,}\\b"); //$NON-NLS-1$

    private TestArchives() {
    }

    static ArchiveFactory factory() throws InterruptedException {
        ServiceTracker<ArchiveFactory, ArchiveFactory> tracker = new ServiceTracker<>(
                FrameworkUtil.getBundle(TestArchives.class).getBundleContext(), ArchiveFactory.class, null);
        tracker.open();
        ArchiveFactory f = tracker.waitForService(20_000);
        if (f == null) {
            throw new AssertionError("no ArchiveFactory service"); //$NON-NLS-1$
        }
        return f;
    }

    /** Where the demo team works. */
    static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels"); //$NON-NLS-1$

    /** The tests' default instant: a Tuesday afternoon in Brussels, after a campaign morning. */
    private static final Instant DEFAULT_NOW = Instant.parse("2026-11-24T14:30:00Z"); //$NON-NLS-1$

    /**
     * The instant the tests run at, the same every day: the demo archive's "now" and the workbench's
     * clock ({@link Clocks#NOW_PROPERTY}, set by {@link #fixClock()} before a workbench starts).
     * The demo data depends on it (days of the week, hours, daylight saving):
     * {@code -Dmaraude.now=2027-03-28T01:30:00Z} (the pom's {@code maraude.test.now}) tries another.
     */
    static ZonedDateTime now() {
        String p = System.getProperty(Clocks.NOW_PROPERTY, ""); //$NON-NLS-1$
        return (p.isBlank() ? DEFAULT_NOW : Instant.parse(p.strip())).atZone(BRUSSELS);
    }

    /** Makes the next workbench start at {@link #now()} (its clock then ticks from there). */
    static void fixClock() {
        System.setProperty(Clocks.NOW_PROPERTY, now().toInstant().toString());
    }

    static void populateDemo(Archive archive, int messages) throws java.io.IOException {
        ZonedDateTime now = now();
        new DemoGenerator(42L, now).withPictures(new DemoImages()).populate(archive, messages, maraude.core.demo.DemoProgress.NONE);
    }

    /**
     * A demo archive of {@code messages} messages in a new temporary folder, protected with the
     * passphrase (fast test KDF), its key dropped so that the workbench asks for it.
     */
    static Path protectedDemo(String prefix, int messages, char[] passphrase) throws Exception {
        Path folder = java.nio.file.Files.createTempDirectory(prefix);
        try (Archive archive = factory().open(folder, maraude.core.archive.AccessMode.READ_WRITE)) {
            populateDemo(archive, messages);
        }
        maraude.archive.crypto.ArchiveProtection.protect(folder, passphrase.clone(), new maraude.archive.crypto.KdfParams(1, 1024, 1) /* cheapest Argon2id: tests only */);
        maraude.archive.crypto.Keyring.shared().lock();
        return folder;
    }

    /** ../shared/fixtures beside the repository: real exports written by others. */
    static Path fixtures() {
        for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) { //$NON-NLS-1$
            Path candidate = p.resolve("shared/fixtures"); //$NON-NLS-1$
            if (java.nio.file.Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("../shared/fixtures not found above " + System.getProperty("user.dir")); //$NON-NLS-1$ //$NON-NLS-2$
    }

    /** A plain ASCII word of an inbound message, to type as a query. */
    static String distinctiveWord(Path folder, List<ConversationSummary> summaries) throws InterruptedException {
        try (Archive reader = factory().open(folder, AccessMode.READ_ONLY)) {
            for (ConversationSummary s : summaries) {
                for (Message m : reader.messages(s.conversationId())) {
                    Matcher matcher = WORD.matcher(m.text());
                    if (m.isInbound() && matcher.find()) {
                        return matcher.group();
                    }
                }
            }
        }
        throw new AssertionError("no word to search in the demo archive"); //$NON-NLS-1$
    }
}
