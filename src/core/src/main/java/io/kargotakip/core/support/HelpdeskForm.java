package io.kargotakip.core.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * The ticket form a helpdesk posts when it has no event format of its own: the generic JSON of
 * {@code POST /webhooks/helpdesk}, and the body a Freshdesk automation rule's "Trigger webhook" action sends (the
 * merchant writes it with Freshdesk's placeholders, so every value may come as a string and the tags as one
 * comma-separated string):
 * <pre>{"ticket_id": "…", "event": "created|first_response|solved", "at": "2026-12-01T10:00:00Z", "subject": "…",
 *  "body": "…", "tags": ["…"], "fields": {"name": "value"}, "order_no": "…", "tracking_number": "…"}</pre>
 * {@code at} may be left out where the helpdesk has no placeholder for the event's time: the time it arrived stands in.
 */
public final class HelpdeskForm {

    private HelpdeskForm() {
    }

    public static TicketEvent parse(String source, byte[] body, Instant receivedAt) throws TicketPayloadException {
        JsonNode root = TicketJson.object(body, "ticket");
        String id = TicketJson.required(root, "ticket_id", "");
        String event = TicketJson.required(root, "event", "");
        TicketEvent.Step step = TicketEvent.Step.fromWire(event)
                .orElseThrow(() -> new TicketPayloadException("'event' must be created, first_response or solved"));
        String at = TicketJson.text(root, "at");
        SupportTicket ticket = new SupportTicket(source, id, TicketJson.text(root, "subject"), TicketJson.text(root, "body"),
                TicketJson.tags(root, "tags"), TicketJson.fields(root, "fields"), TicketJson.text(root, "order_no"),
                TicketJson.text(root, "tracking_number"));
        return new TicketEvent(ticket, step, at == null ? receivedAt : TicketJson.instant(at, "at"));
    }
}
