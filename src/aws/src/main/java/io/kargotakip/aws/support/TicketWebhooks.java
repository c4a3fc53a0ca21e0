package io.kargotakip.aws.support;

import io.kargotakip.aws.KargoSettings;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.core.support.HelpdeskForm;
import io.kargotakip.core.support.TicketEvent;
import io.kargotakip.core.support.TicketPayloadException;
import io.kargotakip.core.support.ZendeskTicketEvents;
import io.kargotakip.core.webhook.WebhookAuth;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A helpdesk's ticket webhook ({@code POST /webhooks/zendesk|freshdesk|helpdesk}): authenticated with the source's
 * scheme ({@code KARGO_WEBHOOK_<SOURCE>_*}, as every webhook source), size-checked, parsed, classified, linked and
 * written to the analytics at once. Tickets are not carrier events: no raw-events queue, nothing for the normalizer.
 */
public final class TicketWebhooks {

    private static final Logger LOG = Logger.getLogger(TicketWebhooks.class);

    /** The webhook sources that are helpdesks: Zendesk's events, Freshdesk's automation body, the generic form. */
    public static final Set<String> SOURCES = Set.of("zendesk", "freshdesk", "helpdesk");
    /** Not queued, so SQS's limit does not bind; a ticket with a long first message still fits. */
    public static final int MAX_BODY_BYTES = 512 * 1024;

    public sealed interface Result {
        /** @param step the step counted, or empty when the event is one the KPIs do not count */
        record Accepted(Optional<TicketEvent.Step> step) implements Result {
        }

        record Rejected(int status, String title, String detail) implements Result {
        }
    }

    private final Function<String, Optional<WebhookAuth>> authFor;
    private final SupportTickets tickets;
    private final Metrics metrics;
    private final Clock clock;

    public TicketWebhooks(Function<String, Optional<WebhookAuth>> authFor, SupportTickets tickets, Metrics metrics, Clock clock) {
        this.authFor = authFor;
        this.tickets = tickets;
        this.metrics = metrics;
        this.clock = clock;
    }

    public static boolean isHelpdesk(String source) {
        return source != null && SOURCES.contains(source.toLowerCase(Locale.ROOT));
    }

    public Result receive(String source, Map<String, String> lowerCaseHeaders, byte[] body) {
        String name = source.toLowerCase(Locale.ROOT);
        Optional<WebhookAuth> auth = authFor.apply(name);
        if (auth.isEmpty()) {
            return reject(404, "Unknown webhook source", "no webhook source '" + name + "' is configured", name);
        }
        byte[] bytes = body == null ? new byte[0] : body;
        String why = auth.get().rejectReason(lowerCaseHeaders, bytes, clock.instant());
        if (why != null) {
            return reject(401, "Unauthorized", why, name);
        }
        if (bytes.length == 0) {
            return reject(400, "Empty body", "the webhook body is empty", name);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            return reject(413, "Payload too large", "the body is " + bytes.length + " bytes; at most " + MAX_BODY_BYTES + " are accepted", name);
        }
        Optional<TicketEvent> event;
        try {
            event = name.equals(ZendeskTicketEvents.SOURCE) ? ZendeskTicketEvents.parse(bytes)
                    : Optional.of(HelpdeskForm.parse(name, bytes, clock.instant()));
        } catch (TicketPayloadException e) {
            return reject(400, "Unreadable ticket", e.getMessage(), name);
        }
        if (event.isEmpty()) {
            metrics.count("TicketWebhooksIgnored");
            return new Result.Accepted(Optional.empty());
        }
        SupportTickets.Outcome outcome = tickets.record(List.of(event.get()));
        if (outcome.lost() > 0) {
            // the helpdesk retries a failed call; the record's id is the same then, so a retry never counts twice
            return reject(503, "Service Unavailable", "the ticket's analytics record could not be written; retry later", name);
        }
        metrics.count("TicketWebhooksAccepted");
        LOG.infof("ticket %s from %s recorded", event.get().step().wire(), name);
        return new Result.Accepted(Optional.of(event.get().step()));
    }

    private Result reject(int status, String title, String detail, String source) {
        metrics.count("TicketWebhooksRejected");
        LOG.warnf("ticket webhook from %s rejected: %d %s", source, status, title);
        return new Result.Rejected(status, title, detail);
    }
}
