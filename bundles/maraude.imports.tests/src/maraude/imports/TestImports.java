package maraude.imports;

import java.io.IOException;
import java.io.UncheckedIOException;

import maraude.core.components.ComponentFiles;

/**
 * The import service as the product has it: wired from this bundle's generated component files,
 * every {@code @Component} format bound, none listed by hand.
 */
public final class TestImports {

    private TestImports() {
    }

    /** A new service, with new importers, as DS would make it in a fresh runtime. */
    public static ImportService service() {
        try {
            return ComponentFiles.of(ImportService.class).service(ImportService.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
