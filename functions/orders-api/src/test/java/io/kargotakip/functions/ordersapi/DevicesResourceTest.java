package io.kargotakip.functions.ordersapi;

import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.core.channel.ContactKind;
import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.order.Order;
import io.kargotakip.emulators.sns.SnsSandbox;
import io.kargotakip.testing.KargoStack;
import io.kargotakip.testing.KargoStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** {@code PUT /orders/{orderId}/devices}: an app's device token becomes an SNS endpoint and the customer's device contact. */
@QuarkusTest
@QuarkusTestResource(DevicesResourceTest.WithPush.class)
class DevicesResourceTest {

    static final String FCM_APP = "arn:aws:sns:eu-central-1:111122223333:app/GCM/kargo-takip-android";
    static final String APNS_APP = "arn:aws:sns:eu-central-1:111122223333:app/APNS/kargo-takip-ios";

    /** The test stack with FCM and APNs configured (and the APNs sandbox not). */
    public static class WithPush extends KargoStackResource {
        @Override
        public Map<String, String> start() {
            Map<String, String> env = new HashMap<>(super.start());
            env.put("KARGO_PUSH_FCM_APP_ARN", FCM_APP);
            env.put("KARGO_PUSH_APNS_APP_ARN", APNS_APP);
            return env;
        }
    }

    static OrderRepository orders() {
        KargoStack stack = KargoStackResource.stack();
        return new OrderRepository(stack.dynamo(), stack.tables().orders());
    }

    static String order() {
        String id = "MX-" + UUID.randomUUID();
        orders().save(new Order(id, "1001", "web", new Customer("Ayşe", "ayse@example.com", "+905321234567", "tr"),
                Consent.none(), List.of(), Instant.now()));
        return id;
    }

    static SnsSandbox sns() {
        return KargoStackResource.stack().emulators().snsSandbox();
    }

    @Test
    void a_device_token_becomes_an_endpoint_of_the_platform_application_and_the_customers_device_contact() {
        String orderId = order();
        String token = "fcm-token-" + UUID.randomUUID();
        String arn = given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json")
                .body("{\"platform\":\"fcm\",\"token\":\"" + token + "\"}").put("/orders/" + orderId + "/devices")
                .then().statusCode(200).body("orderId", equalTo(orderId)).body("platform", equalTo("fcm"))
                .body("endpointArn", startsWith("arn:aws:sns:eu-central-1:111122223333:endpoint/GCM/kargo-takip-android/"))
                .extract().path("endpointArn");

        assertThat(sns().endpoint(arn)).hasValueSatisfying(e -> {
            assertThat(e.applicationArn()).isEqualTo(FCM_APP);
            assertThat(e.token()).isEqualTo(token);
            assertThat(e.enabled()).isTrue();
        });
        Customer customer = orders().find(orderId).orElseThrow().customer();
        assertThat(customer.contact(ContactKind.DEVICE_TOKEN)).isEqualTo(arn);
        assertThat(customer.email()).as("the other contacts stay").isEqualTo("ayse@example.com");
        assertThat(customer.phone()).isEqualTo("+905321234567");

        // the app registers on every start: the same token is the same endpoint
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json")
                .body("{\"platform\":\"fcm\",\"token\":\"" + token + "\"}").put("/orders/" + orderId + "/devices")
                .then().statusCode(200).body("endpointArn", equalTo(arn));

        String apns = given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json")
                .body("{\"platform\":\"APNS\",\"token\":\"" + "a1b2c3d4".repeat(8) + "\"}").put("/orders/" + orderId + "/devices")
                .then().statusCode(200).body("platform", equalTo("apns")).extract().path("endpointArn");
        assertThat(apns).contains(":endpoint/APNS/kargo-takip-ios/");
        assertThat(orders().find(orderId).orElseThrow().customer().contact(ContactKind.DEVICE_TOKEN)).as("the latest device").isEqualTo(apns);
    }

    @Test
    void an_unknown_or_unconfigured_platform_is_422_with_the_reason() {
        String orderId = order();
        int endpoints = sns().endpoints().size();
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json")
                .body("{\"platform\":\"huawei\",\"token\":\"" + UUID.randomUUID() + "\"}").put("/orders/" + orderId + "/devices")
                .then().statusCode(422).contentType(startsWith("application/problem+json"))
                .body("title", equalTo("Unknown platform")).body("detail", containsString("fcm, apns, apns_sandbox"));
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json")
                .body("{\"platform\":\"apns_sandbox\",\"token\":\"" + UUID.randomUUID() + "\"}").put("/orders/" + orderId + "/devices")
                .then().statusCode(422).body("title", equalTo("Platform not configured"))
                .body("detail", containsString("KARGO_PUSH_APNS_SANDBOX_APP_ARN"));
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json")
                .body("{\"platform\":\"fcm\",\"token\":\"has spaces in it, not a token\"}").put("/orders/" + orderId + "/devices")
                .then().statusCode(422).body("title", equalTo("Invalid token"));
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json")
                .body("{\"platform\":\"fcm\"}").put("/orders/" + orderId + "/devices")
                .then().statusCode(422).body("detail", containsString("token"));
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json")
                .body("not json").put("/orders/" + orderId + "/devices")
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
        assertThat(sns().endpoints()).as("no endpoint made").hasSize(endpoints);
        assertThat(orders().find(orderId).orElseThrow().customer().contact(ContactKind.DEVICE_TOKEN)).isNull();
    }

    @Test
    void an_unknown_order_is_404_and_makes_no_endpoint() {
        int endpoints = sns().endpoints().size();
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json")
                .body("{\"platform\":\"fcm\",\"token\":\"" + UUID.randomUUID() + "\"}").put("/orders/NO-SUCH-ORDER/devices")
                .then().statusCode(404).contentType(startsWith("application/problem+json")).body("title", equalTo("Order not found"));
        assertThat(sns().endpoints()).hasSize(endpoints);
    }

    @Test
    void without_the_api_key_nothing_is_registered() {
        String orderId = order();
        int endpoints = sns().endpoints().size();
        given().contentType("application/json").body("{\"platform\":\"fcm\",\"token\":\"" + UUID.randomUUID() + "\"}")
                .put("/orders/" + orderId + "/devices").then().statusCode(401);
        given().header("x-api-key", "wrong").contentType("application/json").body("{\"platform\":\"fcm\",\"token\":\"" + UUID.randomUUID() + "\"}")
                .put("/orders/" + orderId + "/devices").then().statusCode(401);
        assertThat(sns().endpoints()).hasSize(endpoints);
        assertThat(orders().find(orderId).orElseThrow().customer().contact(ContactKind.DEVICE_TOKEN)).isNull();
    }
}
