package io.kargotakip.aws.store;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.store.NotificationRepository.Delivery;
import io.kargotakip.aws.store.NotificationRepository.State;
import io.kargotakip.aws.store.NotificationRepository.VariantMessage;
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.Emulators;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The A/B variant stored with each message and read back for the report, against dynalite through the real SDK. */
class NotificationVariantsTest {

    static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    @Test
    void a_message_keeps_its_variant_and_the_report_reads_it_with_what_the_provider_and_the_customer_did() {
        DynamoDbClient dynamo = AwsClients.dynamoDb(Emulators.shared().dynamoDb());
        TableNames tables = TableNames.withPrefix("v" + UUID.randomUUID().toString().substring(0, 8) + "-");
        KargoTables.createAll(dynamo, tables);
        NotificationRepository notifications = new NotificationRepository(dynamo, tables.notifications(), Duration.ofDays(30));
        ShipmentId shipment = new ShipmentId("yurtici", "400123456789");
        StatusChange change = new StatusChange(shipment, "WEB-1", null, TrackingStatus.DELIVERED, null, T0, null, null, null, "k");
        NotificationIntent b = NotificationIntent.of(change, MessageKind.DELIVERED, "email", "",
                new NotificationIntent.Details("delivered", "yurtici:400123456789/delivered/status=delivered", List.of(), null, null, "b"));
        NotificationIntent fallback = b.over("whatsapp", "");
        NotificationIntent plain = NotificationIntent.of(change, MessageKind.SHIPPED, "email");

        notifications.createIfAbsent(b, T0);
        notifications.createHeld(fallback, T0.plusSeconds(7200), List.of(b.notificationId()), List.of(), T0);
        notifications.createIfAbsent(plain, T0);
        notifications.claim(b.notificationId(), T0, Duration.ofMinutes(2));
        notifications.markSent(b.notificationId(), "ses-1", T0.plusSeconds(1));
        notifications.recordDelivery(b.notificationId(), Delivery.DELIVERED, T0.plusSeconds(5), null);
        notifications.recordInteraction(b.notificationId(), Delivery.CLICKED, T0.plusSeconds(60));
        notifications.markEngaged(b.notificationId(), "clicked", T0.plusSeconds(60));

        List<VariantMessage> variants = notifications.variants();

        assertThat(variants).extracting(VariantMessage::notificationId).containsExactlyInAnyOrder(b.notificationId(), fallback.notificationId());
        VariantMessage sent = variants.stream().filter(v -> v.channel().equals("email")).findFirst().orElseThrow();
        assertThat(sent).isEqualTo(new VariantMessage(b.notificationId(), "yurtici:400123456789", "WEB-1", "delivered", "email", "b",
                State.SENT, T0.plusSeconds(1), Set.of(Delivery.DELIVERED, Delivery.CLICKED), "clicked"));
        VariantMessage held = variants.stream().filter(v -> v.channel().equals("whatsapp")).findFirst().orElseThrow();
        assertThat(held.variant()).isEqualTo("b");
        assertThat(held.state()).isEqualTo(State.DEFERRED);
        assertThat(held.sentAt()).isNull();
        assertThat(held.reported()).isEmpty();
    }
}
