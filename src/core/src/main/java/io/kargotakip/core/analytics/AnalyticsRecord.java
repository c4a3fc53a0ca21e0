package io.kargotakip.core.analytics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * One analytics record: a flat, PII-free fact — a shipment registered, a canonical tracking event, a message's state,
 * a page view or click, a self-service action, a delivery-day survey answer, a support ticket, a return or a
 * cancellation. Ids of shipments, orders and tickets are pseudonyms ({@link #pseudonym}: the same parcel is the same key
 * in every record, and a ticket quoting a tracking number finds it) so the files and the KPI SQL hold no tracking
 * number, no e-mail, phone, name or address. Written as one JSON line in snake case (the Glue table's columns).
 *
 * @param id           deterministic from what the record is of: a stage that runs twice writes the same id, and the KPI
 *                     SQL counts one record per id
 * @param kind         what the record is of
 * @param occurredAt   when it happened (the event's time, not when it was written); the column {@code occurred_at}
 * @param localDate    its day in the brand's time zone (Istanbul), what the KPIs group by
 * @param brand        the brand (one deployment may serve more than one)
 * @param shipment     pseudonym of the shipment, where there is one
 * @param orderRef     pseudonym of the order (column {@code order_ref}: {@code order} is an SQL keyword)
 * @param message      pseudonym of the notification a message record is of (its states share it)
 * @param ticket       pseudonym of a support ticket (its steps share it)
 * @param carrier      carrier id ({@code ups}, {@code yurtici}, …)
 * @param service      the carrier's service (standard, express, …), where the merchant gives it
 * @param origin       lane: the sending province (plate code or name), where known
 * @param destination  lane: the receiving province
 * @param status       canonical tracking status of a tracking event, by its wire name ({@code delivered}); an order
 *                     outcome ({@code returned}, {@code cancelled})
 * @param reason       the canonical reason of a tracking event
 * @param channel      a message's channel ({@code email}, {@code sms}, …)
 * @param intent       a message's kind ({@code delivered}, {@code out_for_delivery}, …)
 * @param variant      a message's template variant (A/B), may be null
 * @param state        a message's state: {@code sent, delivered, opened, clicked, failed, suppressed, held_out}; a page
 *                     record's page ({@code tracking, address, survey, …}); a self-service action; a ticket's step
 *                     ({@code created, first_response})
 * @param source       where a ticket or an order came from ({@code zendesk}, {@code freshdesk}, {@code csv}; {@code web},
 *                     {@code trendyol})
 * @param score        a survey answer's score, 0–10
 * @param wismo        whether a ticket is a "where is my order?" contact
 * @param control      on a shipment record: whether it is in the control group (no proactive messages)
 * @param promisedDate on a shipment record: the merchant's promised delivery date
 * @param estimateDate on a tracking event: the carrier's estimated delivery date it gave
 */
public record AnalyticsRecord(String id, Kind kind, Instant occurredAt, LocalDate localDate, String brand, String shipment,
                              String orderRef, String message, String ticket, String carrier, String service, String origin, String destination, String status,
                              String reason, String channel, String intent, String variant, String state, String source,
                              Integer score, Boolean wismo, Boolean control, LocalDate promisedDate, LocalDate estimateDate) {

    /** The brand's clock for {@link #localDate}: Turkey keeps UTC+3 all year. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Istanbul");

    public enum Kind {
        SHIPMENT, TRACKING_EVENT, MESSAGE, PAGE_VIEW, SELF_SERVICE, SURVEY, TICKET, ORDER_OUTCOME;

        /** The name in the files: lower case. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind fromWire(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }

    public AnalyticsRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(localDate, "localDate");
        if (score != null && (score < 0 || score > 10)) {
            throw new IllegalArgumentException("a survey score is 0 to 10: " + score);
        }
    }

    /**
     * The pseudonym of an identifier in the records: the first 16 hex digits of SHA-256 over {@code kind|value}. Not a
     * secret (a merchant who knows a tracking number can find its records); it keeps the number itself out of the files.
     */
    public static String pseudonym(String kind, String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((kind + "|" + value).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shipment's pseudonym from its carrier and tracking number (as a ticket quoting the number finds it). */
    public static String shipmentKey(String carrier, String trackingNumber) {
        return pseudonym("shipment", carrier + ":" + trackingNumber.strip().toUpperCase(Locale.ROOT));
    }

    public static String orderKey(String orderId) {
        return pseudonym("order", orderId);
    }

    public static String messageKey(String notificationId) {
        return pseudonym("message", notificationId);
    }

    public static String ticketKey(String source, String ticketId) {
        return pseudonym("ticket", source + ":" + ticketId);
    }

    public static Builder of(Kind kind, Instant at) {
        return new Builder(kind, at, DEFAULT_ZONE);
    }

    public static Builder of(Kind kind, Instant at, ZoneId zone) {
        return new Builder(kind, at, zone);
    }

    /** A record field by field; {@link #id(String...)} names what makes it one. */
    public static final class Builder {
        private final Kind kind;
        private final Instant at;
        private final LocalDate localDate;
        private String brand, shipment, order, message, ticket, carrier, service, origin, destination, status, reason, channel, intent,
                variant, state, source;
        private Integer score;
        private Boolean wismo, control;
        private LocalDate promisedDate, estimateDate;

        private Builder(Kind kind, Instant at, ZoneId zone) {
            this.kind = Objects.requireNonNull(kind, "kind");
            this.at = Objects.requireNonNull(at, "at");
            this.localDate = LocalDate.ofInstant(at, zone);
        }

        public Builder brand(String v) { brand = v; return this; }
        public Builder shipment(String v) { shipment = v; return this; }
        public Builder order(String v) { order = v; return this; }
        public Builder message(String v) { message = v; return this; }
        public Builder ticket(String v) { ticket = v; return this; }
        public Builder carrier(String v) { carrier = v; return this; }
        public Builder service(String v) { service = blankToNull(v); return this; }
        public Builder origin(String v) { origin = blankToNull(v); return this; }
        public Builder destination(String v) { destination = blankToNull(v); return this; }
        public Builder status(String v) { status = v; return this; }
        public Builder reason(String v) { reason = v; return this; }
        public Builder channel(String v) { channel = v; return this; }
        public Builder intent(String v) { intent = v; return this; }
        public Builder variant(String v) { variant = blankToNull(v); return this; }
        public Builder state(String v) { state = v; return this; }
        public Builder source(String v) { source = v; return this; }
        public Builder score(Integer v) { score = v; return this; }
        public Builder wismo(Boolean v) { wismo = v; return this; }
        public Builder control(Boolean v) { control = v; return this; }
        public Builder promisedDate(LocalDate v) { promisedDate = v; return this; }
        public Builder estimateDate(LocalDate v) { estimateDate = v; return this; }

        /** The record, its id made of the kind, the given parts and the time: {@code message|<parts>|<at>}. */
        public AnalyticsRecord id(String... parts) {
            return build(pseudonym("record", key(parts) + "|" + at));
        }

        /**
         * The record, its id made of the kind and the parts alone: one such record counts whatever its time, the
         * earliest (a ticket's first response: every later agent reply claims to be it too).
         */
        public AnalyticsRecord once(String... parts) {
            return build(pseudonym("record", key(parts)));
        }

        private String key(String... parts) {
            StringBuilder id = new StringBuilder(kind.wire());
            for (String p : parts) {
                id.append('|').append(p == null ? "" : p);
            }
            return id.toString();
        }

        private AnalyticsRecord build(String id) {
            return new AnalyticsRecord(id, kind, at, localDate, brand, shipment, order, message, ticket, carrier, service, origin, destination,
                    status, reason, channel, intent, variant, state, source, score, wismo, control, promisedDate, estimateDate);
        }

        private static String blankToNull(String v) {
            return v == null || v.isBlank() ? null : v.strip();
        }
    }
}
