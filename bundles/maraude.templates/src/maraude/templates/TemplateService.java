package maraude.templates;

import java.util.List;

/**
 * The templates as an OSGi service for the workbench and the command line: the library, the
 * suggester over it and the outing check. {@link DefaultTemplateService} is the component; tests
 * and tools can build it directly.
 */
public interface TemplateService {

    TemplateLibrary library();

    TemplateSuggester suggester();

    default List<Finding> check(String text, CheckContext ctx) {
        return OutingCheck.check(text, ctx);
    }
}
