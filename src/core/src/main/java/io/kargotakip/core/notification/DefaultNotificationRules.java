package io.kargotakip.core.notification;

import io.kargotakip.core.order.Order;
import io.kargotakip.core.shipment.TrackingStatus;

import java.util.List;
import java.util.Optional;

/**
 * The brief's five messages, by e-mail (the fallback chain takes them on from there): shipped (label created or first scan in transit), out for
 * delivery, delivered, failed attempt and delayed. Other statuses tell the customer nothing yet.
 */
public final class DefaultNotificationRules implements NotificationRules {

    public static final String EMAIL = "email";

    @Override
    public List<NotificationIntent> decide(StatusChange change, Order order) {
        Optional<MessageKind> kind = kindFor(change);
        // a customer without an e-mail address still gets it: the e-mail is suppressed for want of one and the
        // fallback chain brings its next channel forward (an SMS-only customer gets the SMS at once)
        if (kind.isEmpty() || order == null || order.customer() == null || order.customer().contacts().isEmpty()) {
            return List.of();
        }
        return List.of(NotificationIntent.of(change, kind.get(), EMAIL));
    }

    static Optional<MessageKind> kindFor(StatusChange change) {
        TrackingStatus status = change.status();
        return switch (status) {
            case LABEL_CREATED, IN_TRANSIT -> Optional.of(MessageKind.SHIPPED);
            case OUT_FOR_DELIVERY -> Optional.of(MessageKind.OUT_FOR_DELIVERY);
            case DELIVERED -> Optional.of(MessageKind.DELIVERED);
            case FAILED_ATTEMPT -> Optional.of(MessageKind.FAILED_ATTEMPT);
            case DELAYED -> Optional.of(MessageKind.DELAYED);
            default -> Optional.empty();
        };
    }
}
