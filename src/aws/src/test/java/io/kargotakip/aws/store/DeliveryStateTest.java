package io.kargotakip.aws.store;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.store.NotificationRepository.Delivery;
import io.kargotakip.aws.store.NotificationRepository.DeliveryEvent;
import io.kargotakip.aws.store.NotificationRepository.Recorded;
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.Emulators;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Provider feedback on stored notifications, and reply opt-outs, against dynalite through the real SDK. */
class DeliveryStateTest {

    static DynamoDbClient dynamo;
    static TableNames tables;
    static NotificationRepository notifications;
    static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    @BeforeAll
    static void tables() {
        dynamo = AwsClients.dynamoDb(Emulators.shared().dynamoDb());
        tables = TableNames.withPrefix("w" + UUID.randomUUID().toString().substring(0, 8) + "-");
        KargoTables.createAll(dynamo, tables);
        notifications = new NotificationRepository(dynamo, tables.notifications(), Duration.ofDays(30));
    }

    /** A WhatsApp notification sent with this wamid. */
    static String sent(String wamid) {
        ShipmentId shipment = new ShipmentId("ups", "1Z" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
        NotificationIntent intent = NotificationIntent.of(new StatusChange(shipment, "O-1", null, TrackingStatus.DELIVERED, null,
                T0, null, null, null, "k"), MessageKind.DELIVERED, "whatsapp");
        notifications.createIfAbsent(intent, T0);
        assertThat(notifications.claim(intent.notificationId(), T0, Duration.ofMinutes(2))).isTrue();
        notifications.markSent(intent.notificationId(), wamid, T0);
        return intent.notificationId();
    }

    static String wamid() {
        return "wamid.HBgM" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void a_sent_notification_is_found_by_its_provider_message_id() {
        String wamid = wamid();
        String id = sent(wamid);
        assertThat(notifications.findByProviderMessageId(wamid)).contains(id);
        assertThat(notifications.findByProviderMessageId("wamid.unknown")).isEmpty();
    }

    @Test
    void statuses_move_the_message_forward_each_recorded_once_and_a_late_one_never_moves_it_back() {
        String id = sent(wamid());
        assertThat(notifications.delivery(id)).as("nothing reported yet").isEmpty();

        assertThat(notifications.recordDelivery(id, Delivery.SENT, T0.plusSeconds(1), null)).isEqualTo(Recorded.ADVANCED);
        assertThat(notifications.recordDelivery(id, Delivery.DELIVERED, T0.plusSeconds(5), null)).isEqualTo(Recorded.ADVANCED);
        assertThat(notifications.recordDelivery(id, Delivery.DELIVERED, T0.plusSeconds(5), null)).as("Meta repeats a webhook")
                .isEqualTo(Recorded.DUPLICATE);
        assertThat(notifications.recordDelivery(id, Delivery.READ, T0.plusSeconds(60), null)).isEqualTo(Recorded.ADVANCED);

        var state = notifications.delivery(id).orElseThrow();
        assertThat(state.latest()).isEqualTo(new DeliveryEvent(Delivery.READ, T0.plusSeconds(60), null));
        assertThat(state.history()).extracting(DeliveryEvent::status).containsExactly(Delivery.SENT, Delivery.DELIVERED, Delivery.READ);
        assertThat(notifications.find(id).orElseThrow().state()).as("the send's own state stays").isEqualTo(NotificationRepository.State.SENT);
    }

    @Test
    void a_late_delivered_after_read_stays_in_the_history_only() {
        String id = sent(wamid());
        assertThat(notifications.recordDelivery(id, Delivery.READ, T0.plusSeconds(60), null)).isEqualTo(Recorded.ADVANCED);
        assertThat(notifications.recordDelivery(id, Delivery.DELIVERED, T0.plusSeconds(5), null)).isEqualTo(Recorded.HISTORY_ONLY);
        assertThat(notifications.recordDelivery(id, Delivery.DELIVERED, T0.plusSeconds(5), null)).isEqualTo(Recorded.DUPLICATE);

        var state = notifications.delivery(id).orElseThrow();
        assertThat(state.latest().status()).isEqualTo(Delivery.READ);
        assertThat(state.history()).extracting(DeliveryEvent::status).containsExactly(Delivery.READ, Delivery.DELIVERED);
    }

    @Test
    void a_failure_keeps_the_provider_s_error_and_an_unknown_notification_is_said_so() {
        String id = sent(wamid());
        notifications.recordDelivery(id, Delivery.SENT, T0, null);
        assertThat(notifications.recordDelivery(id, Delivery.FAILED, T0.plusSeconds(3), "131026 Message Undeliverable")).isEqualTo(Recorded.ADVANCED);
        assertThat(notifications.delivery(id).orElseThrow().latest())
                .isEqualTo(new DeliveryEvent(Delivery.FAILED, T0.plusSeconds(3), "131026 Message Undeliverable"));
        assertThat(notifications.recordDelivery("no-such-notification", Delivery.READ, T0, null)).isEqualTo(Recorded.UNKNOWN);
        assertThat(dynamo.getItem(b -> b.tableName(tables.notifications()).key(Map.of("notificationId", AttributeValue.fromS("no-such-notification"))))
                .hasItem()).as("nothing created").isFalse();
    }

    @Test
    void a_click_ranks_above_read_and_opened_and_never_moves_a_failed_message_back() {
        String id = sent(wamid());
        assertThat(notifications.recordDelivery(id, Delivery.OPENED, T0.plusSeconds(10), null)).isEqualTo(Recorded.ADVANCED);
        assertThat(notifications.recordInteraction(id, Delivery.CLICKED, T0.plusSeconds(20))).isEqualTo(Recorded.ADVANCED);
        assertThat(notifications.recordDelivery(id, Delivery.READ, T0.plusSeconds(30), null)).as("a read receipt after the click")
                .isEqualTo(Recorded.HISTORY_ONLY);
        assertThat(notifications.delivery(id).orElseThrow().latest()).isEqualTo(new DeliveryEvent(Delivery.CLICKED, T0.plusSeconds(20), null));

        String failed = sent(wamid());
        notifications.recordDelivery(failed, Delivery.FAILED, T0.plusSeconds(3), "bounced Permanent");
        assertThat(notifications.recordInteraction(failed, Delivery.CLICKED, T0.plusSeconds(40))).isEqualTo(Recorded.HISTORY_ONLY);
        assertThat(notifications.delivery(failed).orElseThrow().latest().status()).isEqualTo(Delivery.FAILED);
        assertThat(notifications.delivery(failed).orElseThrow().history()).extracting(DeliveryEvent::status)
                .containsExactly(Delivery.FAILED, Delivery.CLICKED);
    }

    @Test
    void every_click_and_open_is_counted_repeats_join_the_history_up_to_a_bound_and_an_unknown_one_creates_nothing() {
        String id = sent(wamid());
        assertThat(notifications.interactions(id)).isEmpty();
        assertThat(notifications.recordInteraction(id, Delivery.CLICKED, T0.plusSeconds(20))).isEqualTo(Recorded.ADVANCED);
        assertThat(notifications.recordInteraction(id, Delivery.CLICKED, T0.plusSeconds(80))).isEqualTo(Recorded.REPEATED);
        assertThat(notifications.recordInteraction(id, Delivery.OPENED, T0.plusSeconds(5))).isEqualTo(Recorded.HISTORY_ONLY);

        var state = notifications.delivery(id).orElseThrow();
        assertThat(state.latest()).as("the first click stays the status").isEqualTo(new DeliveryEvent(Delivery.CLICKED, T0.plusSeconds(20), null));
        assertThat(state.history()).extracting(DeliveryEvent::status).containsExactly(Delivery.CLICKED, Delivery.CLICKED, Delivery.OPENED);
        assertThat(state.history().get(1).at()).isEqualTo(T0.plusSeconds(80));
        assertThat(notifications.interactions(id)).containsEntry(Delivery.CLICKED, 2L).containsEntry(Delivery.OPENED, 1L);

        for (int i = 0; i < NotificationRepository.MAX_REPEATS_IN_HISTORY + 5; i++) {
            assertThat(notifications.recordInteraction(id, Delivery.OPENED, T0.plusSeconds(100 + i))).isEqualTo(Recorded.REPEATED);
        }
        assertThat(notifications.interactions(id)).containsEntry(Delivery.OPENED, (long) NotificationRepository.MAX_REPEATS_IN_HISTORY + 6);
        assertThat(notifications.delivery(id).orElseThrow().history()).as("the first click and open, and at most MAX repeats")
                .hasSize(2 + NotificationRepository.MAX_REPEATS_IN_HISTORY);

        assertThat(notifications.recordInteraction("no-such-notification", Delivery.CLICKED, T0)).isEqualTo(Recorded.UNKNOWN);
        assertThat(dynamo.getItem(b -> b.tableName(tables.notifications()).key(Map.of("notificationId", AttributeValue.fromS("no-such-notification"))))
                .hasItem()).as("nothing created").isFalse();
    }

    @Test
    void an_opt_out_is_kept_under_a_hash_of_the_number_in_any_form_and_only_for_its_channel() {
        OptOutList optOuts = new OptOutList(dynamo, tables.orders());
        String number = "+90532" + (1000000 + new java.util.Random().nextInt(8999999));
        assertThat(optOuts.isOptedOut("whatsapp", number)).isFalse();

        optOuts.record("whatsapp", number.substring(1), "whatsapp-reply", T0);
        optOuts.record("whatsapp", number, "whatsapp-reply", T0.plusSeconds(9)); // a second STOP

        assertThat(optOuts.isOptedOut("whatsapp", number)).isTrue();
        assertThat(optOuts.isOptedOut("whatsapp", "+90 " + number.substring(3, 6) + " " + number.substring(6))).isTrue();
        assertThat(optOuts.isOptedOut("whatsapp", "+905550000000")).isFalse();
        assertThat(optOuts.isOptedOut("sms", number)).as("a WhatsApp reply stops WhatsApp").isFalse();

        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(tables.orders())
                .key(Map.of("orderId", AttributeValue.fromS(OptOutList.key("whatsapp", number))))).item();
        assertThat(item.get("orderId").s()).startsWith("optout#whatsapp#").doesNotContain(number.substring(1));
        assertThat(item.toString()).doesNotContain(number.substring(1));
        assertThat(item.get("recordedAt").s()).as("the first STOP stands").isEqualTo(T0.toString());
        assertThat(item.get("optOutSource").s()).isEqualTo("whatsapp-reply");
    }
}
