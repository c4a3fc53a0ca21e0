package io.kargotakip.core.order;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What the merchant tells of the sale behind an order, for the brand's rules ("a VIP from the second failed attempt",
 * "cash on delivery: the amount on the delivery morning", "an apology code by category or lifetime value"). Every
 * part is optional: an order without them is a prepaid order of no segment.
 *
 * @param value      the order's value, in {@code currency}
 * @param currency   ISO 4217 ({@code TRY}), required with a value or a cash-on-delivery amount
 * @param codAmount  what the courier collects at the door; null: prepaid
 * @param categories the merchant's product categories ({@code electronics}, {@code shoes}), lower case
 * @param segments   the customer's segments: {@code vip}, {@code first_order}, or the merchant's own, lower case
 * @param cltvBand   the customer's lifetime-value band, a name of the brand's rules file ({@code high}), may be null
 */
public record Purchase(BigDecimal value, String currency, BigDecimal codAmount, Set<String> categories, Set<String> segments,
                       String cltvBand) {

    public static final Purchase NONE = new Purchase(null, null, null, Set.of(), Set.of(), null);

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final int MAX_NAMES = 20;

    public Purchase {
        // kept as money (two decimals) whatever the source wrote: 349.5, 349.50 and a store's 349.5 are one amount
        value = money(value);
        codAmount = money(codAmount);
        categories = categories == null ? Set.of() : Set.copyOf(new TreeSet<>(categories));
        segments = segments == null ? Set.of() : Set.copyOf(new TreeSet<>(segments));
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount == null || amount.stripTrailingZeros().scale() > 2 ? amount : amount.setScale(2);
    }

    /** Cash on delivery: the customer pays at the door. */
    public boolean cod() {
        return codAmount != null;
    }

    /** What is wrong with it, each as the orders API names the field. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        amount(problems, "value", value);
        amount(problems, "codAmount", codAmount);
        if (currency != null && !CURRENCY.matcher(currency).matches()) {
            problems.add("currency must be an ISO 4217 code such as TRY");
        }
        if (currency == null && (value != null || codAmount != null)) {
            problems.add("currency is required with value or codAmount");
        }
        names(problems, "categories", categories);
        names(problems, "segments", segments);
        if (cltvBand != null && !NAME.matcher(cltvBand).matches()) {
            problems.add("cltvBand must be 1-40 lower-case letters, digits, _ or -");
        }
        return problems;
    }

    private static void amount(List<String> problems, String field, BigDecimal amount) {
        if (amount != null && (amount.signum() < 0 || amount.stripTrailingZeros().scale() > 2)) {
            problems.add(field + " must be an amount of 0 or more with at most 2 decimals");
        }
    }

    private static void names(List<String> problems, String field, Set<String> names) {
        if (names.size() > MAX_NAMES) {
            problems.add(field + ": at most " + MAX_NAMES);
        }
        if (names.stream().anyMatch(n -> n == null || !NAME.matcher(n).matches())) {
            problems.add(field + " are 1-40 lower-case letters, digits, _ or -");
        }
    }
}
