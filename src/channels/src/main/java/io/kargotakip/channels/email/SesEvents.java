package io.kargotakip.channels.email;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kargotakip.core.channel.DeliveryUpdate;
import io.kargotakip.core.channel.DeliveryUpdate.Kind;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads SES's event-publishing records as the configuration set's SNS destination delivers them to our queue: the SNS
 * envelope ({@code Type: Notification}, the record as the escaped {@code Message} string) or, with raw delivery, the
 * record itself ({@code eventType}, {@code mail}, and the event's object). The notification it is about is the
 * {@code notification} tag {@link SesEmailChannel} sends with every mail; the recipients are the event's own
 * (bounced, complained) or the mail's destination.
 */
public final class SesEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SesEvents() {
    }

    /**
     * @return the update, or empty for a record that tells nothing of a message's fate (a subscription change, an SNS
     *         subscription confirmation)
     * @throws IllegalArgumentException when the body is not an SES event record (the message then fails alone)
     */
    public static Optional<DeliveryUpdate> read(String body) {
        return read(parse(body));
    }

    /** A channel event's body as JSON. */
    public static JsonNode parse(String body) {
        JsonNode root;
        try {
            root = body == null ? null : JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("channel event is not JSON"); // the body is not quoted: it holds addresses
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("channel event is not a JSON object");
        }
        return root;
    }

    /** As {@link #read(String)}, of a body already parsed. */
    public static Optional<DeliveryUpdate> read(JsonNode root) {
        if (root.path("Type").isTextual()) {
            if (!"Notification".equals(root.get("Type").asText())) {
                return Optional.empty(); // SubscriptionConfirmation and the like: CloudFormation confirmed the subscription
            }
            try {
                root = JSON.readTree(root.path("Message").asText(""));
            } catch (JacksonException e) {
                throw new IllegalArgumentException("SNS message is not an SES event record");
            }
        }
        String type = root == null ? null : text(root, "eventType");
        if (type == null) {
            throw new IllegalArgumentException("SES event record has no eventType");
        }
        JsonNode mail = root.path("mail");
        String messageId = text(mail, "messageId");
        String notificationId = mail.path("tags").path(SesEmailChannel.NOTIFICATION_TAG).path(0).asText(null);
        List<String> destination = strings(mail.path("destination"), null);
        return switch (type) {
            case "Send" -> update(notificationId, messageId, Kind.ACCEPTED, at(mail, "timestamp"), destination, null);
            case "Delivery" -> update(notificationId, messageId, Kind.DELIVERED, at(root.path("delivery"), "timestamp"),
                    strings(root.path("delivery").path("recipients"), null), null);
            case "DeliveryDelay" -> update(notificationId, messageId, Kind.DELAYED, at(root.path("deliveryDelay"), "timestamp"),
                    strings(root.path("deliveryDelay").path("delayedRecipients"), "emailAddress"), text(root.path("deliveryDelay"), "delayType"));
            case "Open" -> update(notificationId, messageId, Kind.OPENED, at(root.path("open"), "timestamp"), destination, null);
            case "Click" -> update(notificationId, messageId, Kind.CLICKED, at(root.path("click"), "timestamp"), destination, null);
            case "Bounce" -> {
                JsonNode bounce = root.path("bounce");
                // only Permanent bounces are for good; Transient (SES stopped retrying) and Undetermined may pass later
                Kind kind = "Permanent".equals(text(bounce, "bounceType")) ? Kind.BOUNCED : Kind.SOFT_BOUNCED;
                yield update(notificationId, messageId, kind, at(bounce, "timestamp"), strings(bounce.path("bouncedRecipients"), "emailAddress"),
                        text(bounce, "bounceType") + "/" + text(bounce, "bounceSubType"));
            }
            case "Complaint" -> update(notificationId, messageId, Kind.COMPLAINED, at(root.path("complaint"), "timestamp"),
                    strings(root.path("complaint").path("complainedRecipients"), "emailAddress"), text(root.path("complaint"), "complaintFeedbackType"));
            case "Reject" -> update(notificationId, messageId, Kind.REJECTED, at(mail, "timestamp"), destination, text(root.path("reject"), "reason"));
            case "Rendering Failure" -> update(notificationId, messageId, Kind.FAILED, at(mail, "timestamp"), destination, "rendering failure");
            default -> Optional.empty(); // Subscription (list management, which transactional mail does not use), and types to come
        };
    }

    private static Optional<DeliveryUpdate> update(String notificationId, String messageId, Kind kind, Instant at, List<String> recipients,
                                                   String detail) {
        return Optional.of(new DeliveryUpdate(SesEmailChannel.ID, notificationId, messageId, kind, at, recipients, detail));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }

    private static Instant at(JsonNode node, String field) {
        String value = text(node, field);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A list of strings, or of objects whose {@code field} is one. */
    private static List<String> strings(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : array) {
            JsonNode value = field == null ? item : item.path(field);
            if (value.isTextual() && !value.asText().isBlank()) {
                values.add(value.asText().trim());
            }
        }
        return values;
    }
}
