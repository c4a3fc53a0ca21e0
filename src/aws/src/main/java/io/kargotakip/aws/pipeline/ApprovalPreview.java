package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.core.channel.MessageForm.EmailForm;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.template.MessageComposer;

import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A waiting message as its customer would get it over its channel, for operations to read before they approve it:
 * rendered by the sender's {@link MessageComposer} from the same templates, with the note, links and code it has now.
 * The e-mail form is what the e-mail channel sends (subject, text, HTML); another channel's is its own templates'
 * title and text as written, before the channel's own changes (the SMS alphabet, WhatsApp's approved template outside
 * the service window). It names the customer by first name, as the templates do, and holds no contact.
 */
public final class ApprovalPreview {

    /** @param subject the e-mail's subject or a push's title; null for a channel without one */
    public record Preview(String notificationId, String channel, String locale, String subject, String text, String html) {
    }

    private final NotificationRepository notifications;
    private final Function<String, Optional<Order>> orders;
    private final MessageComposer composer;

    public ApprovalPreview(NotificationRepository notifications, Function<String, Optional<Order>> orders, MessageComposer composer) {
        this.notifications = notifications;
        this.orders = orders;
        this.composer = composer;
    }

    /**
     * @return empty when the message does not wait for approval
     * @throws NoSuchElementException when its order is not stored (erased at the customer's request)
     */
    public Optional<Preview> of(String notificationId) {
        Optional<NotificationRepository.Proposal> proposal = notifications.proposal(notificationId);
        if (proposal.isEmpty()) {
            return Optional.empty();
        }
        NotificationIntent intent = proposal.get().notification().intent();
        Order order = Optional.ofNullable(intent.orderId()).flatMap(orders)
                .orElseThrow(() -> new NoSuchElementException("the order " + intent.orderId() + " of message " + notificationId + " is not stored"));
        AtomicReference<String> locale = new AtomicReference<>();
        EmailForm form = composer.compose(intent, order, context -> {
            locale.set(context.locale());
            return EmailForm.render(context);
        }, "").content();
        return Optional.of(new Preview(notificationId, intent.channel(), locale.get(), form.subject(), form.text().strip(), form.html()));
    }
}
