package io.kargotakip.functions.normalizer;

import io.kargotakip.aws.Json;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.aws.queue.RawEvent;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.ShipmentState;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.ups.UpsSandbox;
import io.kargotakip.testing.KargoStack;
import io.kargotakip.testing.KargoStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.kargotakip.emulators.ups.UpsSandbox.scan;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(KargoStackResource.class)
class NormalizerFunctionTest {

    static final UpsSandbox.Scan LABEL = scan("M", "MP", "003", "Shipper created a label", "2026-11-24T10:15:00", "+03:00", "ISTANBUL", "TR");
    static final UpsSandbox.Scan ORIGIN = scan("I", "OR", "038", "Origin Scan", "2026-11-24T18:40:00", "+03:00", "ISTANBUL", "TR");
    static final UpsSandbox.Scan ARRIVED = scan("I", "AR", "005", "Arrived at Facility", "2026-11-25T06:05:00", "+03:00", "ANKARA", "TR");
    static final UpsSandbox.Scan OUT = scan("I", "OT", "021", "Out For Delivery Today", "2026-11-26T08:30:00", "+03:00", "ANKARA", "TR");
    static final UpsSandbox.Scan DELIVERED = scan("D", "F4", "011", "DELIVERED", "2026-11-26T14:02:00", "+03:00", "ANKARA", "TR");

    @Test
    void push_and_poll_twice_and_out_of_order_move_the_shipment_forward_once_per_status() {
        KargoStack stack = KargoStackResource.stack();
        String tn = trackingNumber();
        ShipmentRepository shipments = new ShipmentRepository(stack.dynamo(), stack.tables().shipments());
        shipments.register(new ShipmentId("ups", tn), "ORDER-1", Instant.now());
        stack.drain(stack.queues().statusChanges());

        String firstPoll = UpsSandbox.trackResponse(tn, "20261126", List.of(LABEL, ORIGIN));
        String outPush = UpsSandbox.push(tn, OUT, "20261126");
        String deliveredPush = UpsSandbox.push(tn, DELIVERED, "20261126");
        String fullPoll = UpsSandbox.trackResponse(tn, "20261126", List.of(LABEL, ORIGIN, ARRIVED, OUT, DELIVERED));
        String latePoll = UpsSandbox.trackResponse(tn, "20261126", List.of(LABEL, ORIGIN, ARRIVED));

        invoke(batch(poll(firstPoll), poll(firstPoll)));
        invoke(batch(push(outPush)));
        invoke(batch(push(outPush)));
        invoke(batch(push(deliveredPush), poll(latePoll)));
        invoke(batch(poll(fullPoll), push(deliveredPush), poll(fullPoll)));

        List<Envelope.StatusChangeMessage> changes = stack.drain(stack.queues().statusChanges()).stream()
                .map(b -> Json.read(b, Envelope.StatusChangeMessage.class)).toList();
        assertThat(changes).extracting(c -> c.change().status())
                .containsExactly(TrackingStatus.IN_TRANSIT, TrackingStatus.OUT_FOR_DELIVERY, TrackingStatus.DELIVERED);
        assertThat(changes).allSatisfy(c -> assertThat(c.change().orderId()).isEqualTo("ORDER-1"));
        assertThat(changes.get(2).change().previousStatus()).isEqualTo(TrackingStatus.OUT_FOR_DELIVERY);
        assertThat(changes.get(2).change().occurredAt()).isEqualTo(Instant.parse("2026-11-26T11:02:00Z"));

        ShipmentState state = shipments.find(new ShipmentId("ups", tn)).orElseThrow();
        assertThat(state.status()).isEqualTo(TrackingStatus.DELIVERED);
        assertThat(state.location()).contains("ANKARA");
        assertThat(shipments.nextPoll(new ShipmentId("ups", tn))).as("no polls after delivery").isEmpty();
    }

    @Test
    void an_unreadable_payload_fails_alone_and_the_rest_of_the_batch_is_processed() {
        KargoStack stack = KargoStackResource.stack();
        String tn = trackingNumber();
        stack.drain(stack.queues().statusChanges());
        Map<String, Object> event = Map.of("Records", List.of(
                record("m-garbage", Json.write(RawEvent.json("ups", "webhook", Instant.now(), "t1", "<html>oops</html>"))),
                record("m-unknown-source", Json.write(RawEvent.json("acme", "webhook", Instant.now(), "t2", "{}"))),
                record("m-good", push(UpsSandbox.push(tn, OUT, "20261126")))));

        List<String> failed = given().contentType(ContentType.JSON).body(Json.write(event)).post()
                .then().statusCode(200).extract().jsonPath().getList("batchItemFailures.itemIdentifier");

        assertThat(failed).containsExactlyInAnyOrder("m-garbage", "m-unknown-source");
        assertThat(stack.drain(stack.queues().statusChanges())).hasSize(1);
    }

    private static String trackingNumber() {
        return "1Z" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
    }

    /** Every payload has its own trace id, as the webhook and the poller give it (a redelivery keeps it). */
    private static String poll(String body) {
        return Json.write(RawEvent.json("ups", "poll", Instant.now(), "trace-poll-" + UUID.randomUUID(), body));
    }

    private static String push(String body) {
        return Json.write(RawEvent.json("ups", "webhook", Instant.now(), "trace-push-" + UUID.randomUUID(), body));
    }

    private static String batch(String... bodies) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (String body : bodies) {
            records.add(record("m-" + UUID.randomUUID(), body));
        }
        return Json.write(Map.of("Records", records));
    }

    private static Map<String, Object> record(String id, String body) {
        return Map.of("messageId", id, "receiptHandle", "rh-" + id, "body", body, "eventSource", "aws:sqs",
                "attributes", Map.of("ApproximateReceiveCount", "1"), "messageAttributes", Map.of());
    }

    private static void invoke(String event) {
        List<String> failed = given().contentType(ContentType.JSON).body(event).post()
                .then().statusCode(200).extract().jsonPath().getList("batchItemFailures");
        assertThat(failed).isEmpty();
    }
}
