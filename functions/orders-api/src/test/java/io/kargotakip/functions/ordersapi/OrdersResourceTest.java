package io.kargotakip.functions.ordersapi;

import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.testing.KargoStack;
import io.kargotakip.testing.KargoStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(KargoStackResource.class)
class OrdersResourceTest {

    static final String ORDER = """
            {"orderId":"WEB-5001","orderNo":"5001","source":"web",
             "customer":{"firstName":"Ayşe","email":"ayse@example.com","phone":"+905321234567","locale":"tr"},
             "consent":{"email":true,"sms":false},
             "shipments":[{"carrier":"ups","trackingNumber":"1Z999AA10123456784"}]}""";

    @Test
    void an_order_is_stored_with_its_consent_and_its_shipment_is_scheduled_for_polling() {
        KargoStack stack = KargoStackResource.stack();
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json").body(ORDER).post("/orders")
                .then().statusCode(201).body("orders", equalTo(1)).body("shipments", equalTo(1));

        Order order = new OrderRepository(stack.dynamo(), stack.tables().orders()).find("WEB-5001").orElseThrow();
        assertThat(order.customer().email()).isEqualTo("ayse@example.com");
        assertThat(order.consent().email()).isTrue();
        assertThat(order.consent().sms()).isFalse();
        ShipmentRepository shipments = new ShipmentRepository(stack.dynamo(), stack.tables().shipments());
        assertThat(shipments.find(new ShipmentId("ups", "1Z999AA10123456784")).orElseThrow().orderId()).isEqualTo("WEB-5001");
        assertThat(shipments.nextPoll(new ShipmentId("ups", "1Z999AA10123456784"))).isPresent();
    }

    @Test
    void without_the_api_key_nothing_is_stored() {
        KargoStack stack = KargoStackResource.stack();
        given().contentType("application/json").body(ORDER.replace("WEB-5001", "WEB-NOKEY")).post("/orders")
                .then().statusCode(401).contentType(startsWith("application/problem+json"));
        assertThat(new OrderRepository(stack.dynamo(), stack.tables().orders()).find("WEB-NOKEY")).isEmpty();
    }

    @Test
    void one_bad_order_rejects_the_whole_call_with_every_problem_listed() {
        KargoStack stack = KargoStackResource.stack();
        String body = "{\"orders\":[" + ORDER.replace("WEB-5001", "WEB-GOOD") + ","
                + ORDER.replace("WEB-5001", "WEB-BAD").replace("ayse@example.com", "not-an-email").replace("\"ups\"", "\"fedex\"") + "]}";
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json").body(body).post("/orders")
                .then().statusCode(422).contentType(startsWith("application/problem+json"))
                .body("errors", hasItems("line 2: customer.email is not an e-mail address", "line 2: carrier 'fedex' is not configured; known: [amazon, aras, dhl, hepsijet, mng, ptt, surat, trendyol-express, ups, yurtici]"));
        assertThat(new OrderRepository(stack.dynamo(), stack.tables().orders()).find("WEB-GOOD")).as("nothing half-imported").isEmpty();
    }

    @Test
    void a_carrier_given_as_auto_is_told_by_the_tracking_number_or_the_merchant_is_asked_for_it() {
        KargoStack stack = KargoStackResource.stack();
        String csv = """
                order_id,order_no,first_name,email,locale,consent_email,carrier,tracking_number
                AUTO-1,1,Ali,ali@example.com,tr,true,auto,1Z999AA10123450001
                """;
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("text/csv").body(csv).post("/orders")
                .then().statusCode(201);
        assertThat(new OrderRepository(stack.dynamo(), stack.tables().orders()).find("AUTO-1").orElseThrow().shipments())
                .containsExactly(new ShipmentId("ups", "1Z999AA10123450001"));

        String unknown = csv.replace("AUTO-1", "AUTO-2").replace("1Z999AA10123450001", "7310000123");
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("text/csv").body(unknown).post("/orders")
                .then().statusCode(422).body("errors[0]", startsWith("line 2: carrier 'auto': the tracking number's format is not distinctive"))
                .body("errors[0]", org.hamcrest.Matchers.containsString("give the carrier, one of amazon, aras, dhl"));
        assertThat(new OrderRepository(stack.dynamo(), stack.tables().orders()).find("AUTO-2")).isEmpty();
    }

    @Test
    void csv_with_a_bad_row_is_reported_by_line() {
        String csv = """
                order_id,order_no,first_name,email,locale,consent_email,carrier,tracking_number
                CSV-1,1,Ali,ali@example.com,tr,true,ups,1Z999AA10000000001
                CSV-2,2,Can,can@example.com,tr,maybe,ups,1Z999AA10000000002
                """;
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("text/csv").body(csv).post("/orders")
                .then().statusCode(422).body("errors", equalTo(List.of("line 3: consent_email must be true or false, not 'maybe'")));
    }

    @Test
    void unreadable_json_is_a_400_problem() {
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json").body("{\"orderId\": [")
                .post("/orders").then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("title", equalTo("Unreadable orders"));
    }

    @Test
    void a_json_null_or_an_empty_body_is_a_400_problem_not_a_5xx() {
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json").body("null")
                .post("/orders").then().statusCode(400).contentType(startsWith("application/problem+json"));
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json").body("")
                .post("/orders").then().statusCode(400).contentType(startsWith("application/problem+json"));
    }
}
