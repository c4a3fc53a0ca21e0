package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.kargotakip.aws.Json;
import io.kargotakip.aws.queue.RawEvent;
import io.kargotakip.carriers.amazon.AmazonCarrier;
import io.kargotakip.core.marketplace.MarketplacePackage;
import io.kargotakip.emulators.amazon.AmazonSandbox;
import io.kargotakip.testing.KargoStack;
import io.kargotakip.testing.KargoStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

/**
 * Amazon's orders reaching the pipeline through the poller function: an SP-API ORDER_CHANGE notification on the
 * amazon-notifications queue is confirmed by getOrder, and the scheduled run's sync pages through searchOrders —
 * each answer queued for the normalizer — against a WireMock stub of the SP-API formats and the emulators.
 */
@QuarkusTest
@QuarkusTestResource(value = KargoStackResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = AmazonApiStub.class, restrictToAnnotatedClass = true)
class AmazonOrdersThroughThePollerTest {

    static final String ORDER_ID = "206-1111111-2222222";
    static final String ORDER_PATH = "/orders/2026-01-01/orders/" + ORDER_ID;

    WireMockServer amazon;
    KargoStack stack;

    @BeforeEach
    void reset() {
        amazon = AmazonApiStub.server;
        amazon.resetAll();
        amazon.stubFor(post(urlEqualTo("/auth/o2/token")).willReturn(okJson("{\"access_token\":\"Atza|tok-1\",\"expires_in\":3600}")));
        stack = KargoStackResource.stack();
        stack.drain(stack.queues().rawEvents());
    }

    static String notificationRecord(String messageId, String orderId) {
        String notification = "{\"NotificationVersion\":\"1.0\",\"NotificationType\":\"ORDER_CHANGE\",\"PayloadVersion\":\"1.0\","
                + "\"Payload\":{\"OrderChangeNotification\":{\"AmazonOrderId\":\"" + orderId + "\",\"OrderChangeType\":\"OrderStatusChange\","
                + "\"Summary\":{\"FulfillmentType\":\"MFN\",\"OrderStatus\":\"Shipped\"}}},"
                + "\"NotificationMetadata\":{\"NotificationId\":\"n-" + messageId + "\"}}";
        return "{\"Records\":[{\"messageId\":\"" + messageId + "\",\"receiptHandle\":\"r\",\"body\":" + Json.write(notification)
                + ",\"attributes\":{\"ApproximateReceiveCount\":\"1\"},\"eventSource\":\"aws:sqs\","
                + "\"eventSourceARN\":\"arn:aws:sqs:eu-west-1:000000000000:kargo-amazon-notifications\"}]}";
    }

    @Test
    void an_order_change_notification_is_confirmed_by_get_order_and_the_order_queued_for_the_normalizer() throws Exception {
        amazon.stubFor(get(urlPathEqualTo(ORDER_PATH)).willReturn(okJson(AmazonSandbox.orderResponse(ORDER_ID, "2026-07-03T09:15:00Z",
                "Ayşe Yılmaz", List.of(new AmazonSandbox.Package("P1", "Yurtiçi Kargo", "YK123", "IN_TRANSIT", "PICKED_UP"))))));

        given().contentType(ContentType.JSON).body(notificationRecord("m1", ORDER_ID)).post()
                .then().statusCode(200).body("batchItemFailures", empty());

        amazon.verify(1, getRequestedFor(urlPathEqualTo(ORDER_PATH)).withQueryParam("includedData", equalTo("PACKAGES,BUYER")));
        List<RawEvent> queued = stack.drain(stack.queues().rawEvents()).stream().map(b -> Json.read(b, RawEvent.class)).toList();
        assertThat(queued).hasSize(1);
        assertThat(queued.get(0).source()).isEqualTo(AmazonCarrier.ID);
        assertThat(new AmazonCarrier().packages(queued.get(0).payload())).extracting(MarketplacePackage::orderNumber).containsExactly(ORDER_ID);
    }

    @Test
    void a_notification_amazon_cannot_confirm_now_is_handed_back_to_the_queue() {
        amazon.stubFor(get(urlPathEqualTo(ORDER_PATH)).willReturn(aResponse().withStatus(503)));

        given().contentType(ContentType.JSON).body(notificationRecord("m2", ORDER_ID)).post()
                .then().statusCode(200).body("batchItemFailures.itemIdentifier", contains("m2"));

        assertThat(stack.drain(stack.queues().rawEvents())).isEmpty();
    }

    @Test
    void the_scheduled_run_syncs_the_merchant_fulfilled_orders_amazon_changed() throws Exception {
        String order = new com.fasterxml.jackson.databind.ObjectMapper().readTree(AmazonSandbox.orderResponse("206-1111111-4444444",
                "2026-07-03T09:15:00Z", "Ayşe Yılmaz", List.of(new AmazonSandbox.Package("P1", "Aras Kargo", "AR1", "IN_TRANSIT", "PICKED_UP"))))
                .get("order").toString();
        amazon.stubFor(get(urlPathEqualTo("/orders/2026-01-01/orders")).willReturn(okJson("{\"orders\":[" + order + "]}")));

        given().contentType(ContentType.JSON).body(PollerFunctionTest.SCHEDULED_EVENT).post()
                .then().statusCode(200);

        amazon.verify(getRequestedFor(urlPathEqualTo("/orders/2026-01-01/orders")).withQueryParam("fulfilledBy", equalTo("MERCHANT")));
        List<RawEvent> queued = stack.drain(stack.queues().rawEvents()).stream().map(b -> Json.read(b, RawEvent.class)).toList();
        assertThat(queued).extracting(RawEvent::source).contains(AmazonCarrier.ID);
        assertThat(queued.stream().flatMap(e -> {
            try {
                return new AmazonCarrier().packages(e.payload()).stream();
            } catch (Exception ex) {
                return java.util.stream.Stream.empty();
            }
        }).map(MarketplacePackage::orderNumber)).contains("206-1111111-4444444");
    }
}
