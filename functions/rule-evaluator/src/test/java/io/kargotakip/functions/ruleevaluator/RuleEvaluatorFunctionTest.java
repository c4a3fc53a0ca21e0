package io.kargotakip.functions.ruleevaluator;

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
import io.kargotakip.core.shipment.Reason;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;

@QuarkusTest
@QuarkusTestResource(KargoStackResource.class)
class RuleEvaluatorFunctionTest {

    static final String SCHEDULED_EVENT = """
            {"version":"0","id":"e2","detail-type":"Scheduled Event","source":"aws.events","account":"000000000000",
             "time":"2026-12-02T05:00:00Z","region":"us-east-1","resources":["arn:aws:events:us-east-1:000000000000:rule/release"],"detail":{}}""";

    @Test
    void the_schedule_queues_again_the_messages_quiet_hours_held_once_their_time_has_come() {
        KargoStack stack = KargoStackResource.stack();
        stack.drain(stack.queues().outbound());
        NotificationRepository notifications = new NotificationRepository(stack.dynamo(), stack.tables().notifications(), Duration.ofDays(30));
        ShipmentId due = new ShipmentId("ups", "1Z" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
        ShipmentId later = new ShipmentId("ups", "1Z" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
        String dueId = held(notifications, due, Instant.now().minusSeconds(60));
        String laterId = held(notifications, later, Instant.now().plus(Duration.ofHours(8)));

        given().contentType(ContentType.JSON).body(SCHEDULED_EVENT).post().then().statusCode(200);

        List<String> queued = stack.drain(stack.queues().outbound()).stream()
                .map(b -> Json.read(b, Envelope.OutboundMessage.class).notificationId()).toList();
        assertThat(queued).contains(dueId).doesNotContain(laterId);
    }

    /** A notification the sender held until {@code until}: claimed, then deferred, as the dispatcher does. */
    private static String held(NotificationRepository notifications, ShipmentId shipment, Instant until) {
        NotificationIntent intent = NotificationIntent.of(new StatusChange(shipment, "O-held", null, TrackingStatus.IN_TRANSIT, null,
                Instant.now(), null, null, null, "k"), MessageKind.SHIPPED, "sms");
        notifications.createIfAbsent(intent, Instant.now());
        assertThat(notifications.claim(intent.notificationId(), Instant.now(), Duration.ofMinutes(2))).isTrue();
        notifications.markDeferred(intent.notificationId(), until, "quiet hours until " + until);
        return intent.notificationId();
    }

    @Test
    void each_status_change_queues_one_notification_even_when_delivered_twice() {
        KargoStack stack = KargoStackResource.stack();
        stack.drain(stack.queues().outbound());
        ShipmentId shipment = new ShipmentId("ups", "1Z" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
        String orderId = order(stack, shipment);

        String inTransit = change(shipment, orderId, null, TrackingStatus.IN_TRANSIT, null);
        String failed = change(shipment, orderId, TrackingStatus.IN_TRANSIT, TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT);
        String exception = change(shipment, orderId, TrackingStatus.FAILED_ATTEMPT, TrackingStatus.EXCEPTION, Reason.DAMAGED);
        invoke(batch(inTransit, inTransit, failed));
        invoke(batch(failed, exception));

        List<Envelope.OutboundMessage> queued = stack.drain(stack.queues().outbound()).stream()
                .map(b -> Json.read(b, Envelope.OutboundMessage.class)).toList();
        assertThat(queued).extracting(Envelope.OutboundMessage::notificationId).containsExactly(
                NotificationIntent.idFor(shipment, MessageKind.SHIPPED, "email"),
                NotificationIntent.idFor(shipment, MessageKind.FAILED_ATTEMPT, "email"));
        NotificationRepository notifications = new NotificationRepository(stack.dynamo(), stack.tables().notifications(), Duration.ofDays(30));
        NotificationRepository.Stored stored = notifications.find(queued.get(1).notificationId()).orElseThrow();
        assertThat(stored.state()).isEqualTo(NotificationRepository.State.PENDING);
        assertThat(stored.intent().change().reason()).isEqualTo(Reason.RECIPIENT_ABSENT);
    }

    @Test
    void a_change_of_a_shipment_without_an_order_tells_nobody() {
        KargoStack stack = KargoStackResource.stack();
        stack.drain(stack.queues().outbound());
        ShipmentId shipment = new ShipmentId("ups", "1Z" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
        invoke(batch(change(shipment, null, null, TrackingStatus.DELIVERED, null)));
        assertThat(stack.drain(stack.queues().outbound())).isEmpty();
    }

    private static String order(KargoStack stack, ShipmentId shipment) {
        String orderId = "A-" + UUID.randomUUID().toString().substring(0, 8);
        new OrderRepository(stack.dynamo(), stack.tables().orders()).save(new Order(orderId, "1001", "web",
                new Customer("Ayşe", "ayse@example.com", null, "tr"), new Consent(true, false, false, false, Instant.now()),
                List.of(shipment), Instant.now()));
        return orderId;
    }

    private static String change(ShipmentId shipment, String orderId, TrackingStatus from, TrackingStatus to, Reason reason) {
        return Json.write(new Envelope.StatusChangeMessage("trace", new StatusChange(shipment, orderId, from, to, reason,
                Instant.now(), "ANKARA, TR", "scan", null, "key-" + to)));
    }

    private static String batch(String... bodies) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (String body : bodies) {
            String id = "m-" + UUID.randomUUID();
            records.add(Map.of("messageId", id, "receiptHandle", "rh", "body", body, "eventSource", "aws:sqs",
                    "attributes", Map.of("ApproximateReceiveCount", "1"), "messageAttributes", Map.of()));
        }
        return Json.write(Map.of("Records", records));
    }

    private static void invoke(String event) {
        given().contentType(ContentType.JSON).body(event).post().then().statusCode(200).body("batchItemFailures", empty());
    }
}
