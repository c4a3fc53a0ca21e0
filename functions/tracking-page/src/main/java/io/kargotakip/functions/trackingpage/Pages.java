package io.kargotakip.functions.trackingpage;

import io.kargotakip.aws.page.PageView;
import io.kargotakip.aws.page.PageWords;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;

import java.util.List;

/** The page's templates ({@code templates/Pages/*.html}), checked against their parameters when the function is built. */
final class Pages {

    private Pages() {
    }

    @CheckedTemplate(basePath = "Pages")
    static class Templates {
        static native TemplateInstance page(PageView v, Frame f);

        static native TemplateInstance notFound(String locale, String title, String text, Frame f);

        static native TemplateInstance form(PageView v, Frame f, Form form);
    }

    /** What every page around its content needs: the brand, the assets, the language switch, the map's sketch. */
    @TemplateData
    record Frame(String brandName, String logoUrl, String themeHref, String cssHref, String jsHref, boolean leaflet, String leafletCssHref,
                 String leafletJsHref, String switchHref, String switchLocale, String switchLabel, String skip, String footer, List<Dot> dots,
                 String mapPoints, String primary) {
    }

    @TemplateData
    record Dot(int x, int y) {
    }

    /**
     * A self-service form: its action, title, the anti-forgery value, what it says above the fields (a result, a
     * problem) and its fields.
     */
    @TemplateData
    record Form(String action, String title, String token, String message, boolean problem, List<Field> fields, String submit,
                String listsHref, String secondSubmit) {
    }

    /**
     * One field of a form: {@code kind} is {@code text}, {@code textarea}, {@code radio} (the choices), {@code scale}
     * (0–10) or {@code check}(boxes); {@code error} and {@code suggestions} come from a refused post.
     */
    @TemplateData
    record Field(String name, String label, String kind, String value, String list, List<Choice> choices, String error,
                 List<String> suggestions, boolean required, String hint) {
    }

    @TemplateData
    record Choice(String value, String label, boolean checked) {
    }

    static PageWords.Words words(String locale) {
        return PageWords.builtIn().of(locale);
    }
}
