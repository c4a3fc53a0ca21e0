package io.kargotakip.functions.ordersapi;

import io.kargotakip.aws.store.SelfServiceLog;
import io.kargotakip.core.address.Address;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.testing.KargoStack;
import io.kargotakip.testing.KargoStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Operations read a shipment's new addresses from the tracking page and confirm the current one, with the API key. */
@QuarkusTest
@QuarkusTestResource(KargoStackResource.class)
class AddressChangesResourceTest {

    private final KargoStack stack = KargoStackResource.stack();
    private final SelfServiceLog log = new SelfServiceLog(stack.dynamo(), stack.tables().shipments(), Duration.ofDays(180));

    @Test
    void operations_list_the_changes_and_confirm_the_current_one() {
        ShipmentId shipment = new ShipmentId("ups", "1ZADDR" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase());
        log.changeAddress(shipment, new Address("İstanbul", "Kadıköy", "Caferağa Mah", "34710", "Moda Cad. No: 12", null), Instant.now());
        log.changeAddress(shipment, new Address("İstanbul", "Kadıköy", "Caferağa Mah", "34710", "Moda Cad. No: 14", null), Instant.now());
        String path = "/shipments/" + shipment + "/address";
        given().get(path).then().statusCode(401).contentType("application/problem+json");
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).get(path).then().statusCode(200)
                .body("changes.size()", equalTo(2)).body("changes[1].state", equalTo("pending"))
                .body("changes[1].fields.line", equalTo("Moda Cad. No: 14"));
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).post(path + "/confirmation").then().statusCode(200)
                .body("state", equalTo("confirmed")).body("number", equalTo(2));
        assertThat(log.findAddress(shipment, Instant.now())).hasValueSatisfying(c -> assertThat(c.pending()).isFalse());
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).get("/shipments/ups:1ZNONE00000000000/address").then().statusCode(404);
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).post("/shipments/no-colon/address/confirmation").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
