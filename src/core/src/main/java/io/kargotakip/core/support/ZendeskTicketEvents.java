package io.kargotakip.core.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Zendesk's event-subscribed webhooks for ticket events: {@code type} names the event, {@code detail} holds the ticket
 * ({@code id}, {@code subject}, {@code description}, {@code tags}, {@code status}, …), {@code event} what happened,
 * {@code time} when. Three events count:
 * <ul>
 *   <li>{@code zen:event-type:ticket.created}: the ticket was opened;</li>
 *   <li>{@code zen:event-type:ticket.comment_added} with a public comment ({@code event.comment.is_public}) by staff
 *       ({@code event.comment.author.is_staff}): an agent answered in public, the first response if it is the first;</li>
 *   <li>{@code zen:event-type:ticket.status_changed} to solved or closed ({@code event.current}).</li>
 * </ul>
 * Any other event, a private note or a customer's own comment is answered but not counted.
 */
public final class ZendeskTicketEvents {

    public static final String SOURCE = "zendesk";
    static final String PREFIX = "zen:event-type:ticket.";

    private ZendeskTicketEvents() {
    }

    /** The event the payload tells of, or empty when it is one the KPIs do not count. */
    public static Optional<TicketEvent> parse(byte[] body) throws TicketPayloadException {
        JsonNode root = TicketJson.object(body, "Zendesk webhook");
        String type = TicketJson.required(root, "type", "");
        if (!type.startsWith(PREFIX)) {
            return Optional.empty();
        }
        TicketEvent.Step step;
        JsonNode event = root.path("event");
        switch (type.substring(PREFIX.length())) {
            case "created" -> step = TicketEvent.Step.CREATED;
            case "comment_added" -> {
                JsonNode comment = event.path("comment");
                if (!comment.path("is_public").asBoolean(false) || !comment.path("author").path("is_staff").asBoolean(false)) {
                    return Optional.empty();
                }
                step = TicketEvent.Step.FIRST_RESPONSE;
            }
            case "status_changed" -> {
                String current = event.path("current").asText("").strip().toLowerCase(Locale.ROOT);
                if (!current.equals("solved") && !current.equals("closed")) {
                    return Optional.empty();
                }
                step = TicketEvent.Step.SOLVED;
            }
            default -> {
                return Optional.empty();
            }
        }
        JsonNode detail = root.get("detail");
        if (detail == null || !detail.isObject()) {
            throw new TicketPayloadException("'detail' (the ticket) is missing");
        }
        String id = TicketJson.required(detail, "id", "detail.");
        String time = TicketJson.text(root, "time");
        if (time == null) {
            throw new TicketPayloadException("'time' is missing");
        }
        SupportTicket ticket = new SupportTicket(SOURCE, id, TicketJson.text(detail, "subject"), TicketJson.text(detail, "description"),
                TicketJson.tags(detail, "tags"), Map.of(), null, null);
        return Optional.of(new TicketEvent(ticket, step, TicketJson.instant(time, "time")));
    }
}
