package io.kargotakip.channels.whatsapp;

import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.template.MessageComposer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which approved WhatsApp template carries each message kind in each locale, and which variables fill its body
 * parameters in order: data, not code ({@code templates/whatsapp/templates.csv}, or the merchant's own file in
 * {@code KARGO_TEMPLATES_DIR}), since the templates live in the merchant's WhatsApp account. Read and checked once,
 * at start-up: an unknown kind or variable, a malformed name or a locale that lacks a kind stops the sender instead
 * of failing each message.
 */
public final class WhatsAppTemplates {

    public static final String RESOURCE = "templates/whatsapp/templates.csv";
    private static final String HEADER = "kind,locale,template,language,parameters";
    /** Meta's rule for template names: lower-case letters, digits and underscores. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,512}");
    /** {@code tr}, {@code en}, {@code en_US}, {@code pt_BR}. */
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Z]{2})?");

    /** One approved template: its name, its language code and the variables of its body parameters in order. */
    public record Template(String name, String language, List<String> parameters) {
        public Template {
            parameters = List.copyOf(parameters);
        }
    }

    private final Map<String, Template> byKindAndLocale;

    private WhatsAppTemplates(Map<String, Template> byKindAndLocale) {
        this.byKindAndLocale = Map.copyOf(byKindAndLocale);
    }

    /** The merchant's file in {@code overrideDir} ({@code whatsapp/templates.csv}) when there is one, else the built-in one. */
    public static WhatsAppTemplates load(Path overrideDir) {
        if (overrideDir != null) {
            Path file = overrideDir.resolve("whatsapp/templates.csv");
            if (Files.isRegularFile(file)) {
                try {
                    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return builtIn();
    }

    public static WhatsAppTemplates builtIn() {
        try (InputStream in = WhatsAppTemplates.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param source named in the errors
     * @throws IllegalStateException naming the line and what is wrong with it
     */
    public static WhatsAppTemplates parse(String text, String source) {
        Map<String, Template> templates = new HashMap<>();
        Map<String, Set<MessageKind>> kindsByLocale = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        boolean header = false;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            String at = source + " line " + (i + 1) + ": ";
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!header) {
                if (!line.replace(" ", "").equals(HEADER)) {
                    throw new IllegalStateException(at + "the header must be " + HEADER);
                }
                header = true;
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 5) {
                problems.add(at + "5 columns expected (" + HEADER + "), found " + f.length);
                continue;
            }
            String kindName = f[0].strip();
            String locale = f[1].strip();
            String name = f[2].strip();
            String language = f[3].strip();
            List<String> parameters = f[4].isBlank() ? List.of() : Arrays.asList(f[4].strip().split("\\s+"));
            Optional<MessageKind> kind;
            try {
                kind = Optional.of(MessageKind.fromTemplateName(kindName));
            } catch (IllegalArgumentException e) {
                problems.add(at + "'" + kindName + "' is not a message kind's name (lower-case letters, digits and _)");
                continue;
            }
            if (locale.isEmpty()) {
                problems.add(at + "no locale");
                continue;
            }
            if (!NAME.matcher(name).matches()) {
                problems.add(at + "template name '" + name + "' must be lower-case letters, digits and _");
            }
            if (!LANGUAGE.matcher(language).matches()) {
                problems.add(at + "language code '" + language + "' is not like tr or en_US");
            }
            for (String p : parameters) {
                if (!MessageComposer.VARIABLES.contains(p)) {
                    problems.add(at + "unknown variable '" + p + "' (known: " + String.join(" ", new TreeSet<>(MessageComposer.VARIABLES)) + ")");
                }
            }
            if (templates.put(key(kind.get(), locale), new Template(name, language, parameters)) != null) {
                problems.add(at + kindName + " in " + locale + " is listed twice");
            }
            kindsByLocale.computeIfAbsent(locale, l -> new java.util.HashSet<>()).add(kind.get());
        }
        if (!header) {
            throw new IllegalStateException(source + ": empty, the header must be " + HEADER);
        }
        kindsByLocale.forEach((locale, kinds) -> {
            // the brief's five in every locale; a brand's own kinds where it has them
            List<MessageKind> missing = MessageKind.builtIn().stream().filter(k -> !kinds.contains(k)).toList();
            if (!missing.isEmpty()) {
                problems.add(source + ": locale " + locale + " has no template for " + missing.stream().map(MessageKind::templateName).toList());
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("WhatsApp templates: " + String.join("; ", problems));
        }
        return new WhatsAppTemplates(templates);
    }

    /** The template of this kind in this locale. */
    public Optional<Template> find(MessageKind kind, String locale) {
        return Optional.ofNullable(byKindAndLocale.get(key(kind, locale)));
    }

    private static String key(MessageKind kind, String locale) {
        return kind.templateName() + "/" + locale;
    }
}
