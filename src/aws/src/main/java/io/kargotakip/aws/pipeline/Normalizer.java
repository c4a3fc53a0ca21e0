package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.aws.queue.QueuePublisher;
import io.kargotakip.aws.orders.MarketplaceOrders;
import io.kargotakip.aws.queue.RawEvent;
import io.kargotakip.aws.store.EventLog;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.core.carrier.CarrierAdapter;
import io.kargotakip.core.carrier.CarrierRegistry;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.marketplace.MarketplaceAdapter;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.shipment.PollPolicy;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.ShipmentState;
import io.kargotakip.core.shipment.StatusProgression;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Carrier payload → canonical events → dedup → shipment state → status change.
 *
 * <p>Events of one payload are applied oldest first. One payload yields at most one status change
 * per shipment — its latest status — so a poll that finds a parcel already delivered tells the
 * customer "delivered" once, not every step it missed (the brief: merge events, no spam).
 */
public final class Normalizer {

    private static final Logger LOG = Logger.getLogger(Normalizer.class);
    private static final int MAX_WRITE_CONFLICTS = 8;

    /** What one payload did. */
    public record Outcome(int events, int duplicates, int applied, List<StatusChange> changes) {
    }

    private final CarrierRegistry carriers;
    private final EventLog eventLog;
    private final ShipmentRepository shipments;
    private final QueuePublisher statusChanges;
    private final MarketplaceOrders marketplaceOrders;
    private final PollPolicy pollPolicy;
    private final Metrics metrics;
    private final Clock clock;
    private final io.kargotakip.aws.analytics.Analytics analytics;

    public Normalizer(CarrierRegistry carriers, EventLog eventLog, ShipmentRepository shipments, QueuePublisher statusChanges,
                      MarketplaceOrders marketplaceOrders, PollPolicy pollPolicy, Metrics metrics, Clock clock) {
        this(carriers, eventLog, shipments, statusChanges, marketplaceOrders, pollPolicy, metrics, clock,
                io.kargotakip.aws.analytics.Analytics.NONE);
    }

    /**
     * @param marketplaceOrders links a marketplace payload's packages to orders before its events are applied
     * @param pollPolicy        the next poll of a shipment its new state asks for (sooner on the delivery day, paused
     *                          while its carrier pushes)
     * @param analytics         where every event read (not a duplicate) is recorded
     */
    public Normalizer(CarrierRegistry carriers, EventLog eventLog, ShipmentRepository shipments, QueuePublisher statusChanges,
                      MarketplaceOrders marketplaceOrders, PollPolicy pollPolicy, Metrics metrics, Clock clock,
                      io.kargotakip.aws.analytics.Analytics analytics) {
        this.analytics = analytics;
        this.carriers = carriers;
        this.eventLog = eventLog;
        this.shipments = shipments;
        this.statusChanges = statusChanges;
        this.marketplaceOrders = marketplaceOrders;
        this.pollPolicy = pollPolicy;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** @throws PayloadException when the source is unknown or the payload unreadable: a poison message */
    public Outcome process(RawEvent raw) throws PayloadException {
        CarrierAdapter adapter = carriers.find(raw.source())
                .orElseThrow(() -> new PayloadException("no carrier adapter for source '" + raw.source() + "'"));
        if (adapter instanceof MarketplaceAdapter marketplace) {
            // orders and parcels first, so the events below find their shipments linked
            marketplaceOrders.link(marketplace.packages(raw.payload(), raw.headers()), marketplace::pollKey);
        }
        List<TrackingEvent> events = new ArrayList<>(adapter.parse(raw.payload(), raw.contentType(), raw.headers()));
        boolean pushed = "webhook".equals(raw.via());
        events.sort(Comparator.comparing(e -> e.occurredAt().toInstant()));
        metrics.count("EventsReceived", events.size());
        metrics.count("EventsReceived", "Carrier", adapter.id(), events.size());

        Map<ShipmentId, ShipmentState> before = new LinkedHashMap<>();
        Map<ShipmentId, ShipmentState> after = new LinkedHashMap<>();
        Map<ShipmentId, TrackingEvent> lastApplied = new LinkedHashMap<>();
        // what this invocation last read or wrote of each shipment: not read again (a payload often has several scans of one parcel)
        Map<ShipmentId, ShipmentState> known = new HashMap<>();
        java.util.Set<ShipmentId> republish = new java.util.HashSet<>();
        List<TrackingEvent> resumed = new ArrayList<>();
        List<TrackingEvent> fresh = new ArrayList<>();
        int duplicates = 0;
        int applied = 0;
        for (TrackingEvent event : events) {
            EventLog.Outcome seen = eventLog.begin(event, raw.traceId(), clock.instant());
            if (seen == EventLog.Outcome.DUPLICATE) {
                duplicates++;
                continue;
            }
            if (seen == EventLog.Outcome.RESUMED) {
                resumed.add(event);
            }
            fresh.add(event);
            Optional<ShipmentState> moved = applyWithRetry(event, before, known, pushed);
            if (moved.isPresent()) {
                applied++;
                after.put(event.shipmentId(), moved.get());
                lastApplied.put(event.shipmentId(), event);
            } else if (seen == EventLog.Outcome.RESUMED) {
                // a crash may have come between the state write and the status-change publish: publish again
                ShipmentState current = known.get(event.shipmentId());
                if (current != null && current.status() == event.status()
                        && event.occurredAt().toInstant().equals(current.lastEventAt())) {
                    after.put(event.shipmentId(), current);
                    lastApplied.put(event.shipmentId(), event);
                    republish.add(event.shipmentId());
                }
            }
        }

        List<StatusChange> changes = new ArrayList<>();
        List<Object> messages = new ArrayList<>();
        for (Map.Entry<ShipmentId, ShipmentState> entry : after.entrySet()) {
            ShipmentState previous = before.get(entry.getKey());
            ShipmentState now = entry.getValue();
            // the same status again is news only as a new occurrence of it (the second failed attempt)
            if (previous.status() == now.status() && now.occurrence() <= previous.occurrence() && !republish.contains(entry.getKey())) {
                continue;
            }
            TrackingEvent event = lastApplied.get(entry.getKey());
            StatusChange change = new StatusChange(now.id(), now.orderId(), previous.status(), now.status(), now.reason(),
                    now.lastEventAt(), now.location(), now.description(), now.estimatedDelivery(), event.idempotencyKey(),
                    now.occurrence());
            messages.add(new Envelope.StatusChangeMessage(raw.traceId(), change));
            changes.add(change);
            LOG.infof("shipment %s: %s -> %s", now.id().carrier() + ":…" + tail(now.id().trackingNumber()),
                    previous.status(), now.status());
        }
        // one request for the payload's changes (a poll answer may carry several parcels)
        statusChanges.publishAll(messages);
        // only a resumed event needs its record marked done; a first-time record stays claimed by this message
        for (TrackingEvent event : resumed) {
            eventLog.complete(event);
        }
        // every scan is a fact for analytics, also one that does not move the status (an older scan arriving late);
        // a resumed event's record has the same id as before
        analytics.trackingEvents(fresh);
        metrics.count("DuplicatesSuppressed", duplicates);
        metrics.count("EventsApplied", applied);
        metrics.count("StatusChanges", changes.size());
        return new Outcome(events.size(), duplicates, applied, changes);
    }

    private Optional<ShipmentState> applyWithRetry(TrackingEvent event, Map<ShipmentId, ShipmentState> before,
                                                   Map<ShipmentId, ShipmentState> known, boolean pushed) {
        for (int attempt = 0; attempt < MAX_WRITE_CONFLICTS; attempt++) {
            ShipmentState current = known.get(event.shipmentId());
            if (current == null) {
                current = shipments.find(event.shipmentId()).orElse(ShipmentState.newShipment(event.shipmentId(), null));
                known.put(event.shipmentId(), current);
            }
            before.putIfAbsent(event.shipmentId(), current);
            Optional<ShipmentState> next = StatusProgression.apply(current, event);
            if (next.isEmpty()) {
                if (event.status() == TrackingStatus.UNKNOWN) {
                    metrics.count("UnmappedEvents", "Carrier", event.carrier(), 1);
                }
                return Optional.empty();
            }
            Instant now = clock.instant();
            Instant pushAt = pushed ? now : null;
            ShipmentState moved = next.get();
            ShipmentRepository.Extras extras = new ShipmentRepository.Extras(event.alternateNumber(),
                    pollPolicy.next(moved.status(), moved.estimatedDelivery(), pushAt, now).orElse(null), pushAt);
            if (shipments.saveIfUnchanged(moved, extras)) {
                known.put(event.shipmentId(), next.get().nextVersion());
                return Optional.of(next.get().nextVersion());
            }
            // another writer won: what we knew is stale
            known.remove(event.shipmentId());
        }
        throw new IllegalStateException("shipment " + event.shipmentId().carrier() + " kept changing under us; retry later");
    }

    /** Tracking numbers are not personal data, but logs only need enough to find the shipment. */
    private static String tail(String trackingNumber) {
        return trackingNumber.length() <= 6 ? trackingNumber : trackingNumber.substring(trackingNumber.length() - 6);
    }
}
