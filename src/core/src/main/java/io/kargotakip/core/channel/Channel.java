package io.kargotakip.core.channel;

/**
 * A way to reach a customer (e-mail, SMS, WhatsApp, push, web push), as a plug-in: it names itself, the contact it
 * sends to and renders its own message form. Channels are plain classes that get their provider client from the
 * caller (only the sender function builds them), so each one is tested against its emulator or stub.
 *
 * @param <F> the form this channel sends
 */
public interface Channel<F extends MessageForm> {

    /** Stable id used in rules, consent and delivery state: {@code email}, {@code sms}, ... */
    String id();

    /** Which of the customer's contacts this channel sends to. */
    ContactKind contactKind();

    /**
     * Renders one message in this channel's form from the channel's templates.
     *
     * @throws IllegalStateException when a template is missing or names an unknown placeholder
     */
    F render(RenderContext context);

    /** Sends one message; the receipt carries the provider's message id. */
    DeliveryReceipt send(OutboundMessage<F> message) throws ChannelException;
}
