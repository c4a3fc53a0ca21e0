package io.kargotakip.core.support;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a support ticket's life that the KPIs measure: it was opened, an agent answered it in public for the
 * first time, it was solved. Every later agent reply also arrives as {@link Step#FIRST_RESPONSE}; the analytics record's
 * id is the ticket and the step alone, so the KPI SQL keeps the earliest.
 *
 * @param at when it happened at the helpdesk (the payload's time), not when it reached us
 */
public record TicketEvent(SupportTicket ticket, Step step, Instant at) {

    public enum Step {
        CREATED, FIRST_RESPONSE, SOLVED;

        /** The name in the payloads and the analytics records: {@code created}, {@code first_response}, {@code solved}. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Step> fromWire(String wire) {
            if (wire == null) {
                return Optional.empty();
            }
            for (Step s : values()) {
                if (s.wire().equals(wire.strip().toLowerCase(Locale.ROOT))) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    public TicketEvent {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(at, "at");
    }
}
