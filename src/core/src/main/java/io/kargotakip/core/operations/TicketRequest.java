package io.kargotakip.core.operations;

import io.kargotakip.core.rules.Action;

import java.util.List;
import java.util.Objects;

/**
 * A support ticket to open. Subject and body carry ids, statuses and order numbers; the requester (the customer the
 * ticket is about, so the agent can answer them) is the only personal data, and goes only to the helpdesk:
 * {@link #toString()} leaves it out, so a logged request never shows it.
 *
 * @param externalId     the occurrence key the ticket is about: a helpdesk that finds tickets by it (Zendesk's
 *                       {@code external_id}) answers a retry with the ticket it already opened
 * @param priority       {@code low}, {@code normal}, {@code high} or {@code urgent}
 * @param requesterName  the customer's name, or null
 * @param requesterEmail the customer's e-mail address, or null (a helpdesk that needs one refuses the ticket)
 * @param tags           the helpdesk's tags (letters, digits, {@code _ - :}), e.g. the rule's id
 */
public record TicketRequest(String externalId, String subject, String body, String priority, String requesterName,
                            String requesterEmail, List<String> tags) {

    public TicketRequest {
        if (externalId == null || externalId.isBlank()) {
            throw new IllegalArgumentException("a ticket needs its occurrence key as external id");
        }
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("a ticket needs a subject");
        }
        body = body == null ? "" : body;
        priority = priority == null ? "normal" : priority;
        if (!Action.PRIORITIES.contains(priority)) {
            throw new IllegalArgumentException("ticket priority '" + priority + "' is not one of " + String.join(", ", Action.PRIORITIES));
        }
        tags = tags == null ? List.of() : List.copyOf(tags);
        tags.forEach(t -> Objects.requireNonNull(t, "a ticket tag is null"));
    }

    /** Without the requester: what may go to a log. */
    @Override
    public String toString() {
        return "TicketRequest[externalId=" + externalId + ", subject=" + subject + ", priority=" + priority + ", tags=" + tags + "]";
    }
}
