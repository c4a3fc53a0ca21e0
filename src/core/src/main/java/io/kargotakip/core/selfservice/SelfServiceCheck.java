package io.kargotakip.core.selfservice;

import io.kargotakip.core.address.AddressCheck;
import io.kargotakip.core.address.FieldProblem;
import io.kargotakip.core.shipment.ShipmentState;
import io.kargotakip.core.shipment.TrackingStatus;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The tracking page's self-service rules that need no store: whether a shipment still takes an address change, a new
 * delivery day or the delivery-day survey (NPS), and whether the survey's answer is one. What is wrong comes back as
 * {@link FieldProblem}s, what cannot be done as a {@link Refusal}, both with messages in Turkish and English
 * ({@code selfservice/messages_<locale>.properties}, the address form's languages) that never repeat what was typed.
 */
public final class SelfServiceCheck {

    public static final int MIN_SCORE = 0;
    public static final int MAX_SCORE = 10;
    /** The survey's comment, in characters (code points) after trimming. */
    public static final int MAX_COMMENT = 500;

    /** What the page asks for: {@link Refusal}'s messages are per action. */
    public static final String ADDRESS = "address";
    public static final String RESCHEDULE = "reschedule";
    public static final String NPS = "nps";

    /** {@link Refusal#reason()}s. */
    public static final String NOT_FOUND = "not_found";
    public static final String DELIVERED = "delivered";
    public static final String RETURNED = "returned";
    public static final String NOT_DELIVERED = "not_delivered";

    /** C0/C1 controls but the line breaks and the tab a comment may hold, and the Unicode line separators. */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\u2028\\u2029&&[^\\n\\r\\t]]");
    private static final io.kargotakip.core.template.MessageBundle MESSAGES = new io.kargotakip.core.template.MessageBundle("selfservice/messages");
    private static final Map<String, DateTimeFormatter> DAYS = Map.of(
            "tr", DateTimeFormatter.ofPattern("d MMMM EEEE", Locale.forLanguageTag("tr")),
            "en", DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH));

    private SelfServiceCheck() {
    }

    /** The survey's answer as it is kept: the score, the comment trimmed (null when blank). */
    public record NpsAnswer(int score, String comment) {
    }

    /** The answer, or what is wrong with it. */
    public sealed interface NpsResult {
        record Valid(NpsAnswer answer) implements NpsResult {
        }

        record Invalid(List<FieldProblem> problems) implements NpsResult {
            public Invalid {
                problems = List.copyOf(problems);
            }
        }
    }

    /** Checks the survey's form: a score 0–10 and an optional comment of at most {@value #MAX_COMMENT} characters. */
    public static NpsResult nps(int score, String comment) {
        List<FieldProblem> problems = new ArrayList<>();
        if (score < MIN_SCORE || score > MAX_SCORE) {
            problems.add(problem("score", "range", Map.of("min", String.valueOf(MIN_SCORE), "max", String.valueOf(MAX_SCORE))));
        }
        String kept = comment == null || comment.isBlank() ? null : comment.strip();
        if (kept != null && kept.codePointCount(0, kept.length()) > MAX_COMMENT) {
            problems.add(problem("comment", "too_long", Map.of("max", String.valueOf(MAX_COMMENT))));
        } else if (kept != null && CONTROL.matcher(kept).find()) {
            problems.add(problem("comment", "control", Map.of()));
        }
        return problems.isEmpty() ? new NpsResult.Valid(new NpsAnswer(score, kept)) : new NpsResult.Invalid(problems);
    }

    /**
     * The field problem of a delivery day that is not one of the {@code offered}: the offered ones are its
     * suggestions ({@code yyyy-MM-dd}), and the message names them ("3 Kasım Salı ya da 4 Kasım Çarşamba").
     */
    public static FieldProblem dayNotOffered(List<LocalDate> offered) {
        List<String> suggestions = offered.stream().map(LocalDate::toString).toList();
        Map<String, String> messages = new LinkedHashMap<>();
        for (String locale : AddressCheck.LOCALES) {
            String text = offered.isEmpty() ? text(locale, "day.none", Map.of())
                    : text(locale, "day.not_offered", Map.of("days", joinOr(locale, offered.stream().map(DAYS.get(locale)::format).toList())));
            messages.put(locale, text);
        }
        return new FieldProblem("day", offered.isEmpty() ? "none" : "not_offered", suggestions, messages);
    }

    /**
     * Why a shipment takes an address change or a new delivery day no more: once delivered, on its way back or
     * returned (a return can follow a delivery, and a parcel going back has no delivery to change), or not stored.
     * Before its first scan a shipment takes both.
     */
    public static Optional<Refusal> beforeDelivery(String action, Optional<ShipmentState> shipment) {
        if (shipment.isEmpty()) {
            return Optional.of(refusal(action, NOT_FOUND));
        }
        TrackingStatus status = shipment.get().status();
        if (status == null || status.phase() < TrackingStatus.DELIVERED.phase()) {
            return Optional.empty();
        }
        return Optional.of(refusal(action, status == TrackingStatus.DELIVERED ? DELIVERED : RETURNED));
    }

    /**
     * Why a shipment takes no survey answer: not delivered (yet). A shipment delivered and then sent back still takes
     * one: it was delivered ({@link ShipmentState#occurrences()}).
     */
    public static Optional<Refusal> afterDelivery(Optional<ShipmentState> shipment) {
        if (shipment.isEmpty()) {
            return Optional.of(refusal(NPS, NOT_FOUND));
        }
        ShipmentState s = shipment.get();
        boolean delivered = s.status() == TrackingStatus.DELIVERED || s.occurrences().getOrDefault(TrackingStatus.DELIVERED, 0) > 0;
        return delivered ? Optional.empty() : Optional.of(refusal(NPS, NOT_DELIVERED));
    }

    /** The refusal of {@code action} ({@link #ADDRESS}, {@link #RESCHEDULE}, {@link #NPS}) for {@code reason}. */
    public static Refusal refusal(String action, String reason) {
        Map<String, String> messages = new LinkedHashMap<>();
        for (String locale : AddressCheck.LOCALES) {
            messages.put(locale, text(locale, action + "." + reason, Map.of()));
        }
        return new Refusal(reason, messages);
    }

    private static FieldProblem problem(String field, String problem, Map<String, String> values) {
        Map<String, String> messages = new LinkedHashMap<>();
        for (String locale : AddressCheck.LOCALES) {
            messages.put(locale, text(locale, field + "." + problem, values));
        }
        return new FieldProblem(field, problem, List.of(), messages);
    }

    /** "A", "A ya da B", "A, B ya da C" (or, in English). */
    private static String joinOr(String locale, List<String> items) {
        return MESSAGES.joinOr(locale, items);
    }

    /** The message {@code key} in {@code locale} with its {@code {name}}s filled in. */
    static String text(String locale, String key, Map<String, String> values) {
        return MESSAGES.text(locale, key, values);
    }

    static Properties texts(String locale) {
        return MESSAGES.texts(locale);
    }
}
