package io.kargotakip.core.template;

import io.kargotakip.core.channel.Segments;
import io.quarkus.qute.Expression;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The templates of every message kind, channel and locale in use, checked once at start-up (and by {@code ./kargo
 * rules check}), so a wrong template is rejected at load instead of failing, or going out with a hole, at send. What
 * it finds, each as one line naming the file and what is expected:
 * <ul>
 *   <li>a missing template ({@code .txt} of every channel; {@code .subject} of e-mail and both pushes, their title);</li>
 *   <li>a template that is not valid Qute, or names a variable that is not one of {@link MessageComposer#VARIABLES};</li>
 *   <li>a text that does not use a variable its kind requires ({@code templates/required-variables.properties});</li>
 *   <li>an SMS whose rendering with long but real values (the longest carrier name, a 20-character tracking number,
 *       the longest date and reason of its language) takes more segments than {@code KARGO_SMS_MAX_SEGMENTS}.</li>
 * </ul>
 * A merchant's folder ({@code KARGO_TEMPLATES_DIR}) is checked the same way, file by file where it overrides one.
 */
public final class TemplateCheck {

    /** The data file of required variables, under {@code templates/} (and in the merchant's folder, adding to it). */
    public static final String REQUIRED_VARIABLES = "required-variables.properties";

    /** The channels whose messages have a title ({@code .subject}) besides their text. */
    private static final Set<String> TITLED = Set.of("email", "push", "webpush");

    private static final Pattern QUTE_PLACE = Pattern.compile("^.*?(?:line \\d+:\\s*)");

    private TemplateCheck() {
    }

    /**
     * As {@link #problems(TemplateCatalog, Set, Set, Set, int, UnaryOperator)}, counting an SMS's segments on its text
     * as the template writes it (the SMS channel's {@code KARGO_SMS_ALPHABET=unicode}).
     */
    public static List<String> problems(TemplateCatalog catalog, Set<String> kinds, Set<String> channels, Set<String> locales,
                                        int smsMaxSegments) {
        return problems(catalog, kinds, channels, locales, smsMaxSegments, UnaryOperator.identity());
    }

    /**
     * Every problem of the templates of {@code kinds} × {@code channels} × {@code locales}; empty when they are all
     * fine.
     *
     * @param smsMaxSegments the most segments one SMS may take ({@code KARGO_SMS_MAX_SEGMENTS})
     * @param smsText        how the SMS channel writes a text before counting (the Turkish letters outside GSM-7
     *                       as their plain neighbours, {@code KARGO_SMS_ALPHABET=gsm7}), so the count is the sender's
     */
    public static List<String> problems(TemplateCatalog catalog, Set<String> kinds, Set<String> channels, Set<String> locales,
                                        int smsMaxSegments, UnaryOperator<String> smsText) {
        return problems(catalog, kinds, Map.of(), channels, locales, smsMaxSegments, smsText);
    }

    /**
     * As above, with the A/B variants of some kinds ({@code RuleSet.experiments()}: kind → variant names): each part a
     * variant has ({@code <kind>.<variant>.txt|.subject|.html}) is checked as the kind's own are. A part a variant lacks is
     * no problem: the kind's own, checked already, stands in for it.
     */
    public static List<String> problems(TemplateCatalog catalog, Set<String> kinds, Map<String, ? extends java.util.Collection<String>> variants,
                                        Set<String> channels, Set<String> locales, int smsMaxSegments, UnaryOperator<String> smsText) {
        List<String> problems = new ArrayList<>();
        List<Map<String, Map<String, Set<String>>>> required = required(catalog, problems);
        for (String locale : new TreeSet<>(locales)) {
            boolean layoutFine = true;
            if (channels.contains("email")) {
                // the layout every e-mail's HTML includes: checked once per locale, and a broken one is not reported
                // again by each HTML that includes it
                String layout = "email/" + locale + "/layout.html";
                int before = problems.size();
                parsed(catalog, layout, problems).ifPresent(t -> unknownVariables(catalog, layout, t, problems));
                layoutFine = problems.size() == before;
            }
            for (String channel : new TreeSet<>(channels)) {
                for (String kind : new TreeSet<>(kinds)) {
                    check(catalog, channel, locale, kind, null, requiredOf(required, kind, channel), layoutFine, smsMaxSegments, smsText, problems);
                    for (String variant : variants.containsKey(kind) ? new TreeSet<String>(variants.get(kind)) : new TreeSet<String>()) {
                        check(catalog, channel, locale, kind, variant, requiredOf(required, kind, channel), layoutFine, smsMaxSegments, smsText,
                                problems);
                    }
                }
            }
        }
        return problems;
    }

    /** The variables every template of {@code kind} over {@code channel} must use, built-in and the merchant's. */
    public static Set<String> requiredVariables(TemplateCatalog catalog, String kind, String channel) {
        return requiredOf(required(catalog, new ArrayList<>()), kind, channel);
    }

    /** @param variant null for the kind's own templates; else only the parts the variant has are checked */
    private static void check(TemplateCatalog catalog, String channel, String locale, String kind, String variant, Set<String> required,
                              boolean layoutFine, int smsMaxSegments, UnaryOperator<String> smsText, List<String> problems) {
        String base = channel + "/" + locale + "/" + kind + (variant == null ? "" : "." + variant);
        List<String> parts = new ArrayList<>();
        parts.add(".txt");
        if (TITLED.contains(channel)) {
            parts.add(".subject");
        }
        if (channel.equals("email") && catalog.origin(base + ".html").isPresent()) {
            parts.add(".html");
        }
        if (variant != null) {
            parts.removeIf(part -> catalog.origin(base + part).isEmpty());
        }
        for (String part : parts) {
            String name = base + part;
            Optional<Template> template = parsed(catalog, name, problems);
            if (template.isEmpty()) {
                if (catalog.origin(name).isEmpty()) {
                    problems.add(name + ": missing; expected the " + (part.equals(".subject") ? "title" : "text") + " of " + kind
                            + " over " + channel + " in " + locale + " (built-in or in KARGO_TEMPLATES_DIR)");
                }
                continue;
            }
            String where = catalog.origin(name).orElse(name);
            if (!unknownVariables(catalog, name, template.get(), problems)) {
                continue;
            }
            if (!part.equals(".subject")) {
                Set<String> used = used(template.get());
                for (String variable : required) {
                    if (!used.contains(variable)) {
                        problems.add(where + ": does not use {" + variable + "}, which every " + kind + " message over " + channel
                                + " must give; expected it in the text (" + REQUIRED_VARIABLES + ")");
                    }
                }
            }
            if (part.equals(".html") && !layoutFine) {
                continue;
            }
            List<String> rendered = new ArrayList<>();
            try {
                for (boolean offered : new boolean[]{true, false}) {
                    Map<String, String> values = samples(locale, offered);
                    rendered.add(render(template.get(), part.equals(".html") ? TemplateCatalog.escaped(values) : values));
                }
            } catch (TemplateException e) {
                problems.add(where + ": cannot be rendered: " + quteMessage(e));
                continue;
            }
            if (channel.equals("sms") && part.equals(".txt")) {
                for (String text : rendered) {
                    String sms = smsText.apply(text.strip());
                    int segments = Segments.count(sms);
                    if (segments > smsMaxSegments) {
                        problems.add(where + ": takes " + segments + " SMS segments (" + (Segments.isGsm7(sms) ? "GSM-7" : "UCS-2") + ", "
                                + sms.length() + " characters with long sample values); expected at most KARGO_SMS_MAX_SEGMENTS="
                                + smsMaxSegments + ": shorten it");
                        break;
                    }
                }
            }
        }
    }

    /** The template, or empty when there is none or it is not valid Qute (which is then a problem). */
    private static Optional<Template> parsed(TemplateCatalog catalog, String name, List<String> problems) {
        try {
            return catalog.template(name);
        } catch (TemplateException e) {
            problems.add(catalog.origin(name).orElse(name) + ": not a valid template: " + quteMessage(e));
            return Optional.empty();
        }
    }

    /** Reports each variable {@code template} names that no message has; whether it names none. */
    private static boolean unknownVariables(TemplateCatalog catalog, String name, Template template, List<String> problems) {
        boolean fine = true;
        for (Expression expression : template.getExpressions()) {
            if (expression.isLiteral() || expression.getParts().isEmpty()) {
                continue;
            }
            String variable = (expression.getNamespace() == null ? "" : expression.getNamespace() + ":") + expression.getParts().get(0).getName();
            if (!MessageComposer.VARIABLES.contains(variable)) {
                problems.add(catalog.origin(name).orElse(name) + ":" + expression.getOrigin().getLine() + ": unknown variable {" + variable
                        + "}; expected one of " + String.join(", ", new TreeSet<>(MessageComposer.VARIABLES)));
                fine = false;
            }
        }
        return fine;
    }

    private static Set<String> used(Template template) {
        Set<String> used = new LinkedHashSet<>();
        for (Expression expression : template.getExpressions()) {
            if (!expression.isLiteral() && !expression.getParts().isEmpty()) {
                used.add(expression.getParts().get(0).getName());
            }
        }
        return used;
    }

    private static String render(Template template, Map<String, String> values) {
        var instance = template.instance();
        values.forEach(instance::data);
        return instance.render();
    }

    /** A note of the most characters operations may write ({@link io.kargotakip.core.notification.ProposalEdit#NOTE_MAX}). */
    static final String LONGEST_NOTE = ("Kapıda sizi bulamazsak paketi komşunuza bırakabiliriz; "
            + "istemezseniz bize yazın. ").repeat(7).substring(0, io.kargotakip.core.notification.ProposalEdit.NOTE_MAX);

    /**
     * Long but real values, as {@link MessageComposer} gives them: a 16-letter brand, the longest carrier name, a
     * 20-character tracking number, Amazon's order number, the longest date or reason of the language, a six-figure
     * cash-on-delivery amount. With {@code offered}, every flag on (every offered link shown) and the longest note, else
     * every flag off and no note.
     */
    static Map<String, String> samples(String locale, boolean offered) {
        Properties words = MessageComposer.words(locale);
        String link = "https://takip.kuzeyevtekstil.com.tr/c/n-0123456789abcdef0123456789abcdef.AbCdEfGhIjKlMnOpQrStUvWx";
        Map<String, String> v = new HashMap<>();
        v.put("brand", "Kuzey Ev Tekstil");
        v.put("first_name", "Abdurrahman Muhammed");
        v.put("order_no", "402-1234567-1234567");
        v.put("carrier", "MNG Kargo (DHL eCommerce)");
        v.put("tracking_no", "1Z999AA1012345678401");
        String date = "tr".equals(locale) ? "30 Ağustos 2026" : "30 September 2026";
        String eta = words.getProperty("eta.unknown", "");
        v.put("eta", eta.length() > date.length() ? eta : date);
        v.put("status_date", date);
        v.put("reason", words.stringPropertyNames().stream().filter(k -> k.startsWith("reason.")).map(words::getProperty)
                .max(java.util.Comparator.comparingInt(String::length)).orElse(""));
        for (String name : List.of("tracking_link", "reschedule_link", "address_link", "nps_link", "cod_confirm_link",
                "address_confirm_link", "return_link", "optout_link", "open_pixel_link")) {
            v.put(name, link + "/" + name);
        }
        v.put("support_link", "https://www.kuzeyevtekstil.com.tr/musteri-hizmetleri/destek");
        v.put("cod_amount", MessageComposer.money(new BigDecimal("124999.90"), "TRY", locale));
        v.put("pos_info", words.getProperty("pos_info", ""));
        v.put("discount_code", "OZUR15-7F3K9Q");
        v.put("discount_percent", "15");
        // the split-shipment summary shown, at three-figure counts (an order of more parcels than a courier carries)
        v.put("parcels_delivered", offered ? "119" : "");
        v.put("parcels_total", offered ? "120" : "");
        v.put("parcels_all", "");
        MessageComposer.OFFERED_LINKS.keySet().forEach(l -> v.put(MessageComposer.flag(l), offered ? "true" : ""));
        // the longest note operations may add before approving (ProposalEdit), with everything shown; none otherwise
        v.put("note", offered ? LONGEST_NOTE : "");
        return v;
    }

    /**
     * The required variables of each file (the built-in one, then the merchant's), by kind and then channel ({@code ""}
     * for every channel); an unknown variable or a malformed key in either is a problem.
     */
    private static List<Map<String, Map<String, Set<String>>>> required(TemplateCatalog catalog, List<String> problems) {
        List<Map<String, Map<String, Set<String>>>> layers = new ArrayList<>();
        for (String text : catalog.layers(REQUIRED_VARIABLES)) {
            Properties p = new Properties();
            try {
                p.load(new StringReader(text));
            } catch (IOException | IllegalArgumentException e) {
                problems.add(REQUIRED_VARIABLES + ": cannot be read: " + e.getMessage());
                continue;
            }
            Map<String, Map<String, Set<String>>> layer = new HashMap<>();
            for (String key : new TreeSet<>(p.stringPropertyNames())) {
                String[] k = key.split("\\.", -1);
                if (k.length > 2 || k[0].isEmpty() || (k.length == 2 && k[1].isEmpty())) {
                    problems.add(REQUIRED_VARIABLES + ": " + key + ": expected kind or kind.channel");
                    continue;
                }
                Set<String> names = new LinkedHashSet<>();
                for (String name : p.getProperty(key).split("[,\\s]+")) {
                    if (name.isEmpty()) {
                        continue;
                    }
                    if (!MessageComposer.VARIABLES.contains(name)) {
                        problems.add(REQUIRED_VARIABLES + ": " + key + ": unknown variable {" + name + "}; expected one of "
                                + String.join(", ", new TreeSet<>(MessageComposer.VARIABLES)));
                    } else {
                        names.add(name);
                    }
                }
                layer.computeIfAbsent(k[0], x -> new HashMap<>()).put(k.length == 2 ? k[1] : "", names);
            }
            layers.add(layer);
        }
        return layers;
    }

    /** A layer's {@code kind.channel} replaces its {@code kind} for that channel; the merchant's layer adds to the built-in one. */
    private static Set<String> requiredOf(List<Map<String, Map<String, Set<String>>>> layers, String kind, String channel) {
        Set<String> names = new TreeSet<>();
        for (Map<String, Map<String, Set<String>>> layer : layers) {
            Map<String, Set<String>> byChannel = layer.getOrDefault(kind, Map.of());
            names.addAll(byChannel.containsKey(channel) ? byChannel.get(channel) : byChannel.getOrDefault("", Set.of()));
        }
        return names;
    }

    /** Qute's message without its internal template id: the first line, from its "line N:" on. */
    private static String quteMessage(TemplateException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        Matcher m = QUTE_PLACE.matcher(message);
        return m.find() ? message.substring(m.end()).strip() : message.strip();
    }
}
