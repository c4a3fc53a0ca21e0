package io.kargotakip.core.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an A/B test of a kind's templates gave, per variant: how many shipments got a message of it, and of those how
 * many were delivered, opened, clicked, and contacted support afterwards; each rate compared with the first variant's
 * by {@link TwoProportions}. The unit is the shipment, the unit the variant is assigned by: the messages of one
 * shipment (a chain's channels, a second occurrence) count once, so the arms are independent as the test assumes.
 *
 * @param arms the variants in name order; the first is the one the others are compared with
 */
public record ExperimentReport(String kind, List<Arm> arms, boolean countsSupport) {

    /** The measures, in the report's order; {@code contacted_support} is better lower, the others higher. */
    public static final List<String> METRICS = List.of("delivered", "opened", "clicked", "contacted_support");

    public ExperimentReport {
        arms = List.copyOf(arms);
    }

    /**
     * One message of a variant as stored.
     *
     * @param sentAt    null when it did not go (suppressed, failed, still held): not counted
     * @param delivered the provider reported it delivered (or opened, read, clicked, which imply it)
     * @param opened    opened (the open pixel) or read (a read receipt)
     */
    public record Message(String kind, String variant, String shipmentId, String orderNo, Instant sentAt, boolean delivered,
                          boolean opened, boolean clicked) {
    }

    /** A variant's counts: shipments sent a message of it, and of those how many did each thing. */
    public record Arm(String variant, long sent, long delivered, long opened, long clicked, long contactedSupport) {
        public long count(String metric) {
            return switch (metric) {
                case "delivered" -> delivered;
                case "opened" -> opened;
                case "clicked" -> clicked;
                case "contacted_support" -> contactedSupport;
                default -> throw new IllegalArgumentException("no metric " + metric);
            };
        }

        public double rate(String metric) {
            return sent == 0 ? 0 : count(metric) / (double) sent;
        }
    }

    /** An arm against the first, on one measure. */
    public record Comparison(String variant, String metric, TwoProportions test) {
        /** Significant and in the good direction (fewer support contacts, more of the rest). */
        public boolean better() {
            return test.significant() && (metric.equals("contacted_support") ? test.difference() < 0 : test.difference() > 0);
        }
    }

    /**
     * The reports of every kind under test, by kind.
     *
     * @param contacts when the customers contacted support, by order number; null when unknown (the measure is left out)
     */
    public static List<ExperimentReport> of(Collection<Message> messages, Map<String, List<Instant>> contacts) {
        record Key(String kind, String variant, String shipment) {
        }
        Map<Key, List<Message>> byShipment = new LinkedHashMap<>();
        for (Message m : messages) {
            if (m.sentAt() != null) {
                byShipment.computeIfAbsent(new Key(m.kind(), m.variant(), m.shipmentId()), k -> new ArrayList<>()).add(m);
            }
        }
        Map<String, Map<String, long[]>> counts = new TreeMap<>();
        byShipment.forEach((key, sent) -> {
            long[] c = counts.computeIfAbsent(key.kind(), k -> new TreeMap<>()).computeIfAbsent(key.variant(), v -> new long[5]);
            Instant first = sent.stream().map(Message::sentAt).min(Instant::compareTo).orElseThrow();
            String orderNo = sent.stream().map(Message::orderNo).filter(Objects::nonNull).findFirst().orElse(null);
            c[0]++;
            c[1] += sent.stream().anyMatch(Message::delivered) ? 1 : 0;
            c[2] += sent.stream().anyMatch(Message::opened) ? 1 : 0;
            c[3] += sent.stream().anyMatch(Message::clicked) ? 1 : 0;
            // afterwards: a contact at or after the first message of the variant, not one that came before it
            boolean contacted = contacts != null && orderNo != null
                    && contacts.getOrDefault(orderNo, List.of()).stream().anyMatch(at -> !at.isBefore(first));
            c[4] += contacted ? 1 : 0;
        });
        List<ExperimentReport> reports = new ArrayList<>();
        counts.forEach((kind, variants) -> {
            List<Arm> arms = new ArrayList<>();
            variants.forEach((variant, c) -> arms.add(new Arm(variant, c[0], c[1], c[2], c[3], c[4])));
            reports.add(new ExperimentReport(kind, arms, contacts != null));
        });
        return reports;
    }

    /** The measures this report has: without the support contacts, the first three. */
    public List<String> metrics() {
        return countsSupport ? METRICS : METRICS.subList(0, 3);
    }

    /** Every later arm against the first, on every measure. */
    public List<Comparison> comparisons() {
        List<Comparison> out = new ArrayList<>();
        if (arms.size() < 2) {
            return out;
        }
        Arm base = arms.get(0);
        for (Arm arm : arms.subList(1, arms.size())) {
            for (String metric : metrics()) {
                out.add(new Comparison(arm.variant(), metric, TwoProportions.of(base.count(metric), base.sent(), arm.count(metric), arm.sent())));
            }
        }
        return out;
    }

    /**
     * The line that says whether a winner is significant: each variant that is significantly better than the first on
     * a measure, or the first when a variant is significantly worse; otherwise that none is yet.
     */
    public String verdict() {
        if (arms.size() < 2) {
            return "only variant " + (arms.isEmpty() ? "-" : arms.get(0).variant()) + " has been sent: nothing to compare yet";
        }
        List<String> wins = new ArrayList<>();
        for (Comparison c : comparisons()) {
            if (!c.test().significant()) {
                continue;
            }
            String winner = c.better() ? c.variant() : arms.get(0).variant();
            String loser = c.better() ? arms.get(0).variant() : c.variant();
            wins.add(winner + " over " + loser + " on " + c.metric().replace('_', ' ') + " (" + points(c.test().difference()) + ", p = "
                    + p(c.test().pValue()) + ")");
        }
        if (wins.isEmpty()) {
            return "no significant winner yet (p < 0.05 with at least " + TwoProportions.MIN_SAMPLE + " sent per variant)";
        }
        return "significant winner: " + String.join("; ", wins);
    }

    /** A difference of rates in percentage points, signed: {@code +4.2 pts}. */
    public static String points(double difference) {
        return String.format(java.util.Locale.ROOT, "%+.1f pts", difference * 100);
    }

    public static String p(double p) {
        return p < 0.0001 ? "<0.0001" : String.format(java.util.Locale.ROOT, "%.4f", p);
    }
}
