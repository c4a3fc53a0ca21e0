package io.kargotakip.core.rules;

import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingStatus;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One condition of a rule's {@code when}; a rule fires when all of its conditions hold. A list in the file means
 * "any of these".
 */
public sealed interface Condition {

    boolean holds(RuleContext c);

    /** The condition as the file says it, for {@code ./kargo rules explain}. */
    String describe();

    /** A whole-number or decimal range, both ends inclusive, either open. */
    record Range(BigDecimal min, BigDecimal max) {
        boolean contains(BigDecimal v) {
            return v != null && (min == null || v.compareTo(min) >= 0) && (max == null || v.compareTo(max) <= 0);
        }

        @Override
        public String toString() {
            if (min != null && max != null) {
                return min.equals(max) ? min.toPlainString() : min.toPlainString() + ".." + max.toPlainString();
            }
            return min != null ? "≥ " + min.toPlainString() : "≤ " + max.toPlainString();
        }
    }

    record StatusIs(Set<TrackingStatus> statuses) implements Condition {
        public boolean holds(RuleContext c) {
            return statuses.contains(c.change().status());
        }

        public String describe() {
            return "status " + names(statuses);
        }
    }

    record PreviousStatusIs(Set<TrackingStatus> statuses) implements Condition {
        public boolean holds(RuleContext c) {
            return c.change().previousStatus() != null && statuses.contains(c.change().previousStatus());
        }

        public String describe() {
            return "previous status " + names(statuses);
        }
    }

    record ReasonIs(Set<Reason> reasons) implements Condition {
        public boolean holds(RuleContext c) {
            return c.change().reason() != null && reasons.contains(c.change().reason());
        }

        public String describe() {
            return "reason " + names(reasons);
        }
    }

    record AttemptIn(Range range) implements Condition {
        public boolean holds(RuleContext c) {
            return c.change().status() == TrackingStatus.FAILED_ATTEMPT && range.contains(BigDecimal.valueOf(c.attempt()));
        }

        public String describe() {
            return "failed attempt " + range;
        }
    }

    record SegmentIs(Set<String> segments) implements Condition {
        public boolean holds(RuleContext c) {
            return c.order().segments().stream().anyMatch(segments::contains);
        }

        public String describe() {
            return "segment " + names(segments);
        }
    }

    record CltvIs(Set<String> bands) implements Condition {
        public boolean holds(RuleContext c) {
            return c.order().cltvBand() != null && bands.contains(c.order().cltvBand());
        }

        public String describe() {
            return "cltv " + names(bands);
        }
    }

    record CashOnDelivery(boolean cod) implements Condition {
        public boolean holds(RuleContext c) {
            return c.order().cod() == cod;
        }

        public String describe() {
            return cod ? "cash on delivery" : "prepaid";
        }
    }

    record CodAmountIn(Range range) implements Condition {
        public boolean holds(RuleContext c) {
            return range.contains(c.order().codAmount());
        }

        public String describe() {
            return "cod amount " + range;
        }
    }

    record OrderValueIn(Range range) implements Condition {
        public boolean holds(RuleContext c) {
            return range.contains(c.order().orderValue());
        }

        public String describe() {
            return "order value " + range;
        }
    }

    record CategoryIs(Set<String> categories) implements Condition {
        public boolean holds(RuleContext c) {
            return c.order().categories().stream().anyMatch(categories::contains);
        }

        public String describe() {
            return "category " + names(categories);
        }
    }

    /** Local time in the customer's zone within [from, to); a window that wraps midnight ({@code 22:00–08:00}) too. */
    record TimeOfDay(LocalTime from, LocalTime to) implements Condition {
        public boolean holds(RuleContext c) {
            LocalTime t = c.now().atZone(c.order().zone()).toLocalTime();
            return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
        }

        public String describe() {
            return "local time " + from + "–" + to;
        }
    }

    /** Time since the shipment's last message went out; with no message yet it is endless (a min holds, a max not). */
    record SinceLastMessage(Duration min, Duration max) implements Condition {
        public boolean holds(RuleContext c) {
            Optional<Instant> last = c.lastMessageAt();
            if (last.isEmpty()) {
                return max == null;
            }
            Duration since = Duration.between(last.get(), c.now());
            return (min == null || since.compareTo(min) >= 0) && (max == null || since.compareTo(max) <= 0);
        }

        public String describe() {
            return "since last message" + (min == null ? "" : " ≥ " + RulesLoader.format(min)) + (max == null ? "" : " ≤ " + RulesLoader.format(max));
        }
    }

    record EtaSlipHours(Range range) implements Condition {
        public boolean holds(RuleContext c) {
            return range.contains(BigDecimal.valueOf(c.etaSlipHours()));
        }

        public String describe() {
            return "eta slip hours " + range;
        }
    }

    /** Each named channel's consent is as stated (granted {@code true}, or not granted {@code false}). */
    record ConsentIs(Map<String, Boolean> channels) implements Condition {
        public boolean holds(RuleContext c) {
            return channels.entrySet().stream().allMatch(e -> c.order().consent().allows(e.getKey()) == e.getValue());
        }

        public String describe() {
            return "consent " + channels;
        }
    }

    record LocaleIs(Set<String> locales) implements Condition {
        public boolean holds(RuleContext c) {
            return c.order().locale() != null && locales.contains(c.order().locale());
        }

        public String describe() {
            return "locale " + names(locales);
        }
    }

    record MarketplaceIs(Set<String> marketplaces) implements Condition {
        public boolean holds(RuleContext c) {
            return c.order().marketplace() != null && marketplaces.contains(c.order().marketplace());
        }

        public String describe() {
            return "marketplace " + names(marketplaces);
        }
    }

    private static String names(Set<?> values) {
        return values.size() == 1 ? values.iterator().next().toString() : values.stream().map(Object::toString).sorted().toList().toString();
    }
}
