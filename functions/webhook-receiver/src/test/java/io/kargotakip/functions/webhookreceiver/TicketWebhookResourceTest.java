package io.kargotakip.functions.webhookreceiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.core.analytics.AnalyticsRecord;
import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.webhook.WebhookAuth;
import io.kargotakip.emulators.Emulators;
import io.kargotakip.testing.KargoStack;
import io.kargotakip.testing.KargoStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** A Zendesk ticket event end to end: signed as Zendesk signs, linked through the stack's tables, a record in the Firehose stand-in's files. */
@QuarkusTest
@QuarkusTestResource(KargoStackResource.class)
class TicketWebhookResourceTest {

    // the stack's own settings (LocalSettings): every test class's resources apply to every class, so none may differ
    static final String SECRET = io.kargotakip.emulators.LocalSettings.ZENDESK_SIGNING_SECRET;
    static final String HELPDESK_TOKEN = io.kargotakip.emulators.LocalSettings.HELPDESK_WEBHOOK_TOKEN;

    static final String CREATED = """
            {"account_id":22129848,"detail":{"created_at":"2026-12-01T09:58:02Z","description":"1Z999AA10123456784 takip numaralı kargom nerede?",
             "id":"7001","status":"NEW","subject":"Siparişim gelmedi","tags":["web_widget"],"requester_id":"8447388090494"},
             "event":{},"id":"cbe4028c-7239-495d-b020-f22348516046","subject":"zen:ticket:7001","time":"2026-12-01T09:58:02.135Z",
             "type":"zen:event-type:ticket.created","zendesk_event_version":"2022-11-06"}""";

    @BeforeAll
    static void theParcel() {
        KargoStack stack = KargoStackResource.stack();
        ShipmentId ups = new ShipmentId("ups", "1Z999AA10123456784");
        new OrderRepository(stack.dynamo(), stack.tables().orders()).save(new Order("WEB-7001", "7001", "web",
                new Customer("Ayşe", "ayse@example.com", "+905321234567", "tr"), Consent.none(), List.of(ups), Instant.parse("2026-11-28T10:00:00Z")));
        new ShipmentRepository(stack.dynamo(), stack.tables().shipments()).register(ups, "WEB-7001", Instant.parse("2026-11-28T10:00:00Z"));
    }

    private static io.restassured.specification.RequestSpecification signed(String body, String timestamp, String secret) {
        String signature = Base64.getEncoder().encodeToString(
                WebhookAuth.ConcatenatedHmacSha256.sign(secret, timestamp, body.getBytes(StandardCharsets.UTF_8)));
        return given().header("X-Zendesk-Webhook-Signature", signature).header("X-Zendesk-Webhook-Signature-Timestamp", timestamp)
                .contentType("application/json").body(body);
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The ticket records the stand-in has written so far. */
    static List<JsonNode> records() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> records = new ArrayList<>();
        for (String line : Emulators.shared().firehose().lines(Emulators.ANALYTICS_STREAM)) {
            records.add(json.readTree(line));
        }
        return records;
    }

    @Test
    void aSignedZendeskTicketIsClassifiedLinkedAndWrittenThenAnsweredWith202() throws Exception {
        signed(CREATED, now(), SECRET).post("/webhooks/zendesk")
                .then().statusCode(202).body("status", equalTo("accepted")).body("step", equalTo("created"));

        JsonNode record = records().stream().filter(r -> r.path("ticket").asText().equals(AnalyticsRecord.ticketKey("zendesk", "7001")))
                .findFirst().orElseThrow();
        assertThat(record.path("kind").asText()).isEqualTo("ticket");
        assertThat(record.path("state").asText()).isEqualTo("created");
        assertThat(record.path("source").asText()).isEqualTo("zendesk");
        assertThat(record.path("wismo").asBoolean()).isTrue();
        assertThat(record.path("brand").asText()).isEqualTo("modax");
        assertThat(Instant.parse(record.path("occurred_at").asText())).isEqualTo(Instant.parse("2026-12-01T09:58:02.135Z"));
        assertThat(record.path("shipment").asText()).isEqualTo(AnalyticsRecord.shipmentKey("ups", "1Z999AA10123456784"));
        assertThat(record.path("order_ref").asText()).isEqualTo(AnalyticsRecord.orderKey("WEB-7001"));
        assertThat(record.toString()).doesNotContain("1Z999AA10123456784", "kargom", "8447388090494");
    }

    @Test
    void aForgedOrStaleSignatureIs401AndNothingIsWritten() throws Exception {
        String forged = CREATED.replace("7001", "7002");
        signed(forged, now(), "not-the-secret").post("/webhooks/zendesk")
                .then().statusCode(401).contentType(startsWith("application/problem+json")).body("detail", equalTo("signature does not match"));
        signed(forged, Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.SECONDS).toString(), SECRET).post("/webhooks/zendesk")
                .then().statusCode(401).body("detail", equalTo("timestamp outside the tolerance"));

        assertThat(records()).noneMatch(r -> r.path("ticket").asText().equals(AnalyticsRecord.ticketKey("zendesk", "7002")));
    }

    @Test
    void anEventNotCountedIs202IgnoredAndABadPayload400() {
        String note = CREATED.replace("ticket.created", "ticket.priority_changed");
        signed(note, now(), SECRET).post("/webhooks/zendesk").then().statusCode(202).body("status", equalTo("ignored"));

        signed("{\"type\":\"zen:event-type:ticket.created\",\"detail\":{}}", now(), SECRET).post("/webhooks/zendesk")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("title", equalTo("Unreadable ticket")).body("detail", equalTo("'detail.id' is missing"));
    }

    @Test
    void theGenericFormWithItsBearerToken() throws Exception {
        String form = "{\"ticket_id\":\"HD-9\",\"event\":\"first_response\",\"at\":\"2026-12-01T11:00:00+03:00\"}";
        given().header("Authorization", "Bearer " + HELPDESK_TOKEN).contentType("application/json").body(form).post("/webhooks/helpdesk")
                .then().statusCode(202).body("step", equalTo("first_response"));
        given().contentType("application/json").body(form).post("/webhooks/helpdesk").then().statusCode(401);
        // a helpdesk without settings is refused like any unknown source
        given().contentType("application/json").body(form).post("/webhooks/freshdesk").then().statusCode(404);

        assertThat(records()).anySatisfy(r -> {
            assertThat(r.path("ticket").asText()).isEqualTo(AnalyticsRecord.ticketKey("helpdesk", "HD-9"));
            assertThat(r.path("occurred_at").asText()).isEqualTo("2026-12-01T08:00:00Z");
        });
    }

    @Test
    void aRecordTheStreamRefusesIs503SoTheHelpdeskRetries() {
        String ticket = CREATED.replace("7001", "7003");
        // refused, and refused again on the sink's one retry
        Emulators.shared().firehose().refuseNext(2);
        signed(ticket, now(), SECRET).post("/webhooks/zendesk")
                .then().statusCode(503).contentType(startsWith("application/problem+json")).body("status", equalTo(503));

        signed(ticket, now(), SECRET).post("/webhooks/zendesk").then().statusCode(202);
    }
}
