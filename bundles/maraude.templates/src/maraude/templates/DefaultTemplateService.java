package maraude.templates;

/**
 * Declarative Services component (OSGI-INF/maraude.templates.DefaultTemplateService.xml) serving
 * the shipped library. The suggester is built on first use (it loads language profiles and an index)
 * and closed on deactivation.
 */
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
    public synchronized void deactivate() {
        if (suggester != null) {
            suggester.close();
            suggester = null;
        }
    }
}
