package io.kargotakip.aws.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The tracking page's words in Turkish and English ({@code page/words_<locale>.properties}), with the reasons the
 * messages use ({@code templates/words_<locale>.properties}), and dates as a person reads them ("3 Aralık Perşembe").
 */
public final class PageWords {

    public static final List<String> LOCALES = List.of("tr", "en");

    /** One locale's words. A key that is missing comes back as itself, so a gap shows and a test catches it. */
    public record Words(String locale, Map<String, String> all) {
        public String get(String key) {
            return all.getOrDefault(key, key);
        }

        /** {@link #get} with its {@code {name}} placeholders filled. */
        public String format(String key, Map<String, String> values) {
            String text = get(key);
            for (Map.Entry<String, String> v : values.entrySet()) {
                text = text.replace("{" + v.getKey() + "}", v.getValue());
            }
            return text;
        }
    }

    private final Map<String, Words> byLocale = new HashMap<>();

    private PageWords() {
        for (String locale : LOCALES) {
            Map<String, String> all = new HashMap<>();
            load("templates/words_" + locale + ".properties", all);
            load("page/words_" + locale + ".properties", all);
            byLocale.put(locale, new Words(locale, Map.copyOf(all)));
        }
    }

    private static final PageWords BUILT_IN = new PageWords();

    public static PageWords builtIn() {
        return BUILT_IN;
    }

    public Words of(String locale) {
        return byLocale.getOrDefault(locale, byLocale.get("tr"));
    }

    /**
     * The locale of the page: the switch's choice ({@code ?lang=}), else the customer's, else the browser's first
     * shipped language in {@code Accept-Language}, else the brand's.
     */
    public static String choose(String switched, String customers, String acceptLanguage, String brandDefault) {
        if (switched != null && LOCALES.contains(switched)) {
            return switched;
        }
        if (customers != null && LOCALES.contains(customers)) {
            return customers;
        }
        if (acceptLanguage != null && acceptLanguage.length() < 512) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    String language = range.getRange().split("-")[0].toLowerCase(Locale.ROOT);
                    if (range.getWeight() > 0 && LOCALES.contains(language)) {
                        return language;
                    }
                }
            } catch (IllegalArgumentException unreadable) {
                // a header no browser sends: the brand's language
            }
        }
        return LOCALES.contains(brandDefault) ? brandDefault : "tr";
    }

    /** "3 Aralık Perşembe" / "Thursday 3 December". */
    public static String day(LocalDate date, String locale) {
        return date.format(DateTimeFormatter.ofPattern("tr".equals(locale) ? "d MMMM EEEE" : "EEEE d MMMM", Locale.forLanguageTag(locale)));
    }

    /** "3 Aralık 14:05" / "3 December 14:05". */
    public static String time(ZonedDateTime at, String locale) {
        return at.format(DateTimeFormatter.ofPattern("d MMMM HH:mm", Locale.forLanguageTag(locale)));
    }

    private static void load(String resource, Map<String, String> into) {
        try (InputStream in = PageWords.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            p.forEach((k, v) -> into.put((String) k, (String) v));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
