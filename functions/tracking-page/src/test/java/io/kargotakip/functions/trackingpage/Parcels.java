package io.kargotakip.functions.trackingpage;

import io.kargotakip.aws.store.EventLog;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.ShipmentState;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.testing.KargoStack;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Shipments stored as the pipeline stores them (the shipment's state, its canonical events, its order), for the page
 * to show: each scan is given as status, reason, time, place and the estimate it carried.
 */
final class Parcels {

    record Scan(TrackingStatus status, Reason reason, String at, String place, LocalDate eta) {
    }

    record Parcel(ShipmentId id, String orderId, String token) {
    }

    private final KargoStack stack;

    Parcels(KargoStack stack) {
        this.stack = stack;
    }

    ShipmentRepository shipments() {
        return new ShipmentRepository(stack.dynamo(), stack.tables().shipments());
    }

    OrderRepository orders() {
        return new OrderRepository(stack.dynamo(), stack.tables().orders());
    }

    /** An order of {@code locale}'s customer with one UPS parcel that went through {@code scans}; its page token issued. */
    Parcel stored(String locale, Scan... scans) {
        ShipmentId id = new ShipmentId("ups", "1ZPAGE" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase());
        String orderId = "WEB-" + UUID.randomUUID().toString().substring(0, 8);
        orders().save(new Order(orderId, "7" + orderId.substring(4, 8), "web", new Customer("Selin", "selin." + orderId + "@example.com",
                "+905321110000", locale), new Consent(true, true, false, false, Instant.now()), List.of(id), Instant.now()));
        ShipmentRepository shipments = shipments();
        shipments.register(id, orderId, Instant.now().plus(Duration.ofHours(1)));
        EventLog events = new EventLog(stack.dynamo(), stack.tables().events(), Duration.ofDays(180));
        ShipmentState state = shipments.find(id).orElseThrow();
        int code = 0;
        for (Scan s : scans) {
            TrackingEvent e = new TrackingEvent("ups", id.trackingNumber(), s.status(), s.reason(), OffsetDateTime.parse(s.at()), s.place(),
                    "C" + (++code), "scan by Ahmet Yılmaz", s.eta());
            events.begin(e, Instant.now());
            events.complete(e);
            // as the normalizer moves it: a scan older than the status it has is history only
            var moved = io.kargotakip.core.shipment.StatusProgression.apply(state, e);
            if (moved.isPresent() && !shipments.saveIfUnchanged(moved.get())) {
                throw new IllegalStateException("could not store " + id);
            }
            state = shipments.find(id).orElseThrow();
        }
        return new Parcel(id, orderId, shipments.pageToken(id).orElseThrow());
    }
}
