package io.kargotakip.functions.sender;

import io.kargotakip.aws.Json;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.testing.KargoStack;
import io.kargotakip.testing.KargoStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;

@QuarkusTest
@QuarkusTestResource(KargoStackResource.class)
class SenderFunctionTest {

    @Test
    void sends_a_notification_once_even_when_the_queue_delivers_it_twice() {
        KargoStack stack = KargoStackResource.stack();
        String email = "ayse+" + UUID.randomUUID() + "@example.com";
        NotificationIntent intent = storedIntent(stack, email, true, MessageKind.SHIPPED);
        String body = Json.write(new Envelope.OutboundMessage("trace-1", intent.notificationId()));

        invoke(sqsEvent(body, body));
        invoke(sqsEvent(body));

        var mails = stack.mailsTo(email);
        assertThat(mails).hasSize(1);
        var mail = mails.get(0);
        assertThat(mail.path("subject").asText()).isEqualTo("ModaX: siparişin kargoya verildi");
        assertThat(mail.path("from").asText()).contains("bildirim@modax.example");
        String text = mail.path("body").path("text").asText();
        // the tracked link of this message, which records the click on the way to the tracking page
        assertThat(text).startsWith("Ayşe, siparişin kargoya verildi. Takip: https://takip.modax.example/c/" + intent.notificationId() + ".");
        assertThat(text).contains("Kargo: UPS | Tahmini teslim: 3 Aralık 2026");
        assertThat(text).doesNotContain(email).contains("https://takip.modax.example/u/");
        assertThat(mail.path("body").path("html").asText()).contains("Kargomu takip et")
                .contains("<a href=\"https://takip.modax.example/c/" + intent.notificationId() + ".")
                .contains("<img src=\"https://takip.modax.example/o/" + intent.notificationId() + ".");
        var stored = notifications(stack).find(intent.notificationId()).orElseThrow();
        assertThat(stored.state()).isEqualTo(NotificationRepository.State.SENT);
        assertThat(stored.providerMessageId()).isNotBlank();
    }

    @Test
    void sends_an_sms_over_sns_to_the_customers_phone_without_a_link() {
        KargoStack stack = KargoStackResource.stack();
        String phone = "+90532" + (1_000_000 + new java.util.Random().nextInt(8_999_999));
        NotificationIntent intent = storedSmsIntent(stack, phone, true);

        invoke(sqsEvent(Json.write(new Envelope.OutboundMessage("trace-sms", intent.notificationId()))));

        var published = stack.emulators().snsSandbox().publishedTo(phone);
        assertThat(published).hasSize(1);
        var sms = published.get(0);
        assertThat(sms.message()).isEqualTo("ModaX: Siparisin UPS ile yolda. Takip no: " + intent.shipmentId().trackingNumber()
                + ". Tahmini teslim: 3 Aralik 2026. SMS almamak icin bize yaz.");
        assertThat(sms.attributes()).containsEntry("AWS.SNS.SMS.SMSType", "Transactional").containsEntry("AWS.SNS.SMS.SenderID", "ModaX");
        var stored = notifications(stack).find(intent.notificationId()).orElseThrow();
        assertThat(stored.state()).isEqualTo(NotificationRepository.State.SENT);
        assertThat(stored.providerMessageId()).isEqualTo(sms.messageId());
    }

    @Test
    void without_sms_consent_no_sms_is_sent() {
        KargoStack stack = KargoStackResource.stack();
        String phone = "+90533" + (1_000_000 + new java.util.Random().nextInt(8_999_999));
        NotificationIntent intent = storedSmsIntent(stack, phone, false);

        invoke(sqsEvent(Json.write(new Envelope.OutboundMessage("trace-sms-2", intent.notificationId()))));

        assertThat(stack.emulators().snsSandbox().publishedTo(phone)).isEmpty();
        assertThat(notifications(stack).find(intent.notificationId()).orElseThrow().state())
                .isEqualTo(NotificationRepository.State.SUPPRESSED);
    }

    @Test
    void without_email_consent_nothing_is_sent_and_the_notification_is_suppressed() {
        KargoStack stack = KargoStackResource.stack();
        String email = "mehmet+" + UUID.randomUUID() + "@example.com";
        NotificationIntent intent = storedIntent(stack, email, false, MessageKind.DELIVERED);

        invoke(sqsEvent(Json.write(new Envelope.OutboundMessage("trace-2", intent.notificationId()))));

        assertThat(stack.mailsTo(email)).isEmpty();
        assertThat(notifications(stack).find(intent.notificationId()).orElseThrow().state())
                .isEqualTo(NotificationRepository.State.SUPPRESSED);
    }

    @Test
    void a_poison_message_fails_alone() {
        KargoStack stack = KargoStackResource.stack();
        String email = "zeynep+" + UUID.randomUUID() + "@example.com";
        NotificationIntent intent = storedIntent(stack, email, true, MessageKind.OUT_FOR_DELIVERY);
        Map<String, Object> event = Map.of("Records", List.of(
                record("m-bad", "{not json"),
                record("m-unknown", Json.write(new Envelope.OutboundMessage("t", "n-does-not-exist"))),
                record("m-good", Json.write(new Envelope.OutboundMessage("t", intent.notificationId())))));

        List<String> failed = given().contentType(ContentType.JSON).body(Json.write(event)).post()
                .then().statusCode(200).extract().jsonPath().getList("batchItemFailures.itemIdentifier");

        assertThat(failed).containsExactlyInAnyOrder("m-bad", "m-unknown");
        assertThat(stack.mailsTo(email)).hasSize(1);
    }

    @Test
    void a_bounce_from_ses_goes_into_the_history_and_the_address_gets_no_more_mail() {
        KargoStack stack = KargoStackResource.stack();
        String email = "bounce+" + UUID.randomUUID() + "@example.com";
        NotificationIntent shipped = storedIntent(stack, email, true, MessageKind.SHIPPED);
        invoke(sqsEvent(Json.write(new Envelope.OutboundMessage("trace-3", shipped.notificationId()))));
        assertThat(stack.mailsTo(email)).hasSize(1);

        // SES's Bounce record for that mail (the developer guide's sample, with our tag and this address), in the SNS envelope
        String bounce = "{\"eventType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\",\"bounceSubType\":\"General\","
                + "\"bouncedRecipients\":[{\"emailAddress\":\"" + email + "\",\"action\":\"failed\",\"status\":\"5.1.1\","
                + "\"diagnosticCode\":\"smtp; 550 5.1.1 user unknown\"}],\"timestamp\":\"2026-12-01T10:00:02.669Z\"},"
                + "\"mail\":{\"timestamp\":\"2026-12-01T10:00:00.012Z\",\"messageId\":\"ses-1\",\"destination\":[\"" + email + "\"],"
                + "\"tags\":{\"notification\":[\"" + shipped.notificationId() + "\"]}}}";
        String envelope = Json.write(Map.of("Type", "Notification", "MessageId", "sns-1", "TopicArn", "arn:aws:sns:us-east-1:000000000000:kargo-channel-events",
                "Message", bounce, "Timestamp", "2026-12-01T10:00:03.000Z"));
        Map<String, Object> record = new java.util.HashMap<>(record("m-ses-" + UUID.randomUUID(), envelope));
        record.put("eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:kargo-channel-events");
        invoke(Json.write(Map.of("Records", List.of(record))));

        var delivery = notifications(stack).delivery(shipped.notificationId()).orElseThrow();
        assertThat(delivery.latest()).isEqualTo(new NotificationRepository.DeliveryEvent(NotificationRepository.Delivery.FAILED,
                java.time.Instant.parse("2026-12-01T10:00:02.669Z"), "bounced Permanent/General"));
        NotificationIntent delivered = storedIntent(stack, email, true, MessageKind.DELIVERED);
        invoke(sqsEvent(Json.write(new Envelope.OutboundMessage("trace-4", delivered.notificationId()))));
        assertThat(stack.mailsTo(email)).as("no second mail to a bounced address").hasSize(1);
        assertThat(notifications(stack).find(delivered.notificationId()).orElseThrow().state()).isEqualTo(NotificationRepository.State.SUPPRESSED);
    }

    @Test
    void snss_delivery_log_of_an_sms_marks_it_delivered_and_a_number_that_opted_out_gets_no_more_sms() {
        KargoStack stack = KargoStackResource.stack();
        String phone = "+90534" + (1_000_000 + new java.util.Random().nextInt(8_999_999));
        NotificationIntent first = storedSmsIntent(stack, phone, true);
        invoke(sqsEvent(Json.write(new Envelope.OutboundMessage("trace-sms-log", first.notificationId()))));
        String messageId = stack.emulators().snsSandbox().publishedTo(phone).get(0).messageId();

        // the records of SNS's CloudWatch Logs groups, as the delivery-logs function puts them on the channel-events queue
        invoke(channelEvent(smsLog(messageId, phone, "SUCCESS", "Message has been accepted by phone carrier")));
        invoke(channelEvent(smsLog(messageId, phone, "SUCCESS", "Message has been accepted by phone carrier")));

        var delivery = notifications(stack).delivery(first.notificationId()).orElseThrow();
        assertThat(delivery.latest().status()).isEqualTo(NotificationRepository.Delivery.DELIVERED);
        assertThat(delivery.latest().at()).as("SNS's time plus the dwell until the phone's ack").isEqualTo(Instant.parse("2026-12-01T09:00:01.300Z"));
        assertThat(delivery.history()).as("the same record twice is kept once").hasSize(1);

        NotificationIntent second = storedSmsIntent(stack, phone, true);
        invoke(sqsEvent(Json.write(new Envelope.OutboundMessage("trace-sms-log-2", second.notificationId()))));
        String secondId = stack.emulators().snsSandbox().publishedTo(phone).get(1).messageId();
        invoke(channelEvent(smsLog(secondId, phone, "FAILURE", "Phone number is opted out")));
        assertThat(notifications(stack).delivery(second.notificationId()).orElseThrow().latest().detail())
                .isEqualTo("bounced Phone number is opted out");

        NotificationIntent third = storedSmsIntent(stack, phone, true);
        invoke(sqsEvent(Json.write(new Envelope.OutboundMessage("trace-sms-log-3", third.notificationId()))));
        assertThat(stack.emulators().snsSandbox().publishedTo(phone)).as("no SMS after SNS said the number opted out").hasSize(2);
        assertThat(notifications(stack).find(third.notificationId()).orElseThrow().state()).isEqualTo(NotificationRepository.State.SUPPRESSED);
    }

    private static String smsLog(String messageId, String phone, String status, String providerResponse) {
        return Json.write(Map.of("notification", Map.of("messageId", messageId, "timestamp", "2026-12-01 09:00:00.000"),
                "delivery", Map.of("numberOfMessageParts", 1, "destination", phone, "smsType", "Transactional",
                        "providerResponse", providerResponse, "dwellTimeMs", 420, "dwellTimeMsUntilDeviceAck", 1300),
                "status", status));
    }

    private static String channelEvent(String body) {
        Map<String, Object> record = new java.util.HashMap<>(record("m-log-" + UUID.randomUUID(), body));
        record.put("eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:kargo-channel-events");
        return Json.write(Map.of("Records", List.of(record)));
    }

    private static NotificationIntent storedIntent(KargoStack stack, String email, boolean consent, MessageKind kind) {
        String orderId = "A-" + UUID.randomUUID().toString().substring(0, 8);
        ShipmentId shipment = new ShipmentId("ups", "1Z" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase());
        new OrderRepository(stack.dynamo(), stack.tables().orders()).save(new Order(orderId, "1001", "web",
                new Customer("Ayşe", email, null, "tr"), new Consent(consent, false, false, false, Instant.now()),
                List.of(shipment), Instant.now()));
        StatusChange change = new StatusChange(shipment, orderId, null, TrackingStatus.IN_TRANSIT, null, Instant.now(),
                "Istanbul, TR", "On the Way", LocalDate.of(2026, 12, 3), "k1");
        NotificationIntent intent = NotificationIntent.of(change, kind, "email");
        assertThat(notifications(stack).createIfAbsent(intent, Instant.now())).isEmpty();
        return intent;
    }

    static NotificationIntent storedSmsIntent(KargoStack stack, String phone, boolean smsConsent) {
        String orderId = "S-" + UUID.randomUUID().toString().substring(0, 8);
        ShipmentId shipment = new ShipmentId("ups", "1Z" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase());
        new OrderRepository(stack.dynamo(), stack.tables().orders()).save(new Order(orderId, "1002", "web",
                new Customer("Ayşe", null, phone, "tr"), new Consent(true, smsConsent, false, false, Instant.now()),
                List.of(shipment), Instant.now()));
        StatusChange change = new StatusChange(shipment, orderId, null, TrackingStatus.IN_TRANSIT, null, Instant.now(),
                "Istanbul, TR", "On the Way", LocalDate.of(2026, 12, 3), "k1");
        NotificationIntent intent = NotificationIntent.of(change, MessageKind.SHIPPED, "sms");
        assertThat(notifications(stack).createIfAbsent(intent, Instant.now())).isEmpty();
        return intent;
    }

    static NotificationRepository notifications(KargoStack stack) {
        return new NotificationRepository(stack.dynamo(), stack.tables().notifications(), Duration.ofDays(30));
    }

    static void invoke(String event) {
        given().contentType(ContentType.JSON).body(event).post().then().statusCode(200).body("batchItemFailures", empty());
    }

    static String sqsEvent(String... bodies) {
        List<Map<String, Object>> records = new java.util.ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            records.add(record("m-" + i + "-" + UUID.randomUUID(), bodies[i]));
        }
        return Json.write(Map.of("Records", records));
    }

    static Map<String, Object> record(String id, String body) {
        return Map.of("messageId", id, "receiptHandle", "rh-" + id, "body", body, "eventSource", "aws:sqs",
                "attributes", Map.of("ApproximateReceiveCount", "1"), "messageAttributes", Map.of());
    }
}
