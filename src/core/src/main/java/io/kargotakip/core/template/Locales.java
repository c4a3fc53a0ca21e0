package io.kargotakip.core.template;

import io.kargotakip.core.order.Order;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that chooses a customer's language: the customer's own locale, else the language of the delivery
 * country ({@code templates/locales.csv}: {@code TR} → {@code tr}, any other → {@code en}), else the brand's default
 * ({@code KARGO_DEFAULT_LOCALE}). The messages, the answer pages and the rules' {@code locale} condition all ask here.
 */
public final class Locales {

    /** The locales whose templates ship (and the only ones an order may name). */
    public static final Set<String> SHIPPED = Set.of("tr", "en");
    static final String FILE = "templates/locales.csv";
    private static final String ANY = "*";

    private static volatile Locales builtIn;

    private final Map<String, String> byCountry;
    private final String otherwise;

    private Locales(Map<String, String> byCountry, String otherwise) {
        this.byCountry = Map.copyOf(byCountry);
        this.otherwise = otherwise;
    }

    /** The shipped table. */
    public static Locales builtIn() {
        Locales l = builtIn;
        if (l == null) {
            try (InputStream in = Locales.class.getClassLoader().getResourceAsStream(FILE)) {
                if (in == null) {
                    throw new IllegalStateException(FILE + " is missing from the classpath");
                }
                l = parse(FILE, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            builtIn = l;
        }
        return l;
    }

    /** Reads a {@code country,locale} table; a bad row stops with its line ({@code locales.csv:4: …}). */
    static Locales parse(String name, List<String> lines) {
        Map<String, String> byCountry = new LinkedHashMap<>();
        String otherwise = null;
        boolean header = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!header) {
                if (!line.equals("country,locale")) {
                    throw new IllegalArgumentException(name + ":" + (i + 1) + ": the header must be country,locale");
                }
                header = true;
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != 2 || !SHIPPED.contains(cells[1].strip())) {
                throw new IllegalArgumentException(name + ":" + (i + 1) + ": expected <country>,<locale> with a locale of " + SHIPPED.stream().sorted().toList());
            }
            String country = cells[0].strip().toUpperCase(Locale.ROOT);
            String locale = cells[1].strip();
            if (country.equals(ANY)) {
                otherwise = otherwise == null ? locale : otherwise;
            } else {
                byCountry.putIfAbsent(country, locale);
            }
        }
        return new Locales(byCountry, otherwise);
    }

    /** The language of a delivery country ({@code TR}, {@code de} → upper case first); empty for none. */
    public Optional<String> ofCountry(String country) {
        if (country == null || country.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byCountry.getOrDefault(country.strip().toUpperCase(Locale.ROOT), otherwise));
    }

    /** The customer's locale, else the delivery country's; empty when the order tells neither. */
    public Optional<String> of(Order order) {
        String own = order.customer() == null ? null : order.customer().locale();
        return own != null ? Optional.of(own) : ofCountry(order.shipToCountry());
    }

    /** As {@link #of(Order)}, else {@code defaultLocale}: the language a message to this order's customer is in. */
    public String of(Order order, String defaultLocale) {
        return of(order).orElse(defaultLocale);
    }
}
