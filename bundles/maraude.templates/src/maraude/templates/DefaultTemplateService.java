package maraude.templates;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Declarative Services component serving
 * the shipped library. The suggester is built on first use (it loads language profiles and an index)
 * and closed on deactivation.
 */
@Component(service = TemplateService.class)
public final class DefaultTemplateService implements TemplateService {

    private final TemplateLibrary library;
    private TemplateSuggester suggester;

    public DefaultTemplateService() {
        this(TemplateLibrary.loadDefault());
    }

    public DefaultTemplateService(TemplateLibrary library) {
        this.library = library;
    }

    @Override
    public TemplateLibrary library() {
        return library;
    }

    @Override
    public synchronized TemplateSuggester suggester() {
        if (suggester == null) {
            suggester = new TemplateSuggester(library);
        }
        return suggester;
    }

    /** Called by DS when the component goes away. */
    @Deactivate
    public synchronized void deactivate() {
        if (suggester != null) {
            suggester.close();
            suggester = null;
        }
    }
}
