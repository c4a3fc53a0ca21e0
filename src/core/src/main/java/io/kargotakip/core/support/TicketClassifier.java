package io.kargotakip.core.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Tells a "where is my order?" (WISMO) support ticket from the others, for the analytics' WISMO rate: by a helpdesk
 * tag or form field that says so, else by the words of its subject and body in Turkish or English, or a tracking number
 * quoted in them, unless the words are those of another request (a return, a refund, a broken item). The rules are data
 * ({@code support/wismo-rules.csv}); the tests measure them on a labelled sample.
 */
public final class TicketClassifier {

    public static final String RULES = "support/wismo-rules.csv";
    private static final Locale TR = Locale.forLanguageTag("tr");

    /** A ticket as a helpdesk gives it: subject, first message, tags, form fields. No requester: none is needed. */
    public record Ticket(String subject, String body, Set<String> tags, Map<String, String> fields) {
        public Ticket {
            tags = tags == null ? Set.of() : tags.stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
            fields = fields == null ? Map.of() : Map.copyOf(fields);
        }
    }

    /** Whether a ticket is WISMO, and the rule that decided ({@code tag:wismo}, {@code phrase:kargom nerede}, {@code not:iade}). */
    public record Classification(boolean wismo, String because) {
    }

    private final Set<String> tags;
    private final Set<String> fields;
    private final List<String> phrases;
    private final List<Pattern> numbers;
    private final List<String> others;

    TicketClassifier(Set<String> tags, Set<String> fields, List<String> phrases, List<Pattern> numbers, List<String> others) {
        this.tags = Set.copyOf(tags);
        this.fields = Set.copyOf(fields);
        this.phrases = List.copyOf(phrases);
        this.numbers = List.copyOf(numbers);
        this.others = List.copyOf(others);
    }

    private static volatile TicketClassifier builtIn;

    public static TicketClassifier builtIn() {
        TicketClassifier c = builtIn;
        if (c == null) {
            try (InputStream in = TicketClassifier.class.getClassLoader().getResourceAsStream(RULES)) {
                if (in == null) {
                    throw new IllegalStateException(RULES + " is missing from the classpath");
                }
                c = read(RULES, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            builtIn = c;
        }
        return c;
    }

    /** Reads {@code kind,value} lines; a bad one stops with its line. */
    public static TicketClassifier read(String name, List<String> lines) {
        java.util.Set<String> tags = new java.util.HashSet<>();
        java.util.Set<String> fields = new java.util.HashSet<>();
        List<String> phrases = new ArrayList<>();
        List<Pattern> numbers = new ArrayList<>();
        List<String> others = new ArrayList<>();
        int n = 0;
        for (String line : lines) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int comma = line.indexOf(',');
            String kind = comma < 0 ? line : line.substring(0, comma);
            String value = comma < 0 ? "" : line.substring(comma + 1).strip();
            if (value.isEmpty()) {
                throw new IllegalStateException(name + ":" + n + ": expected kind,value");
            }
            switch (kind) {
                case "tag" -> tags.add(value.toLowerCase(Locale.ROOT));
                case "field" -> {
                    if (!value.contains("=")) {
                        throw new IllegalStateException(name + ":" + n + ": a field is name=value");
                    }
                    fields.add(fold(value));
                }
                case "phrase" -> phrases.add(fold(value));
                case "number" -> numbers.add(Pattern.compile(value));
                case "not" -> others.add(fold(value));
                default -> throw new IllegalStateException(name + ":" + n + ": unknown kind " + kind + "; expected tag, field, phrase, number or not");
            }
        }
        return new TicketClassifier(tags, fields, phrases, numbers, others);
    }

    public Classification classify(Ticket ticket) {
        for (String tag : ticket.tags()) {
            if (tags.contains(tag)) {
                return new Classification(true, "tag:" + tag);
            }
        }
        for (Map.Entry<String, String> f : ticket.fields().entrySet()) {
            String pair = fold(f.getKey() + "=" + f.getValue());
            if (fields.contains(pair)) {
                return new Classification(true, "field:" + pair);
            }
        }
        String text = " " + fold((ticket.subject() == null ? "" : ticket.subject()) + " " + (ticket.body() == null ? "" : ticket.body())) + " ";
        for (String other : others) {
            if (text.contains(" " + other)) {
                return new Classification(false, "not:" + other);
            }
        }
        for (String phrase : phrases) {
            if (text.contains(phrase)) {
                return new Classification(true, "phrase:" + phrase);
            }
        }
        for (Pattern number : numbers) {
            if (number.matcher(text).find()) {
                return new Classification(true, "number:" + number.pattern());
            }
        }
        return new Classification(false, "none");
    }

    /**
     * What in a ticket's text can link it to an order: an order number after "sipariş", "sipariş no", "order" or "#"
     * (4 to 12 digits or letters with digits), and the tracking numbers quoted, as written.
     */
    public List<String> references(Ticket ticket) {
        String raw = (ticket.subject() == null ? "" : ticket.subject()) + " " + (ticket.body() == null ? "" : ticket.body());
        String text = fold(raw);
        List<String> found = new ArrayList<>();
        var order = ORDER_REFERENCE.matcher(text);
        while (order.find()) {
            found.add(order.group(1).toUpperCase(Locale.ROOT));
        }
        for (Pattern number : numbers) {
            var m = number.matcher(text);
            while (m.find()) {
                String v = m.group().toUpperCase(Locale.ROOT);
                if (!found.contains(v)) {
                    found.add(v);
                }
            }
        }
        return found;
    }

    private static final Pattern ORDER_REFERENCE = Pattern.compile("(?:siparis(?: no| numarasi| numaram)?|order(?: no| number)?|#)\\s*[:#]?\\s*([a-z]{0,4}-?[0-9]{4,12})\\b");

    /** Turkish lower case, accents off, ı as i, anything but letters, digits, '=' and '#' a single space. */
    static String fold(String s) {
        String lower = s.toLowerCase(TR);
        String bare = Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").replace('ı', 'i').replace('’', '\'');
        return bare.replaceAll("[^a-z0-9=#'\\-]+", " ").replaceAll(" +", " ").strip();
    }
}
