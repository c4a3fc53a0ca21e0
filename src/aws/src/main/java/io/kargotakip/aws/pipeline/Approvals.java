package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.aws.queue.QueuePublisher;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.operations.AlertRequest;
import io.kargotakip.core.operations.Operations;
import io.kargotakip.core.operations.OperationsException;
import io.kargotakip.core.rules.RuleSettings;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.ShipmentState;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The approval queue of the brief's automation levels: messages the rules proposed wait here until operations approve
 * them (they go, their fallbacks timed from then) or reject them. A proposal the shipment has moved past, or one
 * waiting longer than {@code expire_after}, expires; one waiting longer than {@code alert_after} alerts operations once.
 */
public final class Approvals {

    private static final Logger LOG = Logger.getLogger(Approvals.class);

    /**
     * What operations see of a waiting message: ids, kinds and statuses, the rule's links and discount; no contact.
     *
     * @param shipment carrier and tracking number
     */
    public record Waiting(String notificationId, String kind, String channel, String shipment, String orderId, String status,
                          String reason, String ruleId, List<String> links, Integer discountPercent, String discountCode,
                          Instant proposedAt) {
        static Waiting of(NotificationRepository.Proposal p) {
            NotificationIntent i = p.notification().intent();
            NotificationIntent.Details d = i.details();
            return new Waiting(i.notificationId(), i.kind().templateName(), i.channel(), i.shipmentId().toString(), i.orderId(),
                    i.change() == null ? null : i.change().status().wireName(),
                    i.change() == null || i.change().reason() == null ? null : i.change().reason().wireName(),
                    d == null ? null : d.ruleId(), d == null ? List.of() : d.links(), d == null ? null : d.discountPercent(),
                    d == null ? null : d.discountCode(), p.proposedAt());
        }
    }

    public enum Outcome { APPROVED, REJECTED, NOT_WAITING }

    /** What a sweep did. */
    public record Sweep(int expired, int alerted) {
    }

    private final NotificationRepository notifications;
    private final Function<ShipmentId, Optional<ShipmentState>> shipments;
    private final QueuePublisher outbound;
    private final Metrics metrics;
    private final Clock clock;

    public Approvals(NotificationRepository notifications, Function<ShipmentId, Optional<ShipmentState>> shipments, QueuePublisher outbound,
                     Metrics metrics, Clock clock) {
        this.notifications = notifications;
        this.shipments = shipments;
        this.outbound = outbound;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The messages waiting for approval, oldest first. */
    public List<Waiting> waiting(int limit) {
        return notifications.proposals(limit).stream().map(Waiting::of).toList();
    }

    /** @param by who approved it (an operator's name or id, for the record) */
    public Outcome approve(String notificationId, String by) {
        Optional<NotificationRepository.Stored> approved = notifications.approve(notificationId, by, clock.instant());
        if (approved.isEmpty()) {
            return Outcome.NOT_WAITING;
        }
        outbound.publishAll(List.of(new Envelope.OutboundMessage("approval-" + notificationId, notificationId)));
        notifications.markQueued(notificationId);
        metrics.count("ProposalsApproved");
        LOG.infof("notification %s approved by %s and queued", notificationId, by);
        return Outcome.APPROVED;
    }

    public Outcome reject(String notificationId, String by) {
        if (!notifications.decline(notificationId, "rejected by " + by, clock.instant())) {
            return Outcome.NOT_WAITING;
        }
        metrics.count("ProposalsRejected");
        LOG.infof("notification %s rejected by %s", notificationId, by);
        return Outcome.REJECTED;
    }

    /**
     * The scheduled look at the queue: proposals the shipment moved past or that waited {@code expire_after} expire;
     * those waiting {@code alert_after} alert operations once (with how many wait).
     */
    public Sweep sweep(RuleSettings.Automation automation, Operations operations, int limit) {
        Instant now = clock.instant();
        int expired = 0;
        int alerted = 0;
        List<NotificationRepository.Proposal> proposals = notifications.proposals(limit);
        for (NotificationRepository.Proposal p : proposals) {
            NotificationIntent intent = p.notification().intent();
            boolean movedOn = shipments.apply(intent.shipmentId()).filter(s -> Dispatcher.movedPast(s, intent.change())).isPresent();
            Duration waited = Duration.between(p.proposedAt(), now);
            if (movedOn || waited.compareTo(automation.expireAfter()) >= 0) {
                String why = movedOn ? "expired: the shipment moved past " + intent.change().status().wireName()
                        : "expired: not approved within " + automation.expireAfter().toHours() + " h";
                if (notifications.decline(intent.notificationId(), why, now)) {
                    expired++;
                }
            } else if (!p.alerted() && waited.compareTo(automation.alertAfter()) >= 0) {
                try {
                    operations.alert(new AlertRequest("approval-waiting/" + intent.notificationId(), "Kargo Takip: "
                            + intent.kind().templateName() + " for " + intent.shipmentId() + " has waited for approval since "
                            + p.proposedAt() + " (" + proposals.size() + " waiting)", Set.of(Operations.EMAIL, Operations.WEBHOOK)));
                } catch (OperationsException e) {
                    LOG.warnf("the waiting proposal %s could not be told to operations: %s", intent.notificationId(), e.getMessage());
                    continue; // told on the next sweep
                }
                notifications.markProposalAlerted(intent.notificationId());
                alerted++;
            }
        }
        metrics.count("ProposalsExpired", expired);
        metrics.count("ProposalsWaiting", proposals.size() - expired);
        return new Sweep(expired, alerted);
    }
}
