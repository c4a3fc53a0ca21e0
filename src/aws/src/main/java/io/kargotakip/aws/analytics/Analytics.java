package io.kargotakip.aws.analytics;

import io.kargotakip.aws.KargoSettings;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.core.analytics.AnalyticsRecord;
import io.kargotakip.core.analytics.AnalyticsRecord.Kind;
import io.kargotakip.core.analytics.AnalyticsSink;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingEvent;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the stages tell analytics, as records of {@link AnalyticsRecord}: each method turns one domain fact into its
 * record (PII-free: keys are pseudonyms) and writes it, after the stage's own work is done. Never throws: analytics
 * that cannot be written are counted lost ({@code AnalyticsLost}), the stage goes on.
 */
public final class Analytics {

    public static final Analytics NONE = new Analytics("default", AnalyticsSink.NONE);
    private static final Logger LOG = Logger.getLogger(Analytics.class);

    private final String brand;
    private final AnalyticsSink sink;

    public Analytics(String brand, AnalyticsSink sink) {
        this.brand = brand;
        this.sink = sink;
    }

    /** The brand from {@code KARGO_BRAND_ID}, else {@code KARGO_BRAND_NAME} as a slug; Firehose when configured. */
    public static Analytics from(KargoSettings settings, Metrics metrics) {
        AnalyticsSink sink = FirehoseAnalytics.from(settings, metrics);
        return sink == AnalyticsSink.NONE ? NONE : new Analytics(brandId(settings), sink);
    }

    public static String brandId(KargoSettings settings) {
        return settings.get("KARGO_BRAND_ID").or(() -> settings.get("KARGO_BRAND_NAME")).map(Analytics::slug)
                .filter(s -> !s.isEmpty()).orElse("default");
    }

    /** {@code "ModaX Giyim"} → {@code modax-giyim}: Turkish letters folded as the address matcher folds them. */
    static String slug(String name) {
        String slug = io.kargotakip.core.address.AddressMatcher.plain(name).replace(' ', '-');
        return slug.length() > 63 ? slug.substring(0, 63) : slug;
    }

    /** Where the records go (for a stage that writes its own records, the support tickets'). */
    public AnalyticsSink sink() {
        return sink;
    }

    public boolean enabled() {
        return sink != AnalyticsSink.NONE;
    }

    public String brand() {
        return brand;
    }

    public static String key(ShipmentId id) {
        return AnalyticsRecord.shipmentKey(id.carrier(), id.trackingNumber());
    }

    public AnalyticsRecord.Builder record(Kind kind, Instant at) {
        return AnalyticsRecord.of(kind, at).brand(brand);
    }

    /** A shipment registered (an order imported, a marketplace package linked), with what the merchant told of its journey. */
    public AnalyticsRecord shipment(ShipmentId id, String orderId, String source, Journey journey, Boolean control, Instant at) {
        Journey j = journey == null ? Journey.NONE : journey;
        return record(Kind.SHIPMENT, at).shipment(key(id)).order(orderId == null ? null : AnalyticsRecord.orderKey(orderId))
                .carrier(id.carrier()).service(j.service()).origin(j.origin()).destination(j.destination())
                .promisedDate(j.promisedDate()).control(control).source(source).once(key(id));
    }

    /** What the merchant may tell of a shipment's journey: the carrier's service, the lane's provinces, the promise. */
    public record Journey(String service, String origin, String destination, LocalDate promisedDate) {
        public static final Journey NONE = new Journey(null, null, null, null);
    }

    /** The canonical tracking events read (duplicates left out by the caller). */
    public void trackingEvents(List<TrackingEvent> events) {
        if (!enabled() || events.isEmpty()) {
            return;
        }
        List<AnalyticsRecord> records = new ArrayList<>();
        for (TrackingEvent e : events) {
            String shipment = key(e.shipmentId());
            records.add(record(Kind.TRACKING_EVENT, e.occurredAt().toInstant()).shipment(shipment).carrier(e.carrier())
                    .status(e.status().wireName()).reason(e.reason() == null ? null : e.reason().wireName())
                    .estimateDate(e.estimatedDelivery()).id(shipment, e.status().wireName()));
        }
        write(records);
    }

    /** A message's state: {@code sent, delivered, opened, clicked, failed, suppressed, held_out}. */
    public void message(NotificationIntent intent, String state, Instant at) {
        if (!enabled() || intent == null) {
            return;
        }
        write(messageRecord(intent, state, at));
    }

    public AnalyticsRecord messageRecord(NotificationIntent intent, String state, Instant at) {
        String variant = intent.details() == null ? null : intent.details().variant();
        return record(Kind.MESSAGE, at).shipment(intent.shipmentId() == null ? null : key(intent.shipmentId()))
                .message(AnalyticsRecord.messageKey(intent.notificationId())).channel(intent.channel())
                .intent(intent.kind() == null ? null : intent.kind().templateName()).variant(variant).state(state)
                .once(intent.notificationId(), intent.channel(), state);
    }

    /** The page an event of the tracking page is of: {@code view} → {@code tracking}, {@code action:address} → {@code address}. */
    public static String page(String pageEvent) {
        return "view".equals(pageEvent) ? "tracking" : pageEvent.startsWith("action:") ? pageEvent.substring("action:".length()) : pageEvent;
    }

    /** The dashboard's counter of a message state by channel: {@code delivered} → {@code MessagesDelivered}. */
    public static String messageMetric(String state) {
        return "Messages" + Character.toUpperCase(state.charAt(0)) + state.substring(1);
    }

    /** A page of the shipment's seen ({@code tracking, address, delivery_day, survey, preferences}). */
    public void pageView(ShipmentId shipment, String page, Instant at) {
        if (enabled() && shipment != null) {
            write(record(Kind.PAGE_VIEW, at).shipment(key(shipment)).state(page).id(key(shipment), page));
        }
    }

    /** A self-service action done ({@code address_changed, delivery_day_chosen, opted_out, …}). */
    public void selfService(ShipmentId shipment, String action, Instant at) {
        if (enabled() && shipment != null) {
            write(record(Kind.SELF_SERVICE, at).shipment(key(shipment)).state(action).id(key(shipment), action));
        }
    }

    /** The delivery-day survey's answer, 0–10: one per shipment, the first. */
    public void survey(ShipmentId shipment, int score, Instant at) {
        if (enabled() && shipment != null) {
            write(record(Kind.SURVEY, at).shipment(key(shipment)).score(score).once(key(shipment)));
        }
    }

    /** Writes records; answers how many were lost. */
    public int write(List<AnalyticsRecord> records) {
        if (!enabled() || records.isEmpty()) {
            return 0;
        }
        try {
            return sink.write(records);
        } catch (RuntimeException e) {
            LOG.warnf("analytics records not written (%s)", e.getClass().getSimpleName());
            return records.size();
        }
    }

    public int write(AnalyticsRecord record) {
        return write(List.of(record));
    }
}
