package io.kargotakip.core.channel;

/** The provider accepted the message; {@code providerMessageId} matches its later delivery events. */
public record DeliveryReceipt(String providerMessageId) {
}
