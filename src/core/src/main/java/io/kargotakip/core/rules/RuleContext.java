package io.kargotakip.core.rules;

import io.kargotakip.core.notification.FallbackChain;
import io.kargotakip.core.notification.QuietHours;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a rule may look at, handed in as plain records: the engine never reads a store, so the same context
 * gives the same decisions in the pipeline, in a test and in {@code ./kargo rules explain}.
 *
 * @param change   the status change being told (for a time-based run: the shipment's latest one)
 * @param shipment the shipment, its event history and its ETA
 * @param order    the order and its customer
 * @param sent     the messages already sent (or held) for this shipment
 * @param clock    now; the rules read the time of day in the customer's zone from it
 * @param brand    the brand's settings the rules file does not carry
 */
public record RuleContext(StatusChange change, Shipment shipment, OrderFacts order, List<SentMessage> sent, Clock clock,
                          BrandSettings brand) {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Istanbul");

    public RuleContext {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(shipment, "shipment");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(clock, "clock");
        sent = sent == null ? List.of() : List.copyOf(sent);
        brand = brand == null ? BrandSettings.defaults() : brand;
    }

    /** One event of the shipment's history (the canonical event without the carrier's codes). */
    public record HistoryEvent(TrackingStatus status, Reason reason, Instant occurredAt, LocalDate estimatedDelivery) {
        public HistoryEvent {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(occurredAt, "occurredAt");
        }

        public static HistoryEvent of(TrackingEvent e) {
            return new HistoryEvent(e.status(), e.reason(), e.occurredAt().toInstant(), e.estimatedDelivery());
        }
    }

    /**
     * @param id      carrier and tracking number
     * @param eta     the latest expected delivery date, may be null
     * @param history the events applied so far, in any order (the current change's may or may not be among them)
     */
    public record Shipment(ShipmentId id, LocalDate eta, List<HistoryEvent> history) {
        public Shipment {
            Objects.requireNonNull(id, "id");
            history = history == null ? List.of() : List.copyOf(history);
        }
    }

    /**
     * The order as the rules see it.
     *
     * @param marketplace where it was sold: {@code web}, {@code trendyol}, {@code hepsiburada}, {@code amazon}, …
     * @param segments    the customer's segments: {@code vip}, {@code first_order}
     * @param cltvBand    the customer's lifetime-value band (a name of the rules file's {@code cltv_bands}), may be null
     * @param codAmount   the amount to pay at the door, null when the order is prepaid (not cash on delivery)
     * @param zone        the customer's zone, null for {@link #DEFAULT_ZONE}
     */
    public record OrderFacts(String orderId, String orderNo, String marketplace, Customer customer, Consent consent,
                             Set<String> segments, String cltvBand, BigDecimal codAmount, BigDecimal orderValue,
                             Set<String> categories, ZoneId zone) {
        public OrderFacts {
            segments = segments == null ? Set.of() : Set.copyOf(segments);
            categories = categories == null ? Set.of() : Set.copyOf(categories);
            consent = consent == null ? Consent.none() : consent;
            zone = zone == null ? DEFAULT_ZONE : zone;
        }

        /**
         * The order as stored, with what the merchant told of its sale ({@code Order.purchase}), in the customer's zone;
         * the customer's locale as the messages choose it ({@code Locales}: theirs, else the delivery country's).
         */
        public static OrderFacts of(io.kargotakip.core.order.Order order, ZoneId zone) {
            io.kargotakip.core.order.Purchase p = order.purchase();
            Customer customer = order.customer();
            if (customer != null && customer.locale() == null) {
                customer = new Customer(customer.firstName(), customer.contacts(),
                        io.kargotakip.core.template.Locales.builtIn().of(order).orElse(null));
            }
            return new OrderFacts(order.orderId(), order.orderNo(), order.source(), customer, order.consent(), p.segments(),
                    p.cltvBand(), p.codAmount(), p.value(), p.categories(), zone);
        }

        public boolean cod() {
            return codAmount != null;
        }

        public String locale() {
            return customer == null ? null : customer.locale();
        }
    }

    /**
     * A message already decided for this shipment.
     *
     * @param state as the notifications table has it: {@code PENDING}, {@code HELD}, {@code SENT}, {@code READ},
     *              {@code FAILED}, {@code SUPPRESSED}, …
     * @param sentAt    when it went out, null while it has not
     * @param decidedAt when the rules decided it (stored), which a reminder counts from; null when unknown
     */
    public record SentMessage(String kind, String channel, String state, Instant sentAt, String occurrenceKey, Instant decidedAt) {

        /** A message whose decision time is not known apart: its send time stands in. */
        public SentMessage(String kind, String channel, String state, Instant sentAt, String occurrenceKey) {
            this(kind, channel, state, sentAt, occurrenceKey, sentAt);
        }
    }

    /**
     * What the brand configures outside the rules file: the sender's quiet hours ({@code KARGO_QUIET_*}) and the
     * fallback chain ({@code KARGO_FALLBACK_CHAIN}) a rule's message uses unless the rules file names its own.
     */
    public record BrandSettings(String brandName, QuietHours quietHours, FallbackChain chain) {
        public BrandSettings {
            quietHours = quietHours == null ? QuietHours.defaults() : quietHours;
            chain = chain == null ? FallbackChain.defaults() : chain;
        }

        public static BrandSettings defaults() {
            return new BrandSettings(null, QuietHours.defaults(), FallbackChain.defaults());
        }
    }

    public Instant now() {
        return clock.instant();
    }

    /** The history with the current change in it once, oldest first. */
    List<HistoryEvent> timeline() {
        List<HistoryEvent> events = new ArrayList<>(shipment.history());
        HistoryEvent current = new HistoryEvent(change.status(), change.reason(), change.occurredAt(), change.estimatedDelivery());
        boolean present = events.stream().anyMatch(e -> e.status() == current.status() && e.occurredAt().equals(current.occurredAt()));
        if (!present) {
            events.add(current);
        }
        events.sort(Comparator.comparing(HistoryEvent::occurredAt));
        return events;
    }

    /**
     * The failed delivery attempt this change tells of: failed attempts up to and including its time. Counted up to
     * the change's own time, so a replay of the second attempt after a third still says 2.
     */
    public int attempt() {
        int counted = (int) timeline().stream()
                .filter(e -> e.status() == TrackingStatus.FAILED_ATTEMPT && !e.occurredAt().isAfter(change.occurredAt()))
                .count();
        // the normalizer counted this attempt when it applied it: the history read afterwards may lag behind it
        return change.status() == TrackingStatus.FAILED_ATTEMPT ? Math.max(counted, change.occurrence()) : counted;
    }

    /** How many times the shipment entered {@code delayed} up to this change: each entry is a new delay episode. */
    public int delayEpisode() {
        int episodes = 0;
        TrackingStatus before = null;
        for (HistoryEvent e : timeline()) {
            if (e.occurredAt().isAfter(change.occurredAt())) {
                break;
            }
            if (e.status() == TrackingStatus.DELAYED && before != TrackingStatus.DELAYED) {
                episodes++;
            }
            before = e.status();
        }
        return change.status() == TrackingStatus.DELAYED ? Math.max(episodes, change.occurrence()) : episodes;
    }

    /** The ETA the shipment has now: the shipment's, else the change's. */
    public Optional<LocalDate> eta() {
        return Optional.ofNullable(shipment.eta()).or(() -> Optional.ofNullable(change.estimatedDelivery()));
    }

    /** The first ETA announced to the customer: the earliest event that gave one. */
    public Optional<LocalDate> firstEta() {
        return timeline().stream().map(HistoryEvent::estimatedDelivery).filter(Objects::nonNull).findFirst().or(this::eta);
    }

    /**
     * How far delivery has slipped past the first ETA, in whole hours: from the end of the first ETA's day (in the
     * customer's zone) to the end of the current ETA's day, or to now when the shipment is still undelivered past it.
     * Zero without an ETA or when on time.
     */
    public long etaSlipHours() {
        Optional<LocalDate> first = firstEta();
        if (first.isEmpty()) {
            return 0;
        }
        ZoneId zone = order.zone();
        Instant promised = first.get().plusDays(1).atStartOfDay(zone).toInstant();
        Instant later = eta().map(d -> d.plusDays(1).atStartOfDay(zone).toInstant()).orElse(promised);
        boolean delivered = change.status() == TrackingStatus.DELIVERED;
        if (!delivered && now().isAfter(later)) {
            later = now();
        }
        return Math.max(0, Duration.between(promised, later).toHours());
    }

    /** When the last message of this shipment went out; empty when none has. */
    public Optional<Instant> lastMessageAt() {
        return sent.stream().map(SentMessage::sentAt).filter(Objects::nonNull).max(Comparator.naturalOrder());
    }
}
