package io.kargotakip.functions.ordersapi;

import io.kargotakip.aws.store.ConsentLedger;
import io.kargotakip.core.order.CustomerId;
import io.kargotakip.testing.KargoStack;
import io.kargotakip.testing.KargoStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(KargoStackResource.class)
class PreferencesResourceTest {

    static String order(String orderId, String email, String tracking) {
        return """
                {"orderId":"%s","orderNo":"7001","source":"web",
                 "customer":{"firstName":"Zeynep","email":"%s","phone":"+905321110000","locale":"tr"},
                 "consent":{"email":true,"sms":true},
                 "shipments":[{"carrier":"ups","trackingNumber":"%s"}]}""".formatted(orderId, email, tracking);
    }

    @Test
    void an_import_records_its_consents_and_a_change_through_the_api_is_the_new_preference_with_its_history() {
        KargoStack stack = KargoStackResource.stack();
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json")
                .body(order("PREF-1", "Zeynep@Example.com", "1Z999AA10123457001")).post("/orders").then().statusCode(201);
        String id = CustomerId.ofEmail("zeynep@example.com");

        given().header("x-api-key", KargoStack.ORDERS_API_KEY).get("/customers/" + id + "/preferences").then().statusCode(200)
                .body("customerId", equalTo(id)).body("preferences.sms.granted", equalTo(true))
                .body("preferences.sms.source", equalTo("order-import"));

        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json")
                .body("{\"channel\":\"sms\",\"granted\":false,\"text\":\"Kargo bildirimlerini SMS ile almak istemiyorum\"}")
                .put("/customers/" + id + "/preferences").then().statusCode(200)
                .body("preferences.sms.granted", equalTo(false)).body("preferences.sms.source", equalTo("preference-api"))
                .body("preferences.email.granted", equalTo(true)).body("history.size()", equalTo(3));

        ConsentLedger ledger = new ConsentLedger(stack.dynamo(), stack.tables().orders());
        assertThat(ledger.granted(id, "sms")).as("what the sender reads before the next SMS").contains(false);
        assertThat(ledger.current(id).get("sms").text()).isEqualTo("Kargo bildirimlerini SMS ile almak istemiyorum");

        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json")
                .body(order("PREF-2", "zeynep@example.com", "1Z999AA10123457002")).post("/orders").then().statusCode(201);
        assertThat(ledger.granted(id, "sms")).as("the next order's ticked box does not undo the customer's opt-out").contains(false);
    }

    @Test
    void bad_input_unknown_customers_and_missing_keys_are_problems() {
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json")
                .body(order("PREF-3", "can@example.com", "1Z999AA10123457003")).post("/orders").then().statusCode(201);
        String id = CustomerId.ofEmail("can@example.com");
        String path = "/customers/" + id + "/preferences";

        given().get(path).then().statusCode(401).contentType(startsWith("application/problem+json"));
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json")
                .body("{\"channel\":\"fax\",\"granted\":false}").put(path).then().statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("errors", hasItem(startsWith("channel must be one of [email, push, sms, webpush, whatsapp]")))
                .body("errors", hasItem(startsWith("text is required")));
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json").body("{\"channel\":").put(path)
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).get("/customers/c-0000000000000000/preferences").then().statusCode(404)
                .contentType(startsWith("application/problem+json")).body("title", equalTo("Unknown customer"));
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json")
                .body("{\"channel\":\"sms\",\"granted\":true,\"text\":\"Evet\"}").put("/customers/not-an-id/preferences").then().statusCode(404);
    }
}
