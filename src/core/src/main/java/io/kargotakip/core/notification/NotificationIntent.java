package io.kargotakip.core.notification;

import io.kargotakip.core.shipment.ShipmentId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A decision to tell a customer something over one channel. Its id is derived from what it says
 * (shipment, message kind, channel, and which occurrence it tells of), so deciding the same thing
 * twice yields the same id and the customer gets it once.
 *
 * @param details what the merchant's rule adds to the message (links it offers, a discount); null for none
 */
public record NotificationIntent(String notificationId, ShipmentId shipmentId, String orderId, MessageKind kind,
                                 String channel, StatusChange change, Details details) {

    /**
     * What the rule that decided a message adds to it, the same for every channel of its chain.
     *
     * @param ruleId          the rule that sent it
     * @param occurrenceKey   the occurrence it tells of (shipment, rule, and what makes it distinct)
     * @param links           the action links it offers ({@code reschedule}, {@code new_address}, {@code cod_confirmation}, …)
     * @param discountPercent the apology discount's percent, null when none
     * @param discountCode    the single-use code drawn for it from the brand's pool, null when none (or the pool ran dry)
     * @param variant         the A/B variant of its template, null when the kind has none
     * @param note            operations' personal note, added before they approved it ({@link ProposalEdit}); null when none
     * @param parcels         of an order sent in several parcels, how many of them are delivered (this one's news
     *                        counted), null for an order of one parcel or a status it is not told with
     */
    public record Details(String ruleId, String occurrenceKey, List<String> links, Integer discountPercent, String discountCode,
                          String variant, String note, Parcels parcels) {
        public Details {
            links = links == null ? List.of() : List.copyOf(links);
        }

        /** A rule's message, before anyone edited it: no note. */
        public Details(String ruleId, String occurrenceKey, List<String> links, Integer discountPercent, String discountCode,
                       String variant) {
            this(ruleId, occurrenceKey, links, discountPercent, discountCode, variant, null, null);
        }

        /** The same message as operations edited it: their note, the links they kept, the percent and its code. */
        public Details edited(String newNote, List<String> keptLinks, Integer percent, String code) {
            return new Details(ruleId, occurrenceKey, keptLinks, percent, code, variant, newNote, parcels);
        }

        public boolean offers(String link) {
            return links.contains(link);
        }
    }

    /** Split shipments summarised together: "2 of your 3 parcels have been delivered". */
    public record Parcels(int delivered, int total) {
        public boolean all() {
            return delivered >= total;
        }
    }

    public NotificationIntent(String notificationId, ShipmentId shipmentId, String orderId, MessageKind kind, String channel,
                              StatusChange change) {
        this(notificationId, shipmentId, orderId, kind, channel, change, null);
    }

    public static NotificationIntent of(StatusChange change, MessageKind kind, String channel) {
        return new NotificationIntent(idFor(change.shipmentId(), kind, channel, change.occurrence()), change.shipmentId(), change.orderId(),
                kind, channel, change, null);
    }

    /**
     * A rule's message over one channel: its id is its occurrence's ({@code distinct}, see {@link #idFor(ShipmentId,
     * MessageKind, String, String)}), so every channel of one chain tells of the same occurrence.
     */
    public static NotificationIntent of(StatusChange change, MessageKind kind, String channel, String distinct, Details details) {
        return new NotificationIntent(idFor(change.shipmentId(), kind, channel, distinct), change.shipmentId(), change.orderId(),
                kind, channel, change, details);
    }

    /** The same message with other details (an edit before approval). */
    public NotificationIntent withDetails(Details newDetails) {
        return new NotificationIntent(notificationId, shipmentId, orderId, kind, channel, change, newDetails);
    }

    /** The same message over another channel of its chain. */
    public NotificationIntent over(String otherChannel, String distinct) {
        return new NotificationIntent(idFor(shipmentId, kind, otherChannel, distinct), shipmentId, orderId, kind, otherChannel, change,
                details);
    }

    /** The id of the message of this kind over this channel about the first occurrence of its status. */
    public static String idFor(ShipmentId shipment, MessageKind kind, String channel) {
        return idFor(shipment, kind, channel, 1);
    }

    /**
     * A message's identity is the occurrence it tells of: the same occurrence replayed gives the same id (sent once),
     * the second failed attempt another. The first occurrence keeps the id messages had before occurrences counted.
     */
    public static String idFor(ShipmentId shipment, MessageKind kind, String channel, int occurrence) {
        return idFor(shipment, kind, channel, occurrence > 1 ? "#" + occurrence : "");
    }

    /**
     * @param distinct what tells this occurrence from the kind's others: empty for the first (or only) one, {@code #2}
     *                 for a second attempt or delay episode, {@code eta=2026-12-03} for a message per ETA announced
     */
    public static String idFor(ShipmentId shipment, MessageKind kind, String channel, String distinct) {
        String material = shipment + "|" + kind.templateName() + "|" + channel + (distinct == null || distinct.isEmpty() ? "" : "|" + distinct);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return "n-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
