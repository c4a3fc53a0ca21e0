package io.kargotakip.functions.webhookreceiver;

import io.kargotakip.aws.Json;
import io.kargotakip.aws.queue.RawEvent;
import io.kargotakip.testing.KargoStack;
import io.kargotakip.testing.KargoStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(KargoStackResource.class)
class WebhookResourceTest {

    static final String PUSH = """
            {"trackingNumber":"1Z999AA10123456784","localActivityDate":"20261127","localActivityTime":"091500",
             "gmtActivityDate":"20261127","gmtActivityTime":"061500","gmtOffset":"+03:00",
             "activityLocation":{"city":"ISTANBUL","country":"TR"},
             "activityStatus":{"type":"I","code":"OT","description":"Out For Delivery Today"}}""";

    KargoStack stack;

    @BeforeEach
    void emptyQueue() {
        stack = KargoStackResource.stack();
        stack.drain(stack.queues().rawEvents());
    }

    @Test
    void an_authentic_push_is_queued_with_202() {
        given().header("Authorization", "Bearer " + KargoStack.UPS_WEBHOOK_CREDENTIAL).contentType("application/json").body(PUSH)
                .post("/webhooks/ups")
                .then().statusCode(202).body("status", equalTo("accepted"));

        List<String> queued = stack.drain(stack.queues().rawEvents());
        assertThat(queued).hasSize(1);
        RawEvent raw = Json.read(queued.get(0), RawEvent.class);
        assertThat(raw.source()).isEqualTo("ups");
        assertThat(raw.via()).isEqualTo("webhook");
        assertThat(new String(raw.payload(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(PUSH);
        assertThat(raw.traceId()).isNotBlank();
    }

    @Test
    void missing_credentials_get_a_401_problem_and_nothing_is_queued() {
        given().contentType("application/json").body(PUSH).post("/webhooks/ups")
                .then().statusCode(401).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(401)).body("title", equalTo("Unauthorized"))
                .body("detail", equalTo("missing bearer credentials"));
        assertThat(stack.drain(stack.queues().rawEvents())).isEmpty();
    }

    @Test
    void wrong_credentials_get_a_401_problem_and_nothing_is_queued() {
        given().header("Authorization", "Bearer not-the-credential").contentType("application/json").body(PUSH)
                .post("/webhooks/ups")
                .then().statusCode(401).contentType(startsWith("application/problem+json")).body("detail", equalTo("wrong credentials"));
        assertThat(stack.drain(stack.queues().rawEvents())).isEmpty();
    }

    @Test
    void an_unknown_source_is_404() {
        given().header("Authorization", "Bearer " + KargoStack.UPS_WEBHOOK_CREDENTIAL).body(PUSH).post("/webhooks/fedex")
                .then().statusCode(404).contentType(startsWith("application/problem+json")).body("status", equalTo(404));
        assertThat(stack.drain(stack.queues().rawEvents())).isEmpty();
    }

    @Test
    void an_unreadable_payload_is_400_even_when_authentic() {
        given().header("Authorization", "Bearer " + KargoStack.UPS_WEBHOOK_CREDENTIAL).contentType("application/json")
                .body("{\"hello\":\"world\"}").post("/webhooks/ups")
                .then().statusCode(400).contentType(startsWith("application/problem+json")).body("title", equalTo("Unreadable payload"));
        assertThat(stack.drain(stack.queues().rawEvents())).isEmpty();
    }

    @Test
    void an_oversized_payload_is_413() {
        String big = "{\"trackingNumber\":\"" + "X".repeat(300 * 1024) + "\"}";
        given().header("Authorization", "Bearer " + KargoStack.UPS_WEBHOOK_CREDENTIAL).contentType("application/json").body(big)
                .post("/webhooks/ups")
                .then().statusCode(413).contentType(startsWith("application/problem+json"));
        assertThat(stack.drain(stack.queues().rawEvents())).isEmpty();
    }

    @Test
    void a_wrong_method_is_a_problem_not_a_stack_trace() {
        given().get("/webhooks/ups").then().statusCode(405).contentType(startsWith("application/problem+json"));
    }
}
