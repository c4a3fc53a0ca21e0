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

    @Test
    void a_turkish_phone_in_national_form_is_accepted_and_stored_in_e164() {
        KargoStack stack = KargoStackResource.stack();
        String body = ORDER.replace("WEB-5001", "WEB-PHONE").replace("\"+905321234567\"", "\"05321234567\"");
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json").body(body).post("/orders")
                .then().statusCode(201);

        assertThat(new OrderRepository(stack.dynamo(), stack.tables().orders()).find("WEB-PHONE").orElseThrow().customer().phone())
                .isEqualTo("+905321234567");
    }

    @Test
    void csv_phones_in_every_common_form_are_stored_in_e164() {
        KargoStack stack = KargoStackResource.stack();
        String csv = """
                order_id,first_name,phone,consent_sms,carrier,tracking_number
                TEL-1,Ali,5321234567,true,ups,1Z999AA10000000011
                TEL-2,Can,+90 532 123 45 67,true,ups,1Z999AA10000000012
                TEL-3,Ece,0090 532 123 4567,true,ups,1Z999AA10000000013
                TEL-4,Nur,(0532) 123-45-67,true,ups,1Z999AA10000000014
                """;
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("text/csv").body(csv).post("/orders")
                .then().statusCode(201).body("orders", equalTo(4));

        OrderRepository orders = new OrderRepository(stack.dynamo(), stack.tables().orders());
        for (String id : List.of("TEL-1", "TEL-2", "TEL-3", "TEL-4")) {
            Order order = orders.find(id).orElseThrow();
            assertThat(order.customer().phone()).as(id).isEqualTo("+905321234567");
            assertThat(order.consent().allows("sms")).as(id).isTrue();
        }
    }

    @Test
    void an_invalid_phone_is_refused_with_its_reason_and_nothing_is_stored() {
        KargoStack stack = KargoStackResource.stack();
        String body = ORDER.replace("WEB-5001", "WEB-BADPHONE").replace("\"+905321234567\"", "\"0532 123\"");
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json").body(body).post("/orders")
                .then().statusCode(422).contentType(startsWith("application/problem+json"))
                .body("errors", equalTo(List.of("line 1: customer.phone is not a valid number in TR; give it as 05321234567 or +905321234567")));
        assertThat(new OrderRepository(stack.dynamo(), stack.tables().orders()).find("WEB-BADPHONE")).isEmpty();

        String csv = """
                order_id,first_name,phone,carrier,tracking_number
                TEL-9,Ali,not a phone,ups,1Z999AA10000000019
                """;
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("text/csv").body(csv).post("/orders")
                .then().statusCode(422).body("errors", equalTo(List.of("line 2: customer.phone is not a phone number; give it as 05321234567 or +905321234567")));
    }

    @Test
    void contacts_and_consents_of_other_channels_come_in_the_per_channel_form() {
        KargoStack stack = KargoStackResource.stack();
        String body = """
                {"orderId":"WEB-MAP","customer":{"firstName":"Ayşe","email":"ayse@example.com","contacts":{"device_token":"fcm-1"}},
                 "consent":{"email":true,"push":true},
                 "shipments":[{"carrier":"ups","trackingNumber":"1Z999AA10123456799"}]}""";
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json").body(body).post("/orders")
                .then().statusCode(201);

        Order order = new OrderRepository(stack.dynamo(), stack.tables().orders()).find("WEB-MAP").orElseThrow();
        assertThat(order.customer().contact(io.kargotakip.core.channel.ContactKind.DEVICE_TOKEN)).isEqualTo("fcm-1");
        assertThat(order.consent().allows("push")).isTrue();
        assertThat(order.consent().allows("webpush")).as("web push follows push unless stated").isTrue();
        assertThat(order.consent().allows("sms")).isFalse();

        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json")
                .body(body.replace("WEB-MAP", "WEB-MAP2").replace("device_token", "fax")).post("/orders")
                .then().statusCode(422).body("errors[0]", startsWith("line 1: customer.contacts.fax is not a contact kind; known: [email, phone"));
    }

    @Test
    void the_delivery_country_is_stored_in_upper_case_and_an_unknown_code_is_refused_with_its_line() {
        KargoStack stack = KargoStackResource.stack();
        OrderRepository orders = new OrderRepository(stack.dynamo(), stack.tables().orders());
        String good = ORDER.replace("WEB-5001", "WEB-DE1").replace("\"locale\":\"tr\"", "\"locale\":null")
                .replace("\"shipments\"", "\"shipTo\":{\"country\":\"de\"},\"shipments\"");
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json").body(good).post("/orders")
                .then().statusCode(201);
        assertThat(orders.find("WEB-DE1").orElseThrow().shipToCountry()).isEqualTo("DE");

        String bad = "{\"orders\":[" + good.replace("WEB-DE1", "WEB-DE2") + "," + good.replace("WEB-DE1", "WEB-TX").replace("\"de\"", "\"TX\"") + "]}";
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json").body(bad).post("/orders")
                .then().statusCode(422).body("errors", equalTo(List.of("line 2: shipTo.country: \"TX\" is not an ISO 3166 country code")));
        assertThat(orders.find("WEB-DE2")).as("all or nothing").isEmpty();

        String csv = """
                order_id,email,consent_email,carrier,tracking_number,ship_to_country
                CSV-DE,jonas@example.com,true,ups,1Z999AA10000000077,de
                """;
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("text/csv").body(csv).post("/orders").then().statusCode(201);
        assertThat(orders.find("CSV-DE").orElseThrow().shipToCountry()).isEqualTo("DE");
    }
}
