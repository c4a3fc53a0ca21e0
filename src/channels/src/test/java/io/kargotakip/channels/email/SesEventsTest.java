package io.kargotakip.channels.email;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kargotakip.core.channel.DeliveryUpdate;
import io.kargotakip.core.channel.DeliveryUpdate.Kind;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SES's event-publishing records, the samples of the SES developer guide (test resources {@code ses-events/}), read as
 * our queue receives them: inside the SNS envelope, and raw.
 */
class SesEventsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A sample with our notification tag added, as SesEmailChannel tags every mail. */
    static String record(String sample, String notificationId) throws IOException {
        try (InputStream in = SesEventsTest.class.getResourceAsStream("/ses-events/" + sample)) {
            ObjectNode root = (ObjectNode) JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (notificationId != null) {
                ((ObjectNode) root.path("mail").path("tags")).putArray(SesEmailChannel.NOTIFICATION_TAG).add(notificationId);
            }
            return root.toString();
        }
    }

    /** The SNS envelope of the published sample, its Message the record. */
    static String inSns(String record) throws IOException {
        try (InputStream in = SesEventsTest.class.getResourceAsStream("/ses-events/sns-http-notification-envelope.json")) {
            ObjectNode envelope = (ObjectNode) JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            envelope.put("Message", record);
            return envelope.toString();
        }
    }

    @Test
    void a_permanent_bounce_names_the_notification_the_address_and_why() throws IOException {
        DeliveryUpdate update = SesEvents.read(inSns(record("ses-event-bounce.json", "n-0123456789abcdef0123456789abcdef"))).orElseThrow();

        assertThat(update.channel()).isEqualTo("email");
        assertThat(update.notificationId()).isEqualTo("n-0123456789abcdef0123456789abcdef");
        assertThat(update.providerMessageId()).isEqualTo("EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000");
        assertThat(update.kind()).isEqualTo(Kind.BOUNCED);
        assertThat(update.kind().suppresses()).isTrue();
        assertThat(update.recipients()).containsExactly("recipient@example.com");
        assertThat(update.detail()).isEqualTo("Permanent/General");
        assertThat(update.at()).isEqualTo(Instant.parse("2017-08-05T00:41:02.669Z"));
        assertThat(update.toString()).doesNotContain("recipient@example.com");
    }

    @Test
    void every_published_event_type_is_read_raw_or_in_the_envelope() throws IOException {
        assertThat(kind("ses-event-send.json")).isEqualTo(Kind.ACCEPTED);
        assertThat(kind("ses-event-delivery.json")).isEqualTo(Kind.DELIVERED);
        assertThat(kind("ses-event-deliverydelay.json")).isEqualTo(Kind.DELAYED);
        assertThat(kind("ses-event-open.json")).isEqualTo(Kind.OPENED);
        assertThat(kind("ses-event-click.json")).isEqualTo(Kind.CLICKED);
        assertThat(kind("ses-event-complaint.json")).isEqualTo(Kind.COMPLAINED);
        assertThat(kind("ses-event-reject.json")).isEqualTo(Kind.REJECTED);
        assertThat(kind("ses-event-rendering-failure.json")).isEqualTo(Kind.FAILED);
        assertThat(SesEvents.read(record("ses-event-subscription.json", null))).as("list management: not a message's fate").isEmpty();
        assertThat(SesEvents.read(record("ses-event-click.json", "n-1"))).map(DeliveryUpdate::kind).contains(Kind.CLICKED);
    }

    @Test
    void an_open_is_counted_but_only_a_click_means_the_customer_saw_it() throws IOException {
        assertThat(kind("ses-event-open.json").engages()).isFalse();
        assertThat(kind("ses-event-click.json").engages()).isTrue();
    }

    @Test
    void a_complaint_names_the_complaining_address_and_the_feedback_type() throws IOException {
        DeliveryUpdate update = SesEvents.read(record("ses-event-complaint.json", "n-2")).orElseThrow();
        assertThat(update.recipients()).isNotEmpty();
        assertThat(update.kind().suppresses()).isTrue();
    }

    @Test
    void a_subscription_confirmation_is_nothing_and_what_is_not_an_event_is_refused_without_quoting_it() {
        assertThat(SesEvents.read("{\"Type\":\"SubscriptionConfirmation\",\"Message\":\"You have chosen to subscribe\"}")).isEmpty();
        assertThatThrownBy(() -> SesEvents.read("ayse@example.com is not json")).hasMessage("channel event is not JSON");
        assertThatThrownBy(() -> SesEvents.read("{\"mail\":{}}")).hasMessage("SES event record has no eventType");
    }

    private static Kind kind(String sample) throws IOException {
        Kind raw = SesEvents.read(record(sample, "n-x")).orElseThrow().kind();
        assertThat(SesEvents.read(inSns(record(sample, "n-x"))).orElseThrow().kind()).isEqualTo(raw);
        return raw;
    }
}
