package io.kargotakip.functions.ordersapi;

import io.kargotakip.aws.Json;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.order.Order;
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
 * outbound queue or rejected, once; edited before (a note, fewer links; it still waits) and previewed as the customer
 * would get it; without the key nothing is listed, decided or shown; the page does it in a real browser.
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
        return propose("WEB-9001");
    }

    /** As {@link #propose()}, for a stored order of Can's (the preview reads it). */
    static String proposeForStoredOrder() {
        String orderId = "WEB-" + UUID.randomUUID().toString().substring(0, 8);
        KargoStack stack = KargoStackResource.stack();
        new OrderRepository(stack.dynamo(), stack.tables().orders()).save(new Order(orderId, "9001", "web",
                new Customer("Can", "can.preview@example.com", "+905321112299", "tr"), new Consent(true, false, true, false, Instant.now()),
                List.of(), Instant.now()));
        return propose(orderId);
    }

    static String propose(String orderId) {
        ShipmentId shipment = new ShipmentId("ups", "1ZAPI" + UUID.randomUUID().toString().replace("-", "").substring(0, 11));
        StatusChange change = new StatusChange(shipment, orderId, null, TrackingStatus.DELAYED, null, Instant.now(), null, null, null, "k");
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

    static io.restassured.specification.RequestSpecification withKey() {
        return given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json");
    }

    @Test
    void an_edit_is_answered_listed_and_previewed_and_still_waits_and_bad_edits_are_refused_naming_the_field() {
        String id = proposeForStoredOrder();
        String note = "Can Bey, yeni tahmini teslim için <kargo> ile görüştük.\nKusura bakmayın.";

        withKey().body(Json.write(java.util.Map.of("decision", "edit", "by", "ayse.ops", "note", "  " + note + " ", "links", List.of())))
                .post("/approvals/" + id).then().statusCode(200)
                .body("outcome", equalTo("edited")).body("notificationId", equalTo(id)).body("kind", equalTo("delay_apology"))
                .body("note", equalTo(note)).body("links", org.hamcrest.Matchers.empty()).body("offered", org.hamcrest.Matchers.contains("support"))
                .body("discountPercent", equalTo(10)).body("discountCode", equalTo("OZUR-TEST-1")).body("editedBy", equalTo("ayse.ops"))
                .body("editedAt", org.hamcrest.Matchers.notNullValue());
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).get("/approvals").then().statusCode(200)
                .body("waiting.find { it.notificationId == '" + id + "' }.note", equalTo(note))
                .body("waiting.find { it.notificationId == '" + id + "' }.editedBy", equalTo("ayse.ops"));
        assertThat(notifications().find(id).orElseThrow().state()).isEqualTo(NotificationRepository.State.PROPOSED);

        var preview = given().header("x-api-key", KargoStack.ORDERS_API_KEY).get("/approvals/" + id + "/preview").then().statusCode(200)
                .body("notificationId", equalTo(id)).body("channel", equalTo("email")).body("locale", equalTo("tr"))
                .extract().jsonPath();
        assertThat(preview.getString("subject")).isNotBlank();
        assertThat(preview.getString("text")).startsWith("Can, siparişin gecikti").contains(note).contains("OZUR-TEST-1")
                .doesNotContain("Sorun yaşarsan").doesNotContain("can.preview@example.com").doesNotContain("5321112299");
        assertThat(preview.getString("html")).contains("yeni tahmini teslim için &lt;kargo&gt; ile görüştük.");

        withKey().body("{\"decision\": \"edit\", \"by\": \"x\", \"note\": \"" + "a".repeat(501) + "\"}").post("/approvals/" + id)
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("note: at most 500 characters (it has 501)"));
        withKey().body("{\"decision\": \"edit\", \"by\": \"x\", \"note\": 5}").post("/approvals/" + id)
                .then().statusCode(400).body("detail", startsWith("note: a text"));
        withKey().body("{\"decision\": \"edit\", \"by\": \"x\", \"note\": \"zil\\u0007\"}").post("/approvals/" + id)
                .then().statusCode(400).body("detail", startsWith("note: plain text only"));
        withKey().body("{\"decision\": \"edit\", \"by\": \"x\", \"links\": [\"nps_survey\"]}").post("/approvals/" + id)
                .then().statusCode(400).body("detail", startsWith("links: \"nps_survey\" is not offered by this message"));
        withKey().body("{\"decision\": \"edit\", \"by\": \"x\", \"links\": \"support\"}").post("/approvals/" + id)
                .then().statusCode(400).body("detail", startsWith("links: a list"));
        withKey().body("{\"decision\": \"edit\", \"by\": \"x\", \"discountPercent\": \"ten\"}").post("/approvals/" + id)
                .then().statusCode(400).body("detail", startsWith("discountPercent: a whole number from 1 to 90"));
        withKey().body("{\"decision\": \"edit\", \"by\": \"x\", \"discountPercent\": 95}").post("/approvals/" + id)
                .then().statusCode(400).body("detail", equalTo("discountPercent: 1 to 90 (it is 95)"));
        withKey().body("{\"decision\": \"edit\", \"by\": \"x\", \"discountPercent\": 87}").post("/approvals/" + id)
                .then().statusCode(400).body("detail", startsWith("discountPercent: the pool of 87 % has no code left"));
        assertThat(notifications().find(id).orElseThrow().intent().details().note()).as("bad edits changed nothing").isEqualTo(note);

        given().contentType("application/json").body("{\"decision\": \"edit\", \"by\": \"x\", \"note\": \"n\"}").post("/approvals/" + id)
                .then().statusCode(401);
        given().get("/approvals/" + id + "/preview").then().statusCode(401).contentType(startsWith("application/problem+json"));

        withKey().body("{\"decision\": \"approve\", \"by\": \"ayse.ops\"}").post("/approvals/" + id).then().statusCode(200);
        withKey().body("{\"decision\": \"edit\", \"by\": \"ayse.ops\", \"note\": \"geç\"}").post("/approvals/" + id)
                .then().statusCode(409).contentType(startsWith("application/problem+json"));
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).get("/approvals/" + id + "/preview").then().statusCode(409);
        assertThat(notifications().find(id).orElseThrow().intent().details().note()).isEqualTo(note);
        KargoStackResource.stack().drain(KargoStackResource.stack().queues().outbound());
    }

    @Test
    void operations_edit_a_note_preview_it_and_approve_from_the_page_in_a_real_browser() throws Exception {
        KargoStack stack = KargoStackResource.stack();
        stack.drain(stack.queues().outbound());
        String id = proposeForStoredOrder();
        try (Chromium chromium = Chromium.launch()) {
            Page page = chromium.open("http://127.0.0.1:" + RestAssured.port + "/approvals/page");
            page.evaluate("document.getElementById('key').value = '" + KargoStack.ORDERS_API_KEY + "';"
                    + "document.getElementById('by').value = 'Ayşe Ops';"
                    + "document.querySelector('#login button').click()");
            String row = "document.querySelector('tr[data-id=\"" + id + "\"]')";
            awaitTrue(page, row + " !== null");
            assertThat(page.evaluate("document.querySelector('label[for=\"note-" + id + "\"]').textContent").asText()).startsWith("Kişisel not");
            assertThat(page.evaluate("document.getElementById('link-" + id + "-support').checked").asBoolean()).isTrue();
            assertThat(page.evaluate("document.getElementById('percent-" + id + "').value").asText()).isEqualTo("10");
            page.evaluate(row + ".querySelector('summary').click();"
                    + "document.getElementById('note-" + id + "').value = 'Kapıcıya bırakılacak, iyi günler.';"
                    + "document.getElementById('link-" + id + "-support').click();"
                    + row + ".querySelector('button.save').click()");
            awaitTrue(page, "document.getElementById('status').textContent.includes('Düzenlendi')");
            awaitTrue(page, row + " !== null && " + row + ".textContent.includes('Not: Kapıcıya bırakılacak, iyi günler.')");
            assertThat(page.evaluate(row + ".textContent").asText()).contains("düzenleyen: Ayşe Ops");
            page.evaluate(row + ".querySelector('summary').click();" + row + ".querySelector('button.show-preview').click()");
            awaitTrue(page, "!" + row + ".querySelector('.preview').hidden");
            awaitTrue(page, row + ".querySelector('.preview').textContent.includes('Kapıcıya bırakılacak, iyi günler.')");
            assertThat(page.evaluate(row + ".querySelector('.preview').textContent").asText()).contains("Can, siparişin gecikti")
                    .doesNotContain("can.preview@example.com");
            page.evaluate(row + ".querySelector('button.approve').click()");
            awaitTrue(page, row + " === null");
            assertThat(page.evaluate("document.getElementById('status').textContent").asText()).contains("Onaylandı");
        }
        assertThat(stack.drain(stack.queues().outbound()).stream().map(b -> Json.read(b, Envelope.OutboundMessage.class).notificationId()))
                .containsExactly(id);
        NotificationRepository.Stored approved = notifications().find(id).orElseThrow();
        assertThat(approved.state()).isEqualTo(NotificationRepository.State.PENDING);
        assertThat(approved.intent().details().note()).isEqualTo("Kapıcıya bırakılacak, iyi günler.");
        assertThat(approved.intent().details().links()).as("the box was unticked").isEmpty();
    }

    static void awaitTrue(Page page, String expression) {
        page.awaitTrue(expression);
    }
}
