package io.kargotakip.channels;

import com.fasterxml.jackson.databind.JsonNode;
import io.kargotakip.core.channel.DeliveryUpdate;
import io.kargotakip.core.channel.DeliveryUpdate.Kind;
import io.kargotakip.channels.push.SnsPushChannel;
import io.kargotakip.channels.sms.SnsSmsChannel;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the delivery status records SNS writes to CloudWatch Logs, which subscription filters forward to the
 * channel-events queue: for each SMS ({@code sns/<region>/<account>/DirectPublishToPhoneNumber} and its
 * {@code /Failure} group; the destination a phone number) and for each push to a platform endpoint
 * ({@code sns/<region>/<account>/app/<platform>/<application>} and its {@code /Failure}; the destination the
 * endpoint's ARN), one format. {@code notification.messageId} is the {@code MessageId} {@code Publish} answered (kept
 * as the notification's provider message id), {@code status} {@code SUCCESS} or {@code FAILURE}, and on failure
 * {@code delivery.providerResponse} says why (SNS's fixed sentences for SMS; FCM's or APNs' answer for push).
 */
public final class SnsDeliveryLogs {

    /**
     * The failures that say this number will never take our SMS (it does not exist, its owner opted out or blocked
     * SMS): the number is suppressed from then on, like a bounced address. Every other failure (unreachable now,
     * filtered by the carrier, over the price) is recorded but the number stays usable.
     */
    static final Set<String> PERMANENT = Set.of("Invalid phone number", "Phone number is opted out", "Phone has blocked SMS",
            "Phone is on a blocked list", "Destination is on a blocked list");

    /** {@code 2016-06-28 00:40:34.559}, UTC, with one to three digits of milliseconds ({@code 23:07:39.54}). */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.MILLI_OF_SECOND, 1, 3, true).optionalEnd().toFormatter();

    /** A platform endpoint's ARN: {@code arn:aws:sns:<region>:<account>:endpoint/<platform>/<application>/<id>}. */
    private static final java.util.regex.Pattern ENDPOINT = java.util.regex.Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:endpoint/.+");

    private SnsDeliveryLogs() {
    }

    /** A platform's answer can be long (FCM's JSON): the delivery history keeps its start. */
    private static String shorten(String response) {
        return response.length() <= 120 ? response : response.substring(0, 120) + "…";
    }

    /** Whether a channel event is one of these records (and not an SES event). */
    public static boolean isDeliveryLog(JsonNode record) {
        return record != null && record.path("notification").path("messageId").isTextual() && record.path("delivery").isObject()
                && record.path("status").isTextual();
    }

    /**
     * @return the update, or empty for a record of another destination (a topic's)
     * @throws IllegalArgumentException when the record lacks what every SMS record has
     */
    public static Optional<DeliveryUpdate> read(JsonNode record) {
        if (!isDeliveryLog(record)) {
            throw new IllegalArgumentException("not an SNS delivery status record");
        }
        JsonNode delivery = record.path("delivery");
        String destination = delivery.path("destination").asText("");
        boolean sms = destination.startsWith("+");
        if (!sms && !ENDPOINT.matcher(destination).matches()) {
            return Optional.empty(); // a topic's or an unknown destination's: no message of ours
        }
        String messageId = record.path("notification").path("messageId").asText();
        String response = delivery.path("providerResponse").isTextual() ? delivery.path("providerResponse").asText().strip() : null;
        Kind kind = switch (record.path("status").asText()) {
            // for push: the platform (FCM, APNs) took it; SNS disables an endpoint the platform calls invalid, and
            // the next publish to it removes the device (the sender's CONTACT_GONE), so a failure suppresses nothing
            case "SUCCESS" -> Kind.DELIVERED;
            case "FAILURE" -> sms && response != null && PERMANENT.contains(response) ? Kind.BOUNCED : Kind.FAILED;
            default -> throw new IllegalArgumentException("SNS delivery status is neither SUCCESS nor FAILURE");
        };
        String detail = kind == Kind.DELIVERED ? null : sms ? response
                : "HTTP " + delivery.path("statusCode").asText("?") + (response == null ? "" : " " + shorten(response));
        return Optional.of(new DeliveryUpdate(sms ? SnsSmsChannel.ID : SnsPushChannel.ID, null, messageId, kind, at(record),
                List.of(destination), detail));
    }

    /**
     * When the phone acknowledged it (or the carrier answered, for a failure): SNS's timestamp is when it took the
     * publish; the dwell times say how long after.
     */
    private static Instant at(JsonNode record) {
        Instant published;
        try {
            published = LocalDateTime.parse(record.path("notification").path("timestamp").asText(""), TIMESTAMP).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null; // the feedback's own clock then
        }
        JsonNode delivery = record.path("delivery");
        long dwell = delivery.path("dwellTimeMsUntilDeviceAck").canConvertToLong() ? delivery.path("dwellTimeMsUntilDeviceAck").asLong()
                : delivery.path("dwellTimeMs").asLong(0);
        return published.plusMillis(Math.max(0, dwell));
    }
}
