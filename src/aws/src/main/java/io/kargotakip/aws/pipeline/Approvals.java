package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.aws.queue.QueuePublisher;
import io.kargotakip.aws.store.DiscountCodes;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.ProposalEdit;
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
 * them (they go, their fallbacks timed from then) or reject them; before approving, operations may edit what one says
 * (a note, fewer links, another percent). A proposal the shipment has moved past, or one
 * waiting longer than {@code expire_after}, expires; one waiting longer than {@code alert_after} alerts operations once.
 */
public final class Approvals {

    private static final Logger LOG = Logger.getLogger(Approvals.class);

    /**
     * What operations see of a waiting message: ids, kinds and statuses, the rule's links and discount as the message
     * gives them now (edited or not); no contact.
     *
     * @param shipment carrier and tracking number
     * @param note     operations' note ({@link #edit}); null when none
     * @param editedBy who edited it last; null when nobody did
     * @param offered  the links the rule offered, which an edit may keep some of
     */
    public record Waiting(String notificationId, String kind, String channel, String shipment, String orderId, String status,
                          String reason, String ruleId, List<String> links, Integer discountPercent, String discountCode,
                          Instant proposedAt, String note, String editedBy, Instant editedAt, List<String> offered) {
        static Waiting of(NotificationRepository.Proposal p) {
            NotificationIntent i = p.notification().intent();
            NotificationIntent.Details d = i.details();
            return new Waiting(i.notificationId(), i.kind().templateName(), i.channel(), i.shipmentId().toString(), i.orderId(),
                    i.change() == null ? null : i.change().status().wireName(),
                    i.change() == null || i.change().reason() == null ? null : i.change().reason().wireName(),
                    d == null ? null : d.ruleId(), d == null ? List.of() : d.links(), d == null ? null : d.discountPercent(),
                    d == null ? null : d.discountCode(), p.proposedAt(), d == null ? null : d.note(), p.editedBy(), p.editedAt(),
                    p.proposed() == null ? List.of() : p.proposed().links());
        }
    }

    /**
     * What an edit did: {@code EDITED} with the message as it waits now, {@code INVALID} with the problem (naming the
     * field, nothing changed), or {@code NOT_WAITING}.
     */
    public record Edit(Outcome outcome, Waiting waiting, String problem) {
    }

    public enum Outcome { APPROVED, REJECTED, EDITED, INVALID, NOT_WAITING }

    /** What a sweep did. */
    public record Sweep(int expired, int alerted) {
    }

    private final NotificationRepository notifications;
    private final Function<ShipmentId, Optional<ShipmentState>> shipments;
    private final QueuePublisher outbound;
    private final Metrics metrics;
    private final Clock clock;

    private final DiscountCodes discounts;

    /** Without the discount codes: an edit may not change a message's percent. */
    public Approvals(NotificationRepository notifications, Function<ShipmentId, Optional<ShipmentState>> shipments, QueuePublisher outbound,
                     Metrics metrics, Clock clock) {
        this(notifications, shipments, outbound, metrics, clock, null);
    }

    /** @param discounts the brand's pools, from which a changed percent draws its code; null: percents stay as proposed */
    public Approvals(NotificationRepository notifications, Function<ShipmentId, Optional<ShipmentState>> shipments, QueuePublisher outbound,
                     Metrics metrics, Clock clock, DiscountCodes discounts) {
        this.discounts = discounts;
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

    /**
     * Operations change what a waiting message says before approving it ({@link ProposalEdit}); it still waits. A changed
     * percent draws a code of that percent for the occurrence and the percent ({@code <occurrence>/edit=<percent>}), so
     * the same percent again gives the same code and the message never gets another message's; back at the rule's
     * percent it has the rule's code again. A code drawn for a percent then changed once more is not given back: the
     * pool's claims cannot be undone (a replayed draw of that key would otherwise get another code).
     *
     * @param by who edited it (an operator's name or id, for the record)
     */
    public Edit edit(String notificationId, String by, ProposalEdit edit) {
        Optional<NotificationRepository.Proposal> found = notifications.proposal(notificationId);
        if (found.isEmpty()) {
            return new Edit(Outcome.NOT_WAITING, null, null);
        }
        NotificationRepository.Proposal proposal = found.get();
        NotificationIntent.Details proposed = proposal.proposed();
        String problem = edit.problem(proposed);
        if (problem != null) {
            return new Edit(Outcome.INVALID, null, problem);
        }
        Instant now = clock.instant();
        Integer percent = edit.percentOf(proposed);
        String code = proposed.discountCode();
        if (percent != null && !percent.equals(proposed.discountPercent())) {
            if (discounts == null) {
                return new Edit(Outcome.INVALID, null, "discountPercent: cannot be changed here (no discount codes table)");
            }
            Optional<String> drawn = discounts.draw(percent, proposed.occurrenceKey() + "/edit=" + percent, now);
            if (drawn.isEmpty()) {
                metrics.count("DiscountPoolDry");
                return new Edit(Outcome.INVALID, null, "discountPercent: the pool of " + percent + " % has no code left; import codes"
                        + " (./kargo discounts import --percent " + percent + ") or choose another percent");
            }
            code = drawn.get();
        }
        NotificationIntent.Details edited = edit.applyTo(proposed, code);
        if (!notifications.edit(proposal, edited, by, now)) {
            return new Edit(Outcome.NOT_WAITING, null, null);
        }
        metrics.count("ProposalsEdited");
        LOG.infof("notification %s edited by %s", notificationId, by);
        NotificationRepository.Stored stored = proposal.notification();
        return new Edit(Outcome.EDITED, Waiting.of(new NotificationRepository.Proposal(new NotificationRepository.Stored(
                stored.intent().withDetails(edited), stored.state(), stored.providerMessageId(), stored.attempts(), stored.chain(),
                stored.fallbacks()), proposal.proposedAt(), proposal.alerted(), proposed, by, now)), null);
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
        long oldest = 0;
        for (NotificationRepository.Proposal p : proposals) {
            NotificationIntent intent = p.notification().intent();
            boolean movedOn = shipments.apply(intent.shipmentId()).filter(s -> Dispatcher.movedPast(s, intent.change())).isPresent();
            Duration waited = Duration.between(p.proposedAt(), now);
            oldest = Math.max(oldest, waited.toSeconds());
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
        // the approval queue's age: how long the oldest proposal has waited (an expired one included: it waited that long)
        metrics.gauge("ApprovalQueueAgeSeconds", oldest);
        return new Sweep(expired, alerted);
    }
}
