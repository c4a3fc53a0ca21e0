package io.kargotakip.core.notification;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a message asks its customer, answered on a page its tracked link leads to: the cash-on-delivery confirmation
 * of the delivery morning ({@code odeme-teyit}) and the address confirmation ({@code adres-teyit}). Each has a closed
 * list of answers; those that need people (the customer does not want the delivery, the address is wrong) alert
 * operations.
 */
public enum Question {

    COD_CONFIRMATION("odeme-teyit", "cod_confirmation", List.of("confirmed", "declined"), Set.of("declined")),
    ADDRESS_CONFIRMATION("adres-teyit", "address_confirmation", List.of("confirmed", "wrong_address"), Set.of("wrong_address"));

    private final String action;
    private final String offer;
    private final List<String> answers;
    private final Set<String> alerting;

    Question(String action, String offer, List<String> answers, Set<String> alerting) {
        this.action = action;
        this.offer = offer;
        this.answers = answers;
        this.alerting = alerting;
    }

    /** The tracked link's action that asks it ({@code /c/<token>/odeme-teyit}), also the answer page's. */
    public String action() {
        return action;
    }

    /** The rule's {@code offer:} that puts its link in a message, and the question's name in records. */
    public String offer() {
        return offer;
    }

    /** The answers it takes, in the order the page shows them (the first confirms). */
    public List<String> answers() {
        return answers;
    }

    /** Whether this answer needs operations: a declined delivery, a wrong address. */
    public boolean alerts(String answer) {
        return alerting.contains(answer);
    }

    public static Optional<Question> ofAction(String action) {
        return Arrays.stream(values()).filter(q -> q.action.equals(action)).findFirst();
    }

    public static Optional<Question> ofOffer(String offer) {
        return Arrays.stream(values()).filter(q -> q.offer.equals(offer)).findFirst();
    }
}
