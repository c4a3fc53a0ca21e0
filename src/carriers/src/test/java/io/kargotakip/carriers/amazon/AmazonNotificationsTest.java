package io.kargotakip.carriers.amazon;

import io.kargotakip.core.carrier.PayloadException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SP-API notifications as OrderChangeNotification.json publishes them, read for the order they are about. */
class AmazonNotificationsTest {

    /** The schema's own example, with an MFN order. */
    static String orderChange(String orderId, String fulfilment) {
        return """
                {"NotificationVersion":"1.0","NotificationType":"ORDER_CHANGE","PayloadVersion":"1.0","EventTime":"2026-07-03T09:15:53.109Z",
                 "Payload":{"OrderChangeNotification":{"NotificationLevel":"OrderLevel","SellerId":"A3TH9S8BH6GOGM","AmazonOrderId":"%s",
                   "OrderChangeType":"OrderStatusChange","OrderChangeTrigger":{"TimeOfOrderChange":"2026-07-03T09:15:04.284Z","ChangeReason":"Order shipped"},
                   "Summary":{"MarketplaceId":"A33AVAJ2PDY3EV","OrderStatus":"Shipped","PurchaseDate":"2026-07-01T19:42:04.284Z",
                     "DestinationPostalCode":"34000","FulfillmentType":"%s","OrderType":"StandardOrder","NumberOfItemsShipped":1,
                     "NumberOfItemsUnshipped":0}}},
                 "NotificationMetadata":{"ApplicationId":"app-id-d0e9","SubscriptionId":"subscription-id-d0e9",
                   "PublishTime":"2026-07-03T09:15:54.284Z","NotificationId":"d0e9e693-c3ad-4373-979f-ed4ec98dd746"}}"""
                .formatted(orderId, fulfilment);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void an_order_change_of_a_merchant_fulfilled_order_names_the_order() throws Exception {
        assertThat(AmazonNotifications.orderId(bytes(orderChange("206-1111111-2222222", "MFN")))).contains("206-1111111-2222222");
    }

    @Test
    void the_same_document_delivered_through_eventbridge_names_the_order_too() throws Exception {
        String event = "{\"version\":\"0\",\"detail-type\":\"ORDER_CHANGE\",\"source\":\"aws.partner/sellingpartnerapi.amazon.com\","
                + "\"detail\":" + orderChange("206-1111111-3333333", "MFN") + "}";
        assertThat(AmazonNotifications.orderId(bytes(event))).contains("206-1111111-3333333");
    }

    @Test
    void an_amazon_fulfilled_order_or_another_notification_type_is_not_one_to_confirm() throws Exception {
        assertThat(AmazonNotifications.orderId(bytes(orderChange("206-1111111-2222222", "AFN")))).isEmpty();
        assertThat(AmazonNotifications.orderId(bytes("{\"NotificationType\":\"ANY_OFFER_CHANGED\",\"Payload\":{}}"))).isEmpty();
    }

    @Test
    void what_is_not_a_notification_or_names_no_valid_order_is_refused_without_quoting_it() {
        assertThatThrownBy(() -> AmazonNotifications.orderId(bytes("<xml/>"))).isInstanceOf(PayloadException.class)
                .hasMessage("Amazon notification payload is not valid JSON");
        assertThatThrownBy(() -> AmazonNotifications.orderId(bytes("{\"Payload\":{}}"))).isInstanceOf(PayloadException.class)
                .hasMessage("Amazon notification has no NotificationType");
        assertThatThrownBy(() -> AmazonNotifications.orderId(bytes(orderChange("../../orders", "MFN")))).isInstanceOf(PayloadException.class)
                .hasMessage("Amazon ORDER_CHANGE notification has no valid AmazonOrderId");
    }
}
