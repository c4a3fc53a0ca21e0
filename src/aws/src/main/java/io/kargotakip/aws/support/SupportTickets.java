package io.kargotakip.aws.support;

import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.core.analytics.AnalyticsRecord;
import io.kargotakip.core.analytics.AnalyticsSink;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.support.SupportTicket;
import io.kargotakip.core.support.TicketClassifier;
import io.kargotakip.core.support.TicketEvent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Support tickets into the analytics: each parsed event becomes one {@code ticket} record (kind ticket, the ticket's
 * pseudonym, its source, the step as state, the helpdesk's time). A created ticket is classified WISMO or not
 * ({@link TicketClassifier}) and linked where it can be: a tracking number it gives or quotes that names a shipment we
 * know (and so its order), else an order number it gives or quotes (and the order's one shipment, if it has one). The
 * requester's e-mail is never used: no index of customers' e-mails exists, and none is made for this.
 *
 * <p>The record's id is the ticket and the step ({@code once}): a replayed event, and every later agent reply that
 * arrives as a response, writes the same id, and the KPI SQL keeps the earliest.
 */
public final class SupportTickets {

    /** At most this many references of a ticket's text are looked up: a pasted invoice should not cost a hundred reads. */
    static final int MAX_REFERENCES = 3;

    /**
     * @param events  events taken
     * @param wismo   created tickets classified WISMO
     * @param linked  created tickets linked to a shipment or an order
     * @param lost    records the sink could not write (the caller asks the sender to retry)
     */
    public record Outcome(int events, int wismo, int linked, int lost) {
    }

    /** What a created ticket is linked to: the pseudonyms of its shipment and order, either may be null. */
    record Link(String shipment, String order) {
        static final Link NONE = new Link(null, null);

        boolean any() {
            return shipment != null || order != null;
        }
    }

    private final TicketClassifier classifier;
    private final ShipmentRepository shipments;
    private final Collection<String> carriers;
    private final OrderRepository orders;
    private final AnalyticsSink sink;
    private final String brand;
    private final Metrics metrics;

    /**
     * @param carriers the carriers a quoted tracking number may belong to
     * @param brand    the brand of the records, may be null
     */
    public SupportTickets(TicketClassifier classifier, ShipmentRepository shipments, Collection<String> carriers, OrderRepository orders,
                          AnalyticsSink sink, String brand, Metrics metrics) {
        this.classifier = classifier;
        this.shipments = shipments;
        this.carriers = List.copyOf(carriers);
        this.orders = orders;
        this.sink = sink;
        this.brand = brand;
        this.metrics = metrics;
    }

    /** Classifies, links and writes the events' records; the sink's losses come back in the outcome. */
    public Outcome record(List<TicketEvent> events) {
        List<AnalyticsRecord> records = new ArrayList<>();
        int wismo = 0;
        int linked = 0;
        for (TicketEvent event : events) {
            String key = AnalyticsRecord.ticketKey(event.ticket().source(), event.ticket().id());
            AnalyticsRecord.Builder record = AnalyticsRecord.of(AnalyticsRecord.Kind.TICKET, event.at()).brand(brand).ticket(key)
                    .source(event.ticket().source()).state(event.step().wire());
            if (event.step() == TicketEvent.Step.CREATED) {
                boolean isWismo = classifier.classify(event.ticket().forClassifier()).wismo();
                Link link = link(event.ticket());
                record.wismo(isWismo).shipment(link.shipment()).order(link.order());
                wismo += isWismo ? 1 : 0;
                linked += link.any() ? 1 : 0;
            }
            records.add(record.once(key, event.step().wire()));
        }
        int lost = records.isEmpty() ? 0 : sink.write(records);
        metrics.count("TicketEvents", events.size());
        if (linked > 0) {
            metrics.count("TicketsLinked", linked);
        }
        return new Outcome(events.size(), wismo, linked, lost);
    }

    /** The ticket's shipment and order, from what it gives apart from its text first, then from the references in it. */
    Link link(SupportTicket ticket) {
        if (ticket.trackingNumber() != null) {
            Optional<Link> byNumber = byTrackingNumber(ticket.trackingNumber());
            if (byNumber.isPresent()) {
                return byNumber.get();
            }
        }
        if (ticket.orderNo() != null) {
            Optional<Link> byOrder = byOrderNumber(ticket.orderNo());
            if (byOrder.isPresent()) {
                return byOrder.get();
            }
        }
        Set<String> references = new LinkedHashSet<>(classifier.references(ticket.forClassifier()));
        if (ticket.trackingNumber() != null) {
            references.remove(ticket.trackingNumber());
        }
        if (ticket.orderNo() != null) {
            references.remove(ticket.orderNo().toUpperCase(java.util.Locale.ROOT));
        }
        // a reference does not say whether it is a tracking or an order number: the tracking number first, since
        // it names the parcel itself
        for (String reference : references.stream().limit(MAX_REFERENCES).toList()) {
            Optional<Link> found = byTrackingNumber(reference).or(() -> byOrderNumber(reference));
            if (found.isPresent()) {
                return found.get();
            }
        }
        return Link.NONE;
    }

    private Optional<Link> byTrackingNumber(String number) {
        return shipments.findByTrackingNumber(carriers, number).map(found -> new Link(
                AnalyticsRecord.shipmentKey(found.id().carrier(), found.id().trackingNumber()),
                found.orderId() == null ? null : AnalyticsRecord.orderKey(found.orderId())));
    }

    private Optional<Link> byOrderNumber(String number) {
        return orders.findByOrderNumber(number).map(orderId -> {
            // the order's one shipment is the ticket's; of several, the ticket does not say which
            List<ShipmentId> of = orders.find(orderId).map(Order::shipments).orElse(List.of());
            String shipment = of.size() == 1 ? AnalyticsRecord.shipmentKey(of.get(0).carrier(), of.get(0).trackingNumber()) : null;
            return new Link(shipment, AnalyticsRecord.orderKey(orderId));
        });
    }
}
