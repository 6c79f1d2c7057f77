package maraude.ui.conversation;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

import maraude.templates.DefaultTemplateService;
import maraude.templates.TemplateService;

/**
 * The templates' DS service, shared with the rest of the workbench; built directly when OSGi does not
 * serve it (tests outside a framework). Called from jobs: the suggester loads profiles and an index.
 */
final class TemplateServices {

    private static TemplateService own;

    private TemplateServices() {
    }

    static synchronized TemplateService get() {
        Bundle bundle = FrameworkUtil.getBundle(TemplateServices.class);
        BundleContext bc = bundle == null ? null : bundle.getBundleContext();
        if (bc != null) {
            ServiceReference<TemplateService> ref = bc.getServiceReference(TemplateService.class);
            TemplateService s = ref == null ? null : bc.getService(ref); // held for the session
            if (s != null) {
                return s;
            }
        }
        if (own == null) {
            own = new DefaultTemplateService();
        }
        return own;
    }
}
