package io.kargotakip.core.channel;

import java.time.Instant;
import java.util.List;

/**
 * What a provider tells of a message after it accepted it (SES's events, WhatsApp's statuses): delivered, opened,
 * clicked, bounced, complained. A message is found by our notification id when the provider carries it back (SES
 * returns the {@code notification} tag), else by the provider's message id.
 *
 * @param recipients the addresses concerned (personal data: never logged)
 * @param detail     the provider's short reason (a bounce's status code, a failure's error code), or null
 */
public record DeliveryUpdate(String channel, String notificationId, String providerMessageId, Kind kind, Instant at,
                             List<String> recipients, String detail) {

    public enum Kind {
        ACCEPTED, DELIVERED, DELAYED, OPENED, CLICKED, READ,
        /** The address does not exist or refused for good: never again. */
        BOUNCED,
        /** Bounced for now (full mailbox): SES already retried; a later message may arrive. */
        SOFT_BOUNCED,
        /** The customer marked it as spam: never again on this address. */
        COMPLAINED,
        REJECTED, FAILED;

        /** Whether the address must not be written to again. */
        public boolean suppresses() {
            return this == BOUNCED || this == COMPLAINED;
        }

        /**
         * Whether the customer has seen the message, so its fallbacks are not needed: a click or a read receipt; an
         * e-mail open alone is not (image proxies and privacy features open mail nobody read).
         */
        public boolean engages() {
            return this == CLICKED || this == READ;
        }
    }

    public DeliveryUpdate {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }

    @Override
    public String toString() {
        return "DeliveryUpdate[" + channel + " " + kind + " " + notificationId + "]"; // no recipients
    }
}
