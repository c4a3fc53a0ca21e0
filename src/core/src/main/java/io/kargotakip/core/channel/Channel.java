package io.kargotakip.core.channel;

/**
 * A way to reach a customer (e-mail, SMS, WhatsApp, push, web push). Channels are plain classes
 * that get their provider client from the caller, so each one is tested against its emulator or stub.
 */
public interface Channel {

    /** Stable id used in rules, consent and delivery state: {@code email}, {@code sms}, ... */
    String id();

    /** Sends one message; the receipt carries the provider's message id. */
    DeliveryReceipt send(OutboundMessage message) throws ChannelException;
}
