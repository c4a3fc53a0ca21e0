package io.kargotakip.functions.ordersapi;

import io.kargotakip.aws.store.ConsentLedger;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.order.CustomerId;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.core.template.Brand;
import io.kargotakip.core.template.Links;
import io.kargotakip.testing.KargoStack;
import io.kargotakip.testing.KargoStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(KargoStackResource.class)
class OptOutResourceTest {

    @Test
    void the_link_of_a_message_opts_its_customer_out_of_its_channel_by_one_click_post_and_get_only_shows_the_page() {
        KargoStack stack = KargoStackResource.stack();
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json").body("""
                {"orderId":"LINK-1","orderNo":"8001","source":"web",
                 "customer":{"firstName":"Deniz","email":"deniz@example.com","phone":"+905321119900","locale":"tr"},
                 "consent":{"email":true,"sms":true},
                 "shipments":[{"carrier":"ups","trackingNumber":"1Z999AA10123458001"}]}""").post("/orders").then().statusCode(201);
        NotificationIntent intent = NotificationIntent.of(new StatusChange(new ShipmentId("ups", "1Z999AA10123458001"), "LINK-1", null,
                TrackingStatus.OUT_FOR_DELIVERY, null, Instant.now(), null, null, null, "k"), MessageKind.OUT_FOR_DELIVERY, "sms");
        new NotificationRepository(stack.dynamo(), stack.tables().notifications(), Duration.ofDays(30)).createIfAbsent(intent, Instant.now());
        String url = new Links(Brand.fromEnvironment(stack.environment()::get)).optOut(intent.notificationId());
        String path = url.substring(url.indexOf("/u/"));
        ConsentLedger ledger = new ConsentLedger(stack.dynamo(), stack.tables().orders());
        String customer = CustomerId.ofEmail("deniz@example.com");

        given().get(path).then().statusCode(200).contentType(startsWith("text/html")).body(containsString("method=\"post\""));
        assertThat(ledger.granted(customer, "sms")).as("a link preview opts nobody out").contains(true);

        given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click").post(path).then().statusCode(200);

        ConsentLedger.Entry sms = ledger.current(customer).get("sms");
        assertThat(sms.granted()).isFalse();
        assertThat(sms.source()).isEqualTo("opt-out-link");
        assertThat(sms.text()).isEqualTo(OptOutResource.PAGE_TEXT);
        assertThat(ledger.granted(customer, "email")).as("only the message's channel").contains(true);
    }

    @Test
    void a_forged_or_unknown_link_is_a_404_problem_and_changes_nothing() {
        given().get("/u/n-123.forged").then().statusCode(404).contentType(startsWith("application/problem+json"));
        given().body("List-Unsubscribe=One-Click").post("/u/n-123.forged").then().statusCode(404);
        given().body("List-Unsubscribe=One-Click").post("/u/no-dot").then().statusCode(404);
    }
}
