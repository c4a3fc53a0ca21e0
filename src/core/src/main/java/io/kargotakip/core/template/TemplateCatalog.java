package io.kargotakip.core.template;

import io.kargotakip.core.channel.RenderedMessage;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Message templates, kept outside the code: {@code <channel>/<locale>/<kind>.subject|.txt|.html},
 * read from a merchant's directory ({@code KARGO_TEMPLATES_DIR}) first and the built-in set
 * ({@code templates/} on the classpath) second. The HTML messages share one layout per locale
 * ({@code email/<locale>/layout.html}), so a merchant restyles every mail in one file. Qute renders them; placeholders are the brief's
 * ({@code {first_name}}, {@code {tracking_link}}, ...). A template that names an unknown
 * placeholder fails to render instead of sending a message with a hole in it.
 */
public final class TemplateCatalog {

    private final Engine engine;
    private final Path overrideDir;
    private final Map<String, Optional<Template>> cache = new ConcurrentHashMap<>();

    public TemplateCatalog(Path overrideDir) {
        this.overrideDir = overrideDir;
        // {#include email/tr/layout.html} finds the layout the same way: merchant's folder first
        this.engine = Engine.builder().addDefaults().strictRendering(true)
                .addLocator(id -> read(id).map(TemplateCatalog::location)).build();
    }

    private static io.quarkus.qute.TemplateLocator.TemplateLocation location(String content) {
        return new io.quarkus.qute.TemplateLocator.TemplateLocation() {
            @Override
            public java.io.Reader read() {
                return new java.io.StringReader(content);
            }

            @Override
            public Optional<io.quarkus.qute.Variant> getVariant() {
                return Optional.empty();
            }
        };
    }

    public static TemplateCatalog builtIn() {
        return new TemplateCatalog(null);
    }

    /**
     * Renders the subject, text and (if present) HTML of one message. Values are HTML-escaped
     * for the HTML part only.
     *
     * @throws IllegalStateException when the text template is missing or names an unknown placeholder
     */
    public RenderedMessage render(String channel, String locale, String kind, Map<String, String> values) {
        return render(channel, locale, kind, null, values);
    }

    /**
     * As {@link #render(String, String, String, Map)}, for an A/B variant of the kind: each part is the variant's
     * ({@code <kind>.<variant>.subject|.txt|.html}) where it has one, else the kind's own, so a variant may change only
     * the subject, or only the text.
     *
     * @param variant null for the kind's own templates
     */
    public RenderedMessage render(String channel, String locale, String kind, String variant, Map<String, String> values) {
        String base = channel + "/" + locale + "/" + kind;
        Template text = part(base, variant, ".txt").orElseThrow(() -> new IllegalStateException("no template " + base + ".txt"));
        try {
            String subject = part(base, variant, ".subject").map(t -> render(t, values).strip()).orElse(null);
            String html = part(base, variant, ".html").map(t -> render(t, escaped(values))).orElse(null);
            return new RenderedMessage(subject, render(text, values), html);
        } catch (TemplateException e) {
            throw new IllegalStateException("template " + base + (variant == null ? "" : "." + variant) + " cannot be rendered: " + e.getMessage(), e);
        }
    }

    private Optional<Template> part(String base, String variant, String part) {
        if (variant != null) {
            Optional<Template> own = template(base + "." + variant + part);
            if (own.isPresent()) {
                return own;
            }
        }
        return template(base + part);
    }

    public boolean has(String channel, String locale, String kind) {
        return template(channel + "/" + locale + "/" + kind + ".txt").isPresent();
    }

    private static String render(Template template, Map<String, String> values) {
        var instance = template.instance();
        values.forEach(instance::data);
        return instance.render();
    }

    /**
     * The template {@code name} ({@code sms/tr/shipped.txt}), parsed; empty when neither the merchant's directory nor the
     * built-in set has it.
     *
     * @throws TemplateException when it is not a valid Qute template
     */
    Optional<Template> template(String name) {
        return cache.computeIfAbsent(name, n -> read(n).map(engine::parse));
    }

    /**
     * Where {@code name} is read from, as a check names it: the merchant's file (its path) when the directory has one,
     * else {@code name (built-in)}; empty when neither has it.
     */
    public Optional<String> origin(String name) {
        if (overrideDir != null && Files.isRegularFile(overrideDir.resolve(name))) {
            return Optional.of(overrideDir.resolve(name).toString());
        }
        return TemplateCatalog.class.getClassLoader().getResource("templates/" + name) == null ? Optional.empty()
                : Optional.of(name + " (built-in)");
    }

    /** Every version of the data file {@code name}, the built-in one first, then the merchant's (which adds to it). */
    java.util.List<String> layers(String name) {
        java.util.List<String> layers = new java.util.ArrayList<>();
        try (InputStream in = TemplateCatalog.class.getClassLoader().getResourceAsStream("templates/" + name)) {
            if (in != null) {
                layers.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            if (overrideDir != null && Files.isRegularFile(overrideDir.resolve(name))) {
                layers.add(Files.readString(overrideDir.resolve(name), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return layers;
    }

    private Optional<String> read(String name) {
        try {
            if (overrideDir != null) {
                Path file = overrideDir.resolve(name);
                if (Files.isRegularFile(file)) {
                    return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
                }
            }
            try (InputStream in = TemplateCatalog.class.getClassLoader().getResourceAsStream("templates/" + name)) {
                return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> escaped(Map<String, String> values) {
        Map<String, String> out = new HashMap<>();
        values.forEach((k, v) -> out.put(k, v == null ? null : escapeHtml(v)));
        return out;
    }

    static String escapeHtml(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
