package io.kargotakip.functions.deliverylogs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kargotakip.aws.Json;
import io.kargotakip.testing.KargoStack;
import io.kargotakip.testing.KargoStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The function a CloudWatch Logs subscription calls with SNS's SMS delivery status records, against the SQS emulator:
 * each record goes onto the channel-events queue as it was logged, for the sender to record.
 */
@QuarkusTest
@QuarkusTestResource(KargoStackResource.class)
class DeliveryLogsFunctionTest {

    /** SNS's published sample records (SNS developer guide, sms_stats_cloudwatch). */
    static final String DELIVERED = """
            {"notification":{"messageId":"34d9b400-c6dd-5444-820d-fbeb0f1f54cf","timestamp":"2016-06-28 00:40:34.558"},\
            "delivery":{"phoneCarrier":"My Phone Carrier","mnc":270,"numberOfMessageParts":1,"destination":"+1XXX5550100",\
            "priceInUSD":0.00645,"smsType":"Transactional","mcc":310,"providerResponse":"Message has been accepted by phone carrier",\
            "dwellTimeMs":599,"dwellTimeMsUntilDeviceAck":1344},"status":"SUCCESS"}""";
    static final String FAILED = """
            {"notification":{"messageId":"1077257a-92f3-5ca3-bc97-6a915b310625","timestamp":"2016-06-28 00:40:34.559"},\
            "delivery":{"mnc":0,"numberOfMessageParts":1,"destination":"+1XXX5550100","priceInUSD":0.00645,"smsType":"Transactional",\
            "mcc":0,"providerResponse":"Unknown error attempting to reach phone","dwellTimeMs":1420,"dwellTimeMsUntilDeviceAck":1692},\
            "status":"FAILURE"}""";

    /** The subscription's event: {@code awslogs.data} is base64 of a gzip of the batch. */
    static String event(String messageType, List<String> messages) throws IOException {
        ObjectNode batch = Json.MAPPER.createObjectNode().put("messageType", messageType).put("owner", "000000000000")
                .put("logGroup", "sns/us-east-1/000000000000/DirectPublishToPhoneNumber").put("logStream", "s");
        batch.putArray("subscriptionFilters").add("f");
        ArrayNode events = batch.putArray("logEvents");
        for (int i = 0; i < messages.size(); i++) {
            events.addObject().put("id", Integer.toString(i)).put("timestamp", 1467074434558L + i).put("message", messages.get(i));
        }
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(Json.MAPPER.writeValueAsBytes(batch));
        }
        return Json.MAPPER.createObjectNode().set("awslogs", Json.MAPPER.createObjectNode()
                .put("data", Base64.getEncoder().encodeToString(zipped.toByteArray()))).toString();
    }

    @Test
    void every_record_of_a_batch_goes_onto_the_channel_events_queue_as_logged_and_a_stray_line_is_skipped() throws IOException {
        KargoStack stack = KargoStackResource.stack();
        stack.drain(stack.queues().channelEvents());

        given().contentType(ContentType.JSON).body(event("DATA_MESSAGE", List.of(DELIVERED, "not a record", FAILED)))
                .post().then().statusCode(200);

        List<JsonNode> queued = stack.drain(stack.queues().channelEvents()).stream().map(b -> {
            try {
                return Json.MAPPER.readTree(b);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertThat(queued).containsExactlyInAnyOrder(Json.MAPPER.readTree(DELIVERED), Json.MAPPER.readTree(FAILED));
    }

    @Test
    void the_control_message_that_checks_the_destination_queues_nothing() throws IOException {
        KargoStack stack = KargoStackResource.stack();
        stack.drain(stack.queues().channelEvents());

        given().contentType(ContentType.JSON).body(event("CONTROL_MESSAGE", List.of("CWL CONTROL MESSAGE: Checking health of destination")))
                .post().then().statusCode(200);

        assertThat(stack.drain(stack.queues().channelEvents())).isEmpty();
    }
}
