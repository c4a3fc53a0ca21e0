package io.kargotakip.functions.poller;

import io.kargotakip.aws.Json;
import io.kargotakip.aws.queue.RawEvent;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.emulators.ups.UpsSandbox;
import io.kargotakip.testing.KargoStack;
import io.kargotakip.testing.KargoStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.kargotakip.emulators.ups.UpsSandbox.scan;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
// restricted: the UPS client tests of this module start their own UPS stub
@QuarkusTestResource(value = KargoStackResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PollerFunctionTest.Ups.class, restrictToAnnotatedClass = true)
class PollerFunctionTest {

    /** The UPS stand-in, configured as the carrier's base URL and credentials. */
    public static class Ups implements QuarkusTestResourceLifecycleManager {
        static UpsSandbox sandbox;

        @Override
        public Map<String, String> start() {
            sandbox = new UpsSandbox();
            return Map.of("KARGO_CARRIER_UPS_BASE_URL", sandbox.baseUrl(), "KARGO_CARRIER_UPS_CLIENT_ID", UpsSandbox.CLIENT_ID,
                    "KARGO_CARRIER_UPS_CLIENT_SECRET", UpsSandbox.CLIENT_SECRET);
        }

        @Override
        public void stop() {
            sandbox.close();
        }
    }

    static final String SCHEDULED_EVENT = """
            {"version":"0","id":"e1","detail-type":"Scheduled Event","source":"aws.events","account":"000000000000",
             "time":"2026-11-27T10:00:00Z","region":"us-east-1","resources":["arn:aws:events:us-east-1:000000000000:rule/poll"],"detail":{}}""";

    /** An SQS event of these poll-work bodies, as Lambda's event source mapping hands it over. */
    static String sqsEvent(List<String> bodies) {
        StringBuilder records = new StringBuilder();
        for (int i = 0; i < bodies.size(); i++) {
            records.append(i == 0 ? "" : ",").append("{\"messageId\":\"m").append(i).append("\",\"receiptHandle\":\"r\",\"body\":")
                    .append(Json.write(bodies.get(i))).append(",\"attributes\":{\"ApproximateReceiveCount\":\"1\"},")
                    .append("\"eventSource\":\"aws:sqs\",\"eventSourceARN\":\"arn:aws:sqs:us-east-1:000000000000:poll-work\"}");
        }
        return "{\"Records\":[" + records + "]}";
    }

    @Test
    void the_schedule_queues_poll_work_and_a_worker_polls_queues_the_answer_and_schedules_the_next_poll() {
        KargoStack stack = KargoStackResource.stack();
        ShipmentRepository shipments = new ShipmentRepository(stack.dynamo(), stack.tables().shipments());
        String due = "1ZPOLLDUE000000001";
        String later = "1ZPOLLLATER0000002";
        shipments.register(new ShipmentId("ups", due), "O-1", Instant.now().minusSeconds(60));
        shipments.register(new ShipmentId("ups", later), "O-2", Instant.now().plus(Duration.ofHours(1)));
        Ups.sandbox.answer(due, UpsSandbox.trackResponse(due, "20261130",
                List.of(scan("I", "AR", "005", "Arrived at Facility", "2026-11-27T06:05:00", "+03:00", "ANKARA", "TR"))));
        stack.drain(stack.queues().rawEvents());
        stack.drain(stack.queues().pollWork());

        given().contentType(ContentType.JSON).body(SCHEDULED_EVENT).post()
                .then().statusCode(200).body("polls.due", equalTo(1)).body("polls.calls", equalTo(1));
        List<String> work = stack.drain(stack.queues().pollWork());
        assertThat(work).hasSize(1);
        assertThat(Ups.sandbox.trackCalls(due)).as("the schedule only queues the call").isZero();

        given().contentType(ContentType.JSON).body(sqsEvent(work)).post()
                .then().statusCode(200).body("batchItemFailures", org.hamcrest.Matchers.empty());

        List<RawEvent> queued = stack.drain(stack.queues().rawEvents()).stream().map(b -> Json.read(b, RawEvent.class)).toList();
        assertThat(queued).hasSize(1);
        assertThat(queued.get(0).via()).isEqualTo("poll");
        assertThat(new String(queued.get(0).payload(), java.nio.charset.StandardCharsets.UTF_8)).contains(due).contains("Arrived at Facility");
        assertThat(Ups.sandbox.trackCalls(due)).isEqualTo(1);
        assertThat(Ups.sandbox.trackCalls(later)).isZero();
        Instant next = shipments.nextPoll(new ShipmentId("ups", due)).orElseThrow();
        assertThat(next).isBetween(Instant.now().plus(Duration.ofMinutes(119)), Instant.now().plus(Duration.ofMinutes(121)));
    }

    @Test
    void a_carrier_outage_is_retried_later_not_lost() {
        KargoStack stack = KargoStackResource.stack();
        ShipmentRepository shipments = new ShipmentRepository(stack.dynamo(), stack.tables().shipments());
        String unknownToSandbox = "1ZNOANSWER00000003";
        Ups.sandbox.outage(unknownToSandbox);
        ShipmentId id = new ShipmentId("ups", unknownToSandbox);
        stack.drain(stack.queues().rawEvents());
        String work = Json.write(new io.kargotakip.aws.queue.Envelope.PollWorkMessage("t", "ups", List.of(id.toString()),
                List.of(unknownToSandbox), 100));
        shipments.register(id, "O-3", Instant.now().plus(Duration.ofHours(1)));

        given().contentType(ContentType.JSON).body(sqsEvent(List.of(work))).post()
                .then().statusCode(200).body("batchItemFailures", org.hamcrest.Matchers.empty());
        assertThat(stack.drain(stack.queues().rawEvents())).isEmpty();

        Instant next = shipments.nextPoll(id).orElseThrow();
        assertThat(next).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofMinutes(16)));
    }

    @Test
    void an_unreadable_poll_work_message_fails_alone() {
        given().contentType(ContentType.JSON).body(sqsEvent(List.of("not json", Json.write(
                        new io.kargotakip.aws.queue.Envelope.PollWorkMessage("t", "ups", List.of(), List.of(), 100))))).post()
                .then().statusCode(200).body("batchItemFailures.itemIdentifier", org.hamcrest.Matchers.contains("m0"));
    }
}
