package io.kargotakip.core.operations;

import java.util.Set;

/**
 * Where the rules reach the merchant's people rather than the customer: an alert to operations (e-mail, a chat
 * webhook) and a support ticket in the merchant's helpdesk. The rule engine decides ({@code Decision.Alert},
 * {@code Decision.Ticket}); the pipeline turns a decision into a request and calls this. Implementations live with
 * the channels; a destination the merchant has not configured is left out when they are built, and asking for it
 * is not an error (see {@link #destinations()}).
 */
public interface Operations {

    /** A destination name, as {@link #destinations()} lists it. */
    String EMAIL = "email";
    String WEBHOOK = "webhook";
    String HELPDESK = "helpdesk";

    /**
     * Opens a ticket in the configured helpdesk.
     *
     * @return the helpdesk's id of the ticket; null when no helpdesk is configured (nothing was sent)
     * @throws OperationsException retryable (the helpdesk is down, throttles, timed out) or not (it refused the ticket)
     */
    String openTicket(TicketRequest request) throws OperationsException;

    /**
     * Sends the alert to each of its targets that is configured; targets that are not are skipped.
     *
     * @throws OperationsException when a target failed, naming the ones that did ({@link OperationsException#targets()}),
     *                             so a retry can go to those only; the others have received it
     */
    void alert(AlertRequest request) throws OperationsException;

    /** The configured destinations among {@link #EMAIL}, {@link #WEBHOOK} and {@link #HELPDESK}. */
    Set<String> destinations();

    /** Operations with nothing configured: tickets and alerts go nowhere (a merchant who set none up). */
    Operations NONE = new Operations() {
        @Override
        public String openTicket(TicketRequest request) {
            return null;
        }

        @Override
        public void alert(AlertRequest request) {
        }

        @Override
        public Set<String> destinations() {
            return Set.of();
        }
    };
}
