package io.kargotakip.core.rules;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A rule that fired, with its actions resolved against the context: what would be sent, when, over which channels,
 * and which alerts and tickets go to operations.
 *
 * @param occurrenceKey the occurrence the rule fired for (its {@code once_per}): an alert or a ticket is raised once per
 *                      occurrence however often the change is replayed
 */
public record Decision(String ruleId, String description, List<String> conditions, List<Outcome> outcomes, String occurrenceKey) {

    public Decision {
        conditions = List.copyOf(conditions);
        outcomes = List.copyOf(outcomes);
    }

    public sealed interface Outcome permits Send, Alert, Ticket, Suppress {
    }

    /**
     * A message to the customer.
     *
     * @param occurrenceKey  the occurrence it tells of: the same for a replay, new for a new attempt, delay or ETA
     * @param distinct       what tells that occurrence from the kind's others in the message's id ({@code NotificationIntent.idFor})
     * @param chain          the channel chain it goes over (the rule's, the file's or the brand's)
     * @param due            when its first channel goes: now, or the rule's {@code delay_until}
     * @param delayedBecause why it is not now (the rule's delay), null when it is
     * @param steps          its channel chain, each step with its time (quiet hours applied) and whether it can go
     * @param links          the action links it offers
     * @param discountPercent the apology discount's percent, null when it carries none
     * @param alreadySent    a message of this occurrence is among the shipment's messages already: the pipeline will not send it again
     * @param suppressedBy   the rule whose {@code suppress} drops it, null when it goes
     * @param variant        the A/B variant of its templates ({@link Experiment#variantFor}), null when its kind has no experiment
     */
    public record Send(String kind, String occurrenceKey, String distinct, io.kargotakip.core.notification.FallbackChain chain, Instant due, String delayedBecause, List<Step> steps,
                       List<String> links, Integer discountPercent, boolean alreadySent, String suppressedBy, String variant)
            implements Outcome {
        public Send {
            steps = List.copyOf(steps);
            links = List.copyOf(links);
        }

        /** A message whose kind has no experiment. */
        public Send(String kind, String occurrenceKey, String distinct, io.kargotakip.core.notification.FallbackChain chain, Instant due,
                    String delayedBecause, List<Step> steps, List<String> links, Integer discountPercent, boolean alreadySent,
                    String suppressedBy) {
            this(kind, occurrenceKey, distinct, chain, due, delayedBecause, steps, links, discountPercent, alreadySent, suppressedBy, null);
        }

        /** Whether the customer will get it: not suppressed, not a replay, and some channel of its chain can go. */
        public boolean goes() {
            return suppressedBy == null && !alreadySent && steps.stream().anyMatch(Step::reachable);
        }
    }

    /**
     * One channel of a message's chain.
     *
     * @param at        when it goes (for a fallback: if the message has not been read by then)
     * @param heldUntil the end of the quiet hours it was moved to, null when none
     * @param reachable whether the customer has consented to it; a step without consent is skipped
     * @param fallback  whether it goes only when the earlier ones went unread
     */
    public record Step(String channel, Instant at, Instant heldUntil, boolean reachable, boolean fallback) {
    }

    /**
     * An alert to operations, to each target: resolved by the rules file ({@code email:ops@…}, {@code webhook:https://…}),
     * or plain ({@code email}, {@code webhook}) for the environment's address.
     */
    public record Alert(List<String> targets, String text) implements Outcome {
        public Alert {
            targets = List.copyOf(targets);
        }
    }

    /**
     * A helpdesk ticket: posted in {@code format} ({@code generic}, {@code zendesk}, {@code freshdesk}) to {@code url};
     * both null when the rules file names no helpdesk (the environment's is used).
     */
    public record Ticket(String format, String url, String priority, String subject) implements Outcome {
    }

    /** This rule told the pipeline to send nothing (of {@code kinds}, or of any kind when empty) for this change. */
    public record Suppress(String reason, Set<String> kinds) implements Outcome {
        public Suppress {
            kinds = Set.copyOf(kinds);
        }
    }

    public List<Send> sends() {
        return outcomes.stream().filter(Send.class::isInstance).map(Send.class::cast).toList();
    }
}
