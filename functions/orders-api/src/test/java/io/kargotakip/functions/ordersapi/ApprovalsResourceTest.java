package io.kargotakip.functions.ordersapi;

import io.kargotakip.aws.Json;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.testing.KargoStack;
import io.kargotakip.testing.KargoStackResource;
import io.kargotakip.testing.browser.Chromium;
import io.kargotakip.testing.browser.Page;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * The approval queue through the orders API and its page: a message the rules proposed is listed, approved onto the
 * outbound queue or rejected, once; without the key nothing is listed or decided; the page does it in a real browser.
 */
@QuarkusTest
@QuarkusTestResource(KargoStackResource.class)
class ApprovalsResourceTest {

    static NotificationRepository notifications() {
        KargoStack stack = KargoStackResource.stack();
        return new NotificationRepository(stack.dynamo(), stack.tables().notifications(), Duration.ofDays(30));
    }

    /** A delay apology the rules proposed, with its WhatsApp fallback held until it is approved. */
    static String propose() {
        ShipmentId shipment = new ShipmentId("ups", "1ZAPI" + UUID.randomUUID().toString().replace("-", "").substring(0, 11));
        StatusChange change = new StatusChange(shipment, "WEB-9001", null, TrackingStatus.DELAYED, null, Instant.now(), null, null, null, "k");
        NotificationIntent.Details details = new NotificationIntent.Details("delay_apology_discount", shipment + "/delay_apology_discount/delay=1",
                List.of("support"), 10, "OZUR-TEST-1", null);
        NotificationIntent email = NotificationIntent.of(change, MessageKind.fromTemplateName("delay_apology"), "email", "", details);
        NotificationIntent whatsapp = email.over("whatsapp", "");
        notifications().createHeld(whatsapp, Instant.parse("9999-12-31T00:00:00Z"), List.of(email.notificationId()), List.of(), Instant.now());
        notifications().createProposed(email, Instant.now(), List.of(whatsapp.notificationId()), List.of(Duration.ofHours(2).toMillis()));
        return email.notificationId();
    }

    @Test
    void a_proposal_is_listed_approved_once_onto_the_outbound_queue_and_then_no_longer_waits() {
        KargoStack stack = KargoStackResource.stack();
        stack.drain(stack.queues().outbound());
        String id = propose();

        given().header("x-api-key", KargoStack.ORDERS_API_KEY).get("/approvals").then().statusCode(200)
                .body("waiting.notificationId", hasItem(id))
                .body("waiting.find { it.notificationId == '" + id + "' }.kind", equalTo("delay_apology"))
                .body("waiting.find { it.notificationId == '" + id + "' }.discountCode", equalTo("OZUR-TEST-1"));

        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json")
                .body("{\"decision\": \"approve\", \"by\": \"ayse.ops\"}").post("/approvals/" + id)
                .then().statusCode(200).body("outcome", equalTo("approved"));
        assertThat(stack.drain(stack.queues().outbound()).stream().map(b -> Json.read(b, Envelope.OutboundMessage.class).notificationId()))
                .containsExactly(id);
        assertThat(notifications().find(id).orElseThrow().state()).isEqualTo(NotificationRepository.State.PENDING);

        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json")
                .body("{\"decision\": \"reject\", \"by\": \"ayse.ops\"}").post("/approvals/" + id)
                .then().statusCode(409).contentType(startsWith("application/problem+json"));
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).get("/approvals").then().statusCode(200)
                .body("waiting.notificationId", not(hasItem(id)));
    }

    @Test
    void a_rejected_proposal_does_not_go_and_bad_decisions_and_missing_keys_are_refused_clearly() {
        KargoStack stack = KargoStackResource.stack();
        stack.drain(stack.queues().outbound());
        String id = propose();

        given().get("/approvals").then().statusCode(401).contentType(startsWith("application/problem+json"));
        given().contentType("application/json").body("{\"decision\": \"approve\", \"by\": \"x\"}").post("/approvals/" + id)
                .then().statusCode(401);
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json").body("{\"decision\": \"maybe\", \"by\": \"x\"}")
                .post("/approvals/" + id).then().statusCode(400).body("detail", startsWith("send {\"decision\""));
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json").body("not json")
                .post("/approvals/" + id).then().statusCode(400);
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json").body("{\"decision\": \"approve\"}")
                .post("/approvals/" + id).then().statusCode(400).body("detail", startsWith("\"by\" names who decides"));
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json").body("{\"decision\": \"approve\", \"by\": \"x\"}")
                .post("/approvals/not-an-id").then().statusCode(404);
        assertThat(notifications().find(id).orElseThrow().state()).as("nothing half-applied").isEqualTo(NotificationRepository.State.PROPOSED);

        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json")
                .body("{\"decision\": \"reject\", \"by\": \"mehmet.ops\"}").post("/approvals/" + id)
                .then().statusCode(200).body("outcome", equalTo("rejected"));
        assertThat(notifications().find(id).orElseThrow().state()).isEqualTo(NotificationRepository.State.SUPPRESSED);
        assertThat(stack.drain(stack.queues().outbound())).isEmpty();
    }

    @Test
    void operations_approve_from_the_page_in_a_real_browser() throws Exception {
        KargoStack stack = KargoStackResource.stack();
        stack.drain(stack.queues().outbound());
        String id = propose();
        try (Chromium chromium = Chromium.launch()) {
            Page page = chromium.open("http://127.0.0.1:" + RestAssured.port + "/approvals/page");
            page.evaluate("document.getElementById('key').value = '" + KargoStack.ORDERS_API_KEY + "';"
                    + "document.getElementById('by').value = 'Ayşe Ops';"
                    + "document.querySelector('#login button').click()");
            String row = "document.querySelector('tr[data-id=\"" + id + "\"]')";
            awaitTrue(page, row + " !== null");
            assertThat(page.evaluate(row + ".textContent").asText()).contains("delay_apology (email)").contains("%10 OZUR-TEST-1");
            assertThat(page.evaluate("document.querySelector('label[for=key]').textContent").asText()).isEqualTo("API anahtarı");
            page.evaluate(row + ".querySelector('button.approve').click()");
            awaitTrue(page, row + " === null");
            assertThat(page.evaluate("document.getElementById('status').textContent").asText()).contains("Onaylandı");
            assertThat(page.evaluate("location.href").asText()).doesNotContain(KargoStack.ORDERS_API_KEY);
        }
        assertThat(stack.drain(stack.queues().outbound()).stream().map(b -> Json.read(b, Envelope.OutboundMessage.class).notificationId()))
                .containsExactly(id);
        assertThat(notifications().find(id).orElseThrow().state()).isEqualTo(NotificationRepository.State.PENDING);
    }

    static void awaitTrue(Page page, String expression) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(15);
        while (!page.evaluate(expression).asBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("the page never had " + expression + ": " + page.evaluate("document.body.innerText").asText());
            }
            Thread.sleep(50);
        }
    }
}
