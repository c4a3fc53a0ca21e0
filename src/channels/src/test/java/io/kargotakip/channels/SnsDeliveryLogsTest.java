package io.kargotakip.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kargotakip.core.channel.DeliveryUpdate;
import io.kargotakip.core.channel.DeliveryUpdate.Kind;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SNS's delivery status records of SMS and push, the samples of the SNS developer guide (test resources {@code sns-delivery-logs/}). */
class SnsDeliveryLogsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode sample(String name) throws IOException {
        try (InputStream in = SnsDeliveryLogsTest.class.getResourceAsStream("/sns-delivery-logs/" + name)) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    @Test
    void a_success_is_the_sms_delivered_when_the_phone_acknowledged_it() throws IOException {
        DeliveryUpdate update = SnsDeliveryLogs.read(sample("sms-success.json")).orElseThrow();

        assertThat(update.channel()).isEqualTo("sms");
        assertThat(update.notificationId()).as("SNS carries no id of ours: found by its message id").isNull();
        assertThat(update.providerMessageId()).isEqualTo("34d9b400-c6dd-5444-820d-fbeb0f1f54cf");
        assertThat(update.kind()).isEqualTo(Kind.DELIVERED);
        assertThat(update.detail()).isNull();
        // 00:40:34.558 UTC when SNS took it, acknowledged by the phone 1,344 ms later
        assertThat(update.at()).isEqualTo(Instant.parse("2016-06-28T00:40:35.902Z"));
        assertThat(update.recipients()).containsExactly("+1XXX5550100");
        assertThat(update.toString()).doesNotContain("5550100");
    }

    @Test
    void a_failure_is_recorded_with_snss_reason_and_keeps_the_number_usable() throws IOException {
        DeliveryUpdate update = SnsDeliveryLogs.read(sample("sms-failure.json")).orElseThrow();

        assertThat(update.kind()).isEqualTo(Kind.FAILED);
        assertThat(update.kind().suppresses()).isFalse();
        assertThat(update.detail()).isEqualTo("Unknown error attempting to reach phone");
        assertThat(update.providerMessageId()).isEqualTo("1077257a-92f3-5ca3-bc97-6a915b310625");
    }

    @Test
    void a_number_that_can_never_take_an_sms_is_suppressed_like_a_bounced_address() throws IOException {
        for (String response : new String[]{"Phone number is opted out", "Invalid phone number", "Phone has blocked SMS",
                "Phone is on a blocked list", "Destination is on a blocked list"}) {
            ObjectNode record = sample("sms-failure.json");
            ((ObjectNode) record.path("delivery")).put("providerResponse", response);
            DeliveryUpdate update = SnsDeliveryLogs.read(record).orElseThrow();
            assertThat(update.kind()).as(response).isEqualTo(Kind.BOUNCED);
            assertThat(update.kind().suppresses()).isTrue();
            assertThat(update.detail()).isEqualTo(response);
        }
        ObjectNode unreachable = sample("sms-failure.json");
        ((ObjectNode) unreachable.path("delivery")).put("providerResponse", "Phone is currently unreachable/unavailable");
        assertThat(SnsDeliveryLogs.read(unreachable).orElseThrow().kind()).as("worth a later message").isEqualTo(Kind.FAILED);
    }

    @Test
    void a_two_digit_fraction_and_a_missing_device_ack_still_give_a_time() throws IOException {
        ObjectNode record = sample("sms-success.json");
        ((ObjectNode) record.path("notification")).put("timestamp", "2026-12-01 09:00:00.54");
        ((ObjectNode) record.path("delivery")).remove("dwellTimeMsUntilDeviceAck");
        assertThat(SnsDeliveryLogs.read(record).orElseThrow().at()).isEqualTo(Instant.parse("2026-12-01T09:00:01.139Z"));
        ((ObjectNode) record.path("notification")).put("timestamp", "yesterday");
        assertThat(SnsDeliveryLogs.read(record).orElseThrow().at()).as("the feedback's own clock then").isNull();
    }

    @Test
    void a_push_the_platform_took_is_delivered_and_one_it_refused_failed_with_its_answer_suppressing_nothing() throws IOException {
        DeliveryUpdate delivered = SnsDeliveryLogs.read(sample("push-success.json")).orElseThrow();
        assertThat(delivered.channel()).isEqualTo("push");
        assertThat(delivered.providerMessageId()).isEqualTo("9655abe4-6ed6-5734-89f7-e6a6a42de02a");
        assertThat(delivered.kind()).isEqualTo(Kind.DELIVERED);
        assertThat(delivered.at()).as("23:07:39.54 plus 65 ms").isEqualTo(Instant.parse("2015-01-26T23:07:39.605Z"));
        assertThat(delivered.recipients()).containsExactly("arn:aws:sns:us-east-2:111122223333:endpoint/FCM/FCMPushApp/c23e42de-3699-3639-84dd-65f84474629d");

        DeliveryUpdate failed = SnsDeliveryLogs.read(sample("push-failure.json")).orElseThrow();
        assertThat(failed.kind()).isEqualTo(Kind.FAILED);
        assertThat(failed.kind().suppresses()).as("SNS disables the endpoint; the next publish removes the device").isFalse();
        assertThat(failed.detail()).isEqualTo("HTTP 8 NotificationErrorResponse(command=8, status=InvalidToken, id=1, cause=null)");
    }

    @Test
    void a_topics_record_is_no_message_of_ours() throws IOException {
        ObjectNode record = sample("sms-success.json");
        ((ObjectNode) record.path("delivery")).put("destination", "arn:aws:sns:us-east-2:111122223333:some-topic");
        assertThat(SnsDeliveryLogs.read(record)).isEmpty();
    }

    @Test
    void the_channel_events_queue_tells_an_sms_record_from_an_ses_event_by_its_shape() throws IOException {
        assertThat(ChannelEvents.read(sample("sms-success.json").toString()).orElseThrow().channel()).isEqualTo("sms");
        try (InputStream in = getClass().getResourceAsStream("/ses-events/ses-event-delivery.json")) {
            JsonNode ses = JSON.readTree(in);
            assertThat(ChannelEvents.read(ses.toString()).orElseThrow().channel()).isEqualTo("email");
        }
        ObjectNode odd = sample("sms-success.json");
        odd.put("status", "PENDING");
        assertThatThrownBy(() -> ChannelEvents.read(odd.toString())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SNS delivery status is neither SUCCESS nor FAILURE");
        assertThatThrownBy(() -> ChannelEvents.read("not json")).isInstanceOf(IllegalArgumentException.class);
    }
}
