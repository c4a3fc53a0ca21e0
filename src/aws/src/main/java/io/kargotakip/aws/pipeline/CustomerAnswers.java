package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.store.AnswerLog;
import io.kargotakip.aws.store.EventLog;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.Question;
import io.kargotakip.core.operations.AlertRequest;
import io.kargotakip.core.operations.Operations;
import io.kargotakip.core.operations.OperationsException;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.template.Links;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The customers' answers to their messages' questions ({@link Question}): a tracked link of {@code odeme-teyit} or
 * {@code adres-teyit} leads to a page that asks, and the page's form posts the answer here. The first answer of a
 * message occurrence is recorded ({@link AnswerLog}) and stands; an answer that needs people (a declined COD delivery, a
 * wrong address) alerts operations once per occurrence (an {@code action|…} record, as the rules' alerts). Whose link it
 * is comes from the link's signed token, never from the request.
 */
public final class CustomerAnswers {

    private static final Logger LOG = Logger.getLogger(CustomerAnswers.class);

    /**
     * A question a link asks: the message it came with, its order, and the answer recorded already, if any.
     *
     * @param token the tracked link's token ({@code <notificationId>.<signature>})
     */
    public record Asked(String token, Question question, NotificationRepository.Stored notification, Order order,
                        Optional<AnswerLog.Answer> answered) {

        /** The message occurrence the answer belongs to: the rule's key, else the notification's own id. */
        public String occurrenceKey() {
            NotificationIntent.Details details = notification.intent().details();
            return details != null && details.occurrenceKey() != null ? details.occurrenceKey()
                    : "notification:" + notification.intent().notificationId();
        }
    }

    private final Links links;
    private final NotificationRepository notifications;
    private final OrderRepository orders;
    private final AnswerLog answers;
    private final EventLog actions;
    private final Operations operations;
    private final Metrics metrics;
    private final Clock clock;

    public CustomerAnswers(Links links, NotificationRepository notifications, OrderRepository orders, AnswerLog answers, EventLog actions,
                           Operations operations, Metrics metrics, Clock clock) {
        this.links = links;
        this.notifications = notifications;
        this.orders = orders;
        this.answers = answers;
        this.actions = actions;
        this.operations = operations;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * What the link of {@code token} asks on its {@code action} page. Empty for a token this brand did not sign (an
     * opt-out or pixel token is not a click), an action that asks nothing, or a message or order no longer stored:
     * the caller answers all of them alike.
     */
    public Optional<Asked> asked(String token, String action) {
        Optional<Question> question = Question.ofAction(action);
        Optional<String> id = question.isEmpty() ? Optional.empty() : links.clickNotification(token);
        Optional<NotificationRepository.Stored> notification = id.flatMap(notifications::find);
        Optional<Order> order = notification.map(n -> n.intent().orderId()).flatMap(orders::find);
        if (order.isEmpty()) {
            metrics.count("AnswerLinksUnknown");
            return Optional.empty();
        }
        Asked asked = new Asked(token, question.get(), notification.get(), order.get(), Optional.empty());
        return Optional.of(new Asked(token, asked.question(), asked.notification(), asked.order(),
                answers.find(AnswerLog.key(asked.occurrenceKey(), asked.question().offer()))));
    }

    /**
     * Records {@code answer} (one of the question's, which the caller checked) unless the occurrence has one, and
     * alerts operations for an answer that needs them. A destination that fails is logged; the record stays, and the
     * same answer posted again tries the alert again (it is marked done only once it went).
     */
    public AnswerLog.Recorded answer(Asked asked, String answer) {
        if (!asked.question().answers().contains(answer)) {
            throw new IllegalArgumentException("not an answer to " + asked.question().offer() + ": " + answer);
        }
        Instant now = clock.instant();
        NotificationIntent intent = asked.notification().intent();
        AnswerLog.Recorded recorded = answers.record(new AnswerLog.Answer(asked.occurrenceKey(), asked.question().offer(), answer, now,
                intent.channel(), intent.notificationId(), intent.kind().templateName(), intent.orderId(), intent.shipmentId().toString()), now);
        if (recorded instanceof AnswerLog.Recorded.First) {
            metrics.count(metric(asked.question(), answer));
            LOG.infof("notification %s: %s answered %s over %s", intent.notificationId(), asked.question().offer(), answer, intent.channel());
        } else if (recorded instanceof AnswerLog.Recorded.Again) {
            metrics.count("AnswersRepeated");
        } else {
            metrics.count("AnswersChangeRefused");
            LOG.infof("notification %s: %s answered %s after %s; the first answer stands", intent.notificationId(),
                    asked.question().offer(), answer, recorded.answer().answer());
        }
        if (!(recorded instanceof AnswerLog.Recorded.Stands) && asked.question().alerts(answer)) {
            alert(asked, recorded.answer(), now);
        }
        return recorded;
    }

    /** {@code CodConfirmed}, {@code CodDeclined}, {@code AddressConfirmed}, {@code AddressWrong}. */
    static String metric(Question question, String answer) {
        String prefix = question == Question.COD_CONFIRMATION ? "Cod" : "Address";
        return prefix + switch (answer) {
            case "confirmed" -> "Confirmed";
            case "declined" -> "Declined";
            case "wrong_address" -> "Wrong";
            default -> "Answered";
        };
    }

    private void alert(Asked asked, AnswerLog.Answer answer, Instant now) {
        String key = asked.occurrenceKey() + "/answer/" + asked.question().offer();
        if (!actions.beginAction(key, now)) {
            return;
        }
        NotificationIntent intent = asked.notification().intent();
        Order order = asked.order();
        String what = asked.question() == Question.COD_CONFIRMATION ? "the customer does not want today's cash-on-delivery delivery"
                : "the customer says the delivery address is wrong";
        String text = "Kargo Takip: " + what + "\norder " + (order.orderNo() == null ? order.orderId() : order.orderNo() + " (" + order.orderId() + ")")
                + ", shipment " + intent.shipmentId() + ", message " + intent.kind().templateName() + " over " + answer.channel()
                + ", notification " + answer.notificationId() + ", answer " + answer.answer() + " at " + answer.answeredAt();
        try {
            operations.alert(new AlertRequest(key, text, Set.of(Operations.EMAIL, Operations.WEBHOOK)));
            actions.completeAction(key, "alerted");
            metrics.count("AnswerAlerts");
        } catch (OperationsException e) {
            // the answer is recorded; the action stays open, so the same answer posted again raises it again
            metrics.count("AnswerAlertsFailed");
            LOG.errorf("operations alert: the %s answer %s of notification %s could not be told (%s): %s", asked.question().offer(),
                    answer.answer(), answer.notificationId(), e.retryable() ? "retryable" : "refused", e.getMessage());
        }
    }

    /**
     * The answers to the messages of an order's shipments, oldest first; empty when no such order is stored. An answer
     * is found through its message occurrence (the notifications' {@code by-shipment} index), so one to a message
     * stored without its rule's details is kept but not listed.
     */
    public Optional<List<AnswerLog.Answer>> ofOrder(String orderId) {
        Optional<Order> order = orders.find(orderId);
        if (order.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ofShipments(order.get().shipments()));
    }

    /** The answers to the messages of these shipments, oldest first (the tracking page shows a parcel's). */
    public List<AnswerLog.Answer> ofShipments(List<ShipmentId> shipments) {
        Instant now = clock.instant();
        Set<String> keys = new LinkedHashSet<>();
        for (ShipmentId shipment : shipments) {
            notifications.ofShipment(shipment, now).stream().map(m -> m.occurrenceKey()).filter(k -> k != null && !k.isBlank())
                    .forEach(k -> keys.addAll(AnswerLog.keysOf(k)));
        }
        List<AnswerLog.Answer> found = new ArrayList<>(answers.findAll(keys, now));
        found.sort(Comparator.comparing(AnswerLog.Answer::answeredAt));
        return found;
    }
}
