package io.kargotakip.core.support;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A support ticket as a helpdesk or an import gives it: where it came from and its id there, its subject and first
 * message, tags and form fields, and the order and tracking numbers it names, where the helpdesk or the merchant's CSV
 * gives them apart from the text. No requester: the analytics need none, and a customer's e-mail is personal data.
 *
 * @param source         {@code zendesk}, {@code freshdesk}, {@code helpdesk} (the generic JSON form) or {@code csv}
 * @param id             the ticket's id at its source
 * @param orderNo        the merchant's order number the ticket names, may be null
 * @param trackingNumber the tracking number the ticket names, may be null
 */
public record SupportTicket(String source, String id, String subject, String body, List<String> tags, Map<String, String> fields,
                            String orderNo, String trackingNumber) {

    public SupportTicket {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a ticket id must not be blank");
        }
        id = id.strip();
        tags = tags == null ? List.of() : tags.stream().filter(t -> t != null && !t.isBlank()).map(String::strip).toList();
        fields = fields == null ? Map.of() : Map.copyOf(fields);
        orderNo = blankToNull(orderNo);
        trackingNumber = trackingNumber == null || trackingNumber.isBlank() ? null : trackingNumber.strip().toUpperCase(Locale.ROOT);
    }

    /** What the classifier reads of it. */
    public TicketClassifier.Ticket forClassifier() {
        return new TicketClassifier.Ticket(subject, body, Set.copyOf(tags), fields);
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }
}
