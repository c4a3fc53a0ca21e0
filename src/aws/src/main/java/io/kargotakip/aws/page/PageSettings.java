package io.kargotakip.aws.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The tracking page's brand: logo, colours, font, support contacts, FAQ, upsell products, the return link and the map's
 * tile server. One JSON document ({@code KARGO_PAGE_CONFIG}: the JSON itself, or the path of a file holding it); every
 * field is optional. It is checked whole when the function starts, so a wrong colour or URL is one clear line at
 * deployment, not a broken page: colours are {@code #rgb}/{@code #rrggbb} and the text on the primary colour must meet
 * WCAG AA contrast (4.5:1), URLs are {@code https} (or {@code http} on loopback, for the local mode), texts are per
 * locale ({@code {"tr": …, "en": …}}, or one string for both).
 */
public record PageSettings(Optional<String> logoUrl, Colours colours, String font, Support support, List<Faq> faq, List<Upsell> upsell,
                           Optional<String> returnUrl, Optional<Tiles> tiles, List<String> apiOrigins) {

    /** The page's colours: the brand's primary (buttons, headings), the page background, the text. */
    public record Colours(String primary, String onPrimary, String background, String text) {
    }

    /** How the customer reaches people: each may be absent; the support button offers those given. */
    public record Support(Optional<String> whatsapp, Optional<String> phone, Optional<String> email, Optional<String> chatUrl) {
        public boolean any() {
            return whatsapp.isPresent() || phone.isPresent() || email.isPresent() || chatUrl.isPresent();
        }
    }

    /** A question and its answer, per locale. */
    public record Faq(Map<String, String> question, Map<String, String> answer) {
    }

    /** A product offered on the page: its click goes through the page (counted) to {@code url}. */
    public record Upsell(String id, Map<String, String> title, String url, Optional<String> imageUrl, Optional<String> price) {
    }

    /** A tile server for the map, {@code https://…/{z}/{x}/{y}.png}, and the attribution its licence asks for. */
    public record Tiles(String url, String attribution) {
        public String origin() {
            URI uri = URI.create(url.replace("{s}", "a").replace("{z}", "0").replace("{x}", "0").replace("{y}", "0"));
            return uri.getScheme() + "://" + uri.getRawAuthority();
        }
    }

    public static final String VARIABLE = "KARGO_PAGE_CONFIG";
    static final Colours DEFAULT_COLOURS = new Colours("#1d1d1b", "#ffffff", "#f6f6f4", "#1d1d1b");
    static final String DEFAULT_FONT = "system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif";
    private static final Pattern COLOUR = Pattern.compile("#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})");
    // a font-family list: names, quotes, commas, spaces, hyphens; nothing that ends the CSS declaration
    private static final Pattern FONT = Pattern.compile("[\\p{L}\\p{N} ,\"'-]{1,120}");
    private static final Pattern PRODUCT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{7,14}");
    public static final int MAX_FAQ = 20;
    public static final int MAX_UPSELL = 4;

    /** The page of a brand that configured nothing: its name, neutral colours, the system font, no extras. */
    public static PageSettings none() {
        return new PageSettings(Optional.empty(), DEFAULT_COLOURS, DEFAULT_FONT,
                new Support(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), List.of(), List.of(), Optional.empty(),
                Optional.empty(), List.of());
    }

    /**
     * Reads {@value #VARIABLE}: absent or blank is {@link #none()}; text starting with <code>{</code> is the JSON, else the
     * path of a file.
     *
     * @throws IllegalArgumentException one line naming every problem
     */
    public static PageSettings fromEnvironment(java.util.function.Function<String, String> env) {
        String value = env.apply(VARIABLE);
        if (value == null || value.isBlank()) {
            return none();
        }
        String json = value.strip();
        if (!json.startsWith("{")) {
            try {
                json = Files.readString(Path.of(json));
            } catch (IOException | java.nio.file.InvalidPathException e) {
                throw new IllegalArgumentException(VARIABLE + ": cannot read the file " + value.strip());
            }
        }
        return parse(json);
    }

    /** @throws IllegalArgumentException one line naming every problem */
    public static PageSettings parse(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(VARIABLE + ": not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException(VARIABLE + ": not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(VARIABLE + ": must be a JSON object");
        }
        List<String> problems = new ArrayList<>();
        Optional<String> logo = url(root, "logoUrl", problems);
        JsonNode c = root.path("colors");
        Colours colours = new Colours(colour(c, "primary", DEFAULT_COLOURS.primary(), problems),
                colour(c, "onPrimary", DEFAULT_COLOURS.onPrimary(), problems), colour(c, "background", DEFAULT_COLOURS.background(), problems),
                colour(c, "text", DEFAULT_COLOURS.text(), problems));
        if (problems.isEmpty()) {
            contrast("colors.onPrimary on colors.primary", colours.onPrimary(), colours.primary(), problems);
            contrast("colors.text on colors.background", colours.text(), colours.background(), problems);
        }
        String font = DEFAULT_FONT;
        if (root.hasNonNull("font")) {
            font = root.get("font").asText().strip();
            if (!FONT.matcher(font).matches()) {
                problems.add("font: a CSS font-family list of names (letters, digits, spaces, commas, quotes), at most 120 characters");
            }
        }
        JsonNode s = root.path("support");
        Optional<String> whatsapp = text(s, "whatsapp");
        Optional<String> phone = text(s, "phone");
        whatsapp.filter(p -> !PHONE.matcher(p).matches()).ifPresent(p -> problems.add("support.whatsapp: a number in E.164 form, +905321234567"));
        phone.filter(p -> !PHONE.matcher(p).matches()).ifPresent(p -> problems.add("support.phone: a number in E.164 form, +908501234567"));
        Optional<String> email = text(s, "email");
        email.filter(e -> !e.matches("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+")).ifPresent(e -> problems.add("support.email: an e-mail address"));
        Support support = new Support(whatsapp, phone, email, url(s, "chatUrl", problems).map(u -> u));
        List<Faq> faq = new ArrayList<>();
        JsonNode faqs = root.path("faq");
        if (!faqs.isMissingNode() && !faqs.isArray()) {
            problems.add("faq: a list of {\"question\": …, \"answer\": …}");
        }
        for (int i = 0; faqs.isArray() && i < faqs.size(); i++) {
            Map<String, String> q = localized(faqs.get(i).path("question"), "faq[" + i + "].question", problems);
            Map<String, String> a = localized(faqs.get(i).path("answer"), "faq[" + i + "].answer", problems);
            faq.add(new Faq(q, a));
        }
        if (faq.size() > MAX_FAQ) {
            problems.add("faq: at most " + MAX_FAQ + " entries");
        }
        List<Upsell> upsell = new ArrayList<>();
        JsonNode products = root.path("upsell");
        if (!products.isMissingNode() && !products.isArray()) {
            problems.add("upsell: a list of {\"id\", \"title\", \"url\", \"imageUrl\", \"price\"}");
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; products.isArray() && i < products.size(); i++) {
            JsonNode p = products.get(i);
            String where = "upsell[" + i + "]";
            String id = p.path("id").asText("");
            if (!PRODUCT_ID.matcher(id).matches()) {
                problems.add(where + ".id: lower-case letters, digits and hyphens, at most 40");
            } else if (!ids.add(id)) {
                problems.add(where + ".id: " + id + " is given twice");
            }
            Optional<String> target = url(p, "url", problems, where + ".url");
            if (target.isEmpty()) {
                problems.add(where + ".url is required");
            }
            upsell.add(new Upsell(id, localized(p.path("title"), where + ".title", problems), target.orElse(""),
                    url(p, "imageUrl", problems, where + ".imageUrl"), text(p, "price")));
        }
        if (upsell.size() > MAX_UPSELL) {
            problems.add("upsell: at most " + MAX_UPSELL + " products");
        }
        Optional<String> returnUrl = url(root, "returnUrl", problems);
        Optional<Tiles> tiles = Optional.empty();
        JsonNode map = root.path("map");
        if (map.hasNonNull("tiles")) {
            Optional<String> t = url(map, "tiles", problems, "map.tiles");
            if (t.isPresent() && !(t.get().contains("{z}") && t.get().contains("{x}") && t.get().contains("{y}"))) {
                problems.add("map.tiles: a tile URL template with {z}, {x} and {y}");
            }
            String attribution = map.path("attribution").asText("").strip();
            if (attribution.isEmpty()) {
                problems.add("map.attribution: the tile server's licence asks for one, e.g. \"© OpenStreetMap contributors\"");
            }
            tiles = t.map(u -> new Tiles(u, attribution));
        }
        // the merchant's own site reads GET /api/tracking/… from its pages: those origins get CORS, no other
        List<String> apiOrigins = new ArrayList<>();
        JsonNode origins = root.path("api").path("allowedOrigins");
        for (int i = 0; origins.isArray() && i < origins.size(); i++) {
            String o = origins.get(i).asText("").strip();
            if (!o.matches("https://[a-z0-9.-]+(:[0-9]{1,5})?") && !o.matches("http://(127\\.0\\.0\\.1|localhost)(:[0-9]{1,5})?")) {
                problems.add("api.allowedOrigins[" + i + "]: an origin, https://www.shop.example (no path)");
            } else {
                apiOrigins.add(o);
            }
        }
        if (!origins.isMissingNode() && !origins.isArray()) {
            problems.add("api.allowedOrigins: a list of origins");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(VARIABLE + ": " + String.join("; ", problems));
        }
        return new PageSettings(logo, colours, font, support, List.copyOf(faq), List.copyOf(upsell), returnUrl, tiles, List.copyOf(apiOrigins));
    }

    /** The origins the page may load images from besides its own: the logo's, the products' images', the tiles'. */
    public List<String> imageOrigins() {
        java.util.LinkedHashSet<String> origins = new java.util.LinkedHashSet<>();
        logoUrl.map(PageSettings::origin).ifPresent(origins::add);
        upsell.forEach(u -> u.imageUrl().map(PageSettings::origin).ifPresent(origins::add));
        tiles.map(Tiles::origin).ifPresent(origins::add);
        return List.copyOf(origins);
    }

    static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asText().strip()).filter(v -> !v.isEmpty()) : Optional.empty();
    }

    private static Optional<String> url(JsonNode node, String field, List<String> problems) {
        return url(node, field, problems, field);
    }

    private static Optional<String> url(JsonNode node, String field, List<String> problems, String name) {
        Optional<String> value = text(node, field);
        if (value.isEmpty()) {
            return value;
        }
        try {
            URI uri = URI.create(value.get().replace("{s}", "a").replace("{z}", "0").replace("{x}", "0").replace("{y}", "0"));
            boolean loopback = "http".equals(uri.getScheme()) && ("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()));
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || loopback)) {
                problems.add(name + ": an https:// URL");
                return Optional.empty();
            }
        } catch (IllegalArgumentException e) {
            problems.add(name + ": not a URL");
            return Optional.empty();
        }
        return value;
    }

    private static String colour(JsonNode node, String field, String otherwise, List<String> problems) {
        if (!node.hasNonNull(field)) {
            return otherwise;
        }
        String value = node.get(field).asText().strip();
        if (!COLOUR.matcher(value).matches()) {
            problems.add("colors." + field + ": a colour as #rgb or #rrggbb, was " + value);
            return otherwise;
        }
        return value.toLowerCase(java.util.Locale.ROOT);
    }

    /** Texts per shipped locale; one string is both; a missing locale falls back to the other. */
    private static Map<String, String> localized(JsonNode node, String name, List<String> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node.isTextual() && !node.asText().isBlank()) {
            out.put("tr", node.asText().strip());
            out.put("en", node.asText().strip());
        } else if (node.isObject()) {
            for (String locale : List.of("tr", "en")) {
                text(node, locale).ifPresent(v -> out.put(locale, v));
            }
            if (!out.isEmpty()) {
                out.putIfAbsent("tr", out.get("en"));
                out.putIfAbsent("en", out.get("tr"));
            }
        }
        if (out.isEmpty()) {
            problems.add(name + ": a text, or {\"tr\": …, \"en\": …}");
        }
        return out;
    }

    /** WCAG 2 contrast ratio of two colours, at least 4.5:1 for body text. */
    private static void contrast(String what, String foreground, String background, List<String> problems) {
        double ratio = contrastRatio(foreground, background);
        if (ratio < 4.5) {
            problems.add(what + ": contrast " + String.format(java.util.Locale.ROOT, "%.1f", ratio) + ":1, at least 4.5:1 for readable text");
        }
    }

    static double contrastRatio(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        String h = hex.substring(1);
        if (h.length() == 3) {
            h = "" + h.charAt(0) + h.charAt(0) + h.charAt(1) + h.charAt(1) + h.charAt(2) + h.charAt(2);
        }
        double[] rgb = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16) / 255.0;
            rgb[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    }
}
