package io.kargotakip.aws.pipeline;

import io.kargotakip.core.operations.AlertRequest;
import io.kargotakip.core.operations.Operations;
import io.kargotakip.core.operations.OperationsException;
import io.kargotakip.core.operations.TicketRequest;
import io.kargotakip.core.rules.Decision;
import io.kargotakip.core.rules.RuleContext;
import io.kargotakip.core.shipment.TrackingStatus;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rules' alerts and tickets through the merchant's destinations ({@link Operations}: e-mail, a chat webhook, the
 * helpdesk). A destination that is down for a moment throws, so the status change is retried; one that refuses for
 * good is recorded and logged, and the change goes on (the customer's messages must not wait for a helpdesk).
 */
public final class OperationsDesk implements OperationsActions {

    private static final Logger LOG = Logger.getLogger(OperationsDesk.class);

    /** A destination failed for a moment: the status change comes back from the queue. */
    public static final class RetryLater extends RuntimeException {
        RetryLater(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Operations operations;

    public OperationsDesk(Operations operations) {
        this.operations = operations;
    }

    @Override
    public String alert(Decision decision, Decision.Alert alert, RuleContext context) {
        if (alert.targets().isEmpty()) {
            return OperationsActions.LOGGED.alert(decision, alert, context);
        }
        try {
            operations.alert(new AlertRequest(decision.occurrenceKey(), alert.text(), Set.copyOf(alert.targets())));
            return "alerted " + String.join(",", alert.targets());
        } catch (OperationsException e) {
            return failed("alert", decision, e);
        }
    }

    @Override
    public String ticket(Decision decision, Decision.Ticket ticket, RuleContext context) {
        var customer = context.order().customer();
        TicketRequest request = new TicketRequest(decision.occurrenceKey(), ticket.subject(), body(decision, context), ticket.priority(),
                customer == null ? null : customer.firstName(),
                customer == null ? null : customer.contact(io.kargotakip.core.channel.ContactKind.EMAIL),
                List.of("kargo-takip", decision.ruleId(), context.change().status().wireName()));
        try {
            String id = operations.openTicket(request);
            if (id == null) {
                return OperationsActions.LOGGED.ticket(decision, ticket, context);
            }
            LOG.infof("ticket %s opened by rule %s", id, decision.ruleId());
            return id;
        } catch (OperationsException e) {
            return failed("ticket", decision, e);
        }
    }

    /** What an agent needs to take over: the shipment, the order, what happened; the requester carries the contact. */
    static String body(Decision decision, RuleContext c) {
        List<String> lines = new ArrayList<>();
        lines.add("Shipment: " + c.shipment().id().carrier() + " " + c.shipment().id().trackingNumber());
        if (c.order().orderNo() != null) {
            lines.add("Order: " + c.order().orderNo() + (c.order().marketplace() == null ? "" : " (" + c.order().marketplace() + ")"));
        }
        String status = c.change().status().wireName() + (c.change().reason() == null ? "" : " (" + c.change().reason().wireName() + ")");
        if (c.change().status() == TrackingStatus.FAILED_ATTEMPT) {
            status += ", attempt " + c.attempt();
        }
        lines.add("Status: " + status + " at " + c.change().occurredAt());
        if (!c.order().segments().isEmpty()) {
            lines.add("Segments: " + String.join(", ", c.order().segments()));
        }
        c.eta().ifPresent(eta -> lines.add("ETA: " + eta));
        lines.add("Rule: " + decision.ruleId() + (decision.description() == null ? "" : " — " + decision.description()));
        return String.join("\n", lines);
    }

    private static String failed(String what, Decision decision, OperationsException e) {
        if (e.retryable()) {
            throw new RetryLater(what + " of rule " + decision.ruleId() + " not delivered for now: " + e.getMessage(), e);
        }
        LOG.errorf("operations alert: the %s of rule %s was refused for good: %s", what, decision.ruleId(), e.getMessage());
        return "refused: " + e.getMessage();
    }
}
