package maraude.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import maraude.cli.CliCommand;
import maraude.cli.Main;
import maraude.imports.ImportService;
import maraude.imports.Importer;

/**
 * The plain class path ({@code ./maraude} without OSGi) binds what DS binds: both read the component
 * files the build generates from the {@code @Component} annotations.
 */
class PlainWiringTest {

    @Test
    void importCommandGetsTheSameFormatsAsUnderDeclarativeServices() throws Exception {
        Map<String, CliCommand> plain = Main.commands();
        for (String name : new String[] { "import", "pull" }) { //$NON-NLS-1$ //$NON-NLS-2$
            ImportService wired = importService(plain.get(name));
            assertNotNull(wired, name);
            ServiceTracker<ImportService, ImportService> t = new ServiceTracker<>(
                    FrameworkUtil.getBundle(PlainWiringTest.class).getBundleContext(), ImportService.class, null);
            t.open();
            try {
                ImportService ds = t.waitForService(20_000);
                assertNotNull(ds, "DS registers the import service"); //$NON-NLS-1$
                Set<String> dsFormats = ids(ds);
                assertTrue(dsFormats.size() >= 8, dsFormats.toString());
                assertEquals(dsFormats, ids(wired));
            } finally {
                t.close();
            }
        }
    }

    @Test
    void oneImportServiceIsSharedAsDsSingletonsAre() throws Exception {
        Map<String, CliCommand> plain = Main.commands();
        assertTrue(importService(plain.get("import")) == importService(plain.get("pull"))); //$NON-NLS-1$ //$NON-NLS-2$
    }

    private static Set<String> ids(ImportService s) {
        Set<String> ids = new TreeSet<>();
        for (Importer i : s.importers()) {
            ids.add(i.id());
        }
        return ids;
    }

    private static ImportService importService(CliCommand c) throws ReflectiveOperationException {
        Field f = c.getClass().getDeclaredField("imports"); //$NON-NLS-1$
        f.setAccessible(true);
        return (ImportService) f.get(c);
    }
}
