package io.kargotakip.channels;

import com.fasterxml.jackson.databind.JsonNode;
import io.kargotakip.channels.email.SesEvents;
import io.kargotakip.core.channel.DeliveryUpdate;

import java.util.Optional;

/**
 * What arrives on the channel-events queue, by its shape: SES's event records (through SNS) and SNS's SMS delivery
 * status records (forwarded from CloudWatch Logs by the delivery-logs function).
 */
public final class ChannelEvents {

    private ChannelEvents() {
    }

    /**
     * @return the update, or empty for a record that tells nothing of a message's fate
     * @throws IllegalArgumentException when the body is none of them (the message then fails alone)
     */
    public static Optional<DeliveryUpdate> read(String body) {
        JsonNode root = SesEvents.parse(body);
        return SnsDeliveryLogs.isDeliveryLog(root) ? SnsDeliveryLogs.read(root) : SesEvents.read(root);
    }
}
