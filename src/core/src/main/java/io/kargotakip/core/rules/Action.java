package io.kargotakip.core.rules;

import io.kargotakip.core.notification.FallbackChain;

import java.time.LocalTime;
import java.util.List;
import java.util.Set;

/** One action of a rule's {@code then}, as the file states it; the engine resolves it against a context. */
public sealed interface Action {

    /**
     * Send a message kind over a channel chain.
     *
     * @param chain    the rule's own chain, null for the rules file's (else the brand's) chain
     * @param discount whether the message carries an apology discount (percent from {@code settings.discount})
     */
    record Send(String kind, FallbackChain chain, boolean discount) implements Action {
    }

    /** Alert operations: {@code targets} among {@code email}, {@code webhook} (the addresses are in the settings). */
    record Alert(Set<String> targets, String text) implements Action {
        public Alert {
            targets = Set.copyOf(targets);
        }
    }

    /** Open a helpdesk ticket; {@code format} null for the settings' helpdesk format. */
    record Ticket(String format, String priority, String subject) implements Action {
    }

    /** Offer action links in the rule's messages. */
    record Offer(List<String> links) implements Action {
        public Offer {
            links = List.copyOf(links);
        }
    }

    /** Hold the rule's messages until a local time of a day: {@code today}, {@code eta} (the delivery day) or {@code next_business_day}. */
    record DelayUntil(LocalTime time, String day) implements Action {
    }

    /** Tell the customer nothing for this change: the messages of every firing rule (of {@code kinds} only, when given) are dropped. */
    record Suppress(String reason, Set<String> kinds) implements Action {
        public Suppress {
            kinds = Set.copyOf(kinds);
        }
    }

    /** The action links a rule may offer. */
    List<String> LINKS = List.of("reschedule", "new_address", "address_confirmation", "cod_confirmation", "support",
            "nps_survey", "return_exchange");

    /** The days a {@code delay_until} may name. */
    List<String> DAYS = List.of("today", "eta", "next_business_day");

    /** The helpdesk formats a ticket is posted in. */
    List<String> HELPDESKS = List.of("generic", "zendesk", "freshdesk");

    List<String> PRIORITIES = List.of("low", "normal", "high", "urgent");
}
