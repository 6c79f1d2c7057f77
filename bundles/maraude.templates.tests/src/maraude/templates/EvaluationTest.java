package maraude.templates;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Accuracy targets of the issue: top-3 at least 90 %, top-1 at least 70 %, on the shipped set. */
class EvaluationTest {

    @Test
    void shippedEvaluationSetMeetsTheTargets() {
        List<Evaluation.Item> items = Evaluation.loadDefault();
        assertTrue(items.size() >= 150, "evaluation set too small: " + items.size());
        assertTrue(items.stream().map(Evaluation.Item::language).distinct().count() == Languages.SUPPORTED.size());
        Evaluation.Report r;
        try (TemplateSuggester s = new TemplateSuggester(TemplateLibrary.loadDefault())) {
            r = Evaluation.run(s, items);
        }
        assertTrue(r.overall().top3Rate() >= 0.90, "top-3 " + r.overall().top3Rate());
        assertTrue(r.overall().top1Rate() >= 0.70, "top-1 " + r.overall().top1Rate());
        // No language may be left behind by the overall figure.
        r.byLanguage().forEach((l, sc) -> {
            assertTrue(sc.top3Rate() >= 0.85, l + " top-3 " + sc.top3Rate());
            assertTrue(sc.top1Rate() >= 0.65, l + " top-1 " + sc.top1Rate());
        });
    }
}
