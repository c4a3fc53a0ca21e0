package io.kargotakip.core.notification;

import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultNotificationRulesTest {

    private static final ShipmentId SHIPMENT = new ShipmentId("ups", "1Z999AA10123456784");
    private final NotificationRules rules = new DefaultNotificationRules();

    private static StatusChange change(ShipmentId shipment, TrackingStatus status) {
        return new StatusChange(shipment, "SIP-1", TrackingStatus.LABEL_CREATED, status, Reason.OTHER,
                Instant.parse("2026-12-01T10:00:00Z"), "Istanbul", "scan", LocalDate.of(2026, 12, 3), "key-" + status);
    }

    private static StatusChange change(TrackingStatus status) {
        return change(SHIPMENT, status);
    }

    private static Order order(Customer customer) {
        return new Order("SIP-1", "100234", "web", customer, new Consent(true, false, false, false, Instant.EPOCH),
                List.of(SHIPMENT), Instant.EPOCH);
    }

    private static final Order ORDER = order(new Customer("Ayşe", "ayse@example.com", "+905321234567", "tr"));

    @ParameterizedTest
    @CsvSource({
            "LABEL_CREATED, shipped",
            "IN_TRANSIT, shipped",
            "OUT_FOR_DELIVERY, out_for_delivery",
            "DELIVERED, delivered",
            "FAILED_ATTEMPT, failed_attempt",
            "DELAYED, delayed"})
    void notifyingStatusesSendTheirKindByEmail(TrackingStatus status, MessageKind kind) {
        List<NotificationIntent> intents = rules.decide(change(status), ORDER);

        assertThat(intents).singleElement().satisfies(intent -> {
            assertThat(intent.kind()).isEqualTo(kind);
            assertThat(intent.channel()).isEqualTo("email");
            assertThat(intent.shipmentId()).isEqualTo(SHIPMENT);
            assertThat(intent.orderId()).isEqualTo("SIP-1");
            assertThat(intent.change()).isEqualTo(change(status));
            assertThat(intent.notificationId()).isEqualTo(NotificationIntent.idFor(SHIPMENT, kind, "email"));
        });
    }

    @ParameterizedTest
    @EnumSource(value = TrackingStatus.class,
            names = {"EXCEPTION", "AVAILABLE_FOR_PICKUP", "RETURN_IN_TRANSIT", "RETURNED_TO_SENDER", "UNKNOWN"})
    void otherStatusesSendNothing(TrackingStatus status) {
        assertThat(rules.decide(change(status), ORDER)).isEmpty();
    }

    @Test
    void noOrderNoCustomerOrNoContactSendsNothing() {
        assertThat(rules.decide(change(TrackingStatus.DELIVERED), null)).isEmpty();
        assertThat(rules.decide(change(TrackingStatus.DELIVERED), order(null))).isEmpty();
        assertThat(rules.decide(change(TrackingStatus.DELIVERED), order(new Customer("Ayşe", null, null, "tr")))).isEmpty();
    }

    @Test
    void aCustomerWithoutEmailStillGetsTheMessageForTheChainToCarryOn() {
        assertThat(rules.decide(change(TrackingStatus.DELIVERED), order(new Customer("Ayşe", null, "+905321234567", "tr"))))
                .extracting(NotificationIntent::channel).containsExactly("email");
    }

    @Test
    void shippedHasOneIdWhetherItCameFromLabelOrFirstScan() {
        String fromLabel = rules.decide(change(TrackingStatus.LABEL_CREATED), ORDER).get(0).notificationId();
        String fromScan = rules.decide(change(TrackingStatus.IN_TRANSIT), ORDER).get(0).notificationId();

        assertThat(fromLabel).isEqualTo(fromScan);
    }

    @Test
    void theSameDecisionTwiceHasTheSameId() {
        assertThat(rules.decide(change(TrackingStatus.DELIVERED), ORDER))
                .isEqualTo(rules.decide(change(TrackingStatus.DELIVERED), ORDER));
    }

    @Test
    void idsDifferAcrossKindsChannelsAndShipments() {
        Set<String> ids = new HashSet<>();
        for (MessageKind kind : MessageKind.builtIn()) {
            ids.add(NotificationIntent.idFor(SHIPMENT, kind, "email"));
        }
        assertThat(ids).hasSize(MessageKind.builtIn().size());

        assertThat(NotificationIntent.idFor(SHIPMENT, MessageKind.DELIVERED, "sms"))
                .isNotEqualTo(NotificationIntent.idFor(SHIPMENT, MessageKind.DELIVERED, "email"));
        assertThat(NotificationIntent.idFor(new ShipmentId("ups", "1Z999AA10123456785"), MessageKind.DELIVERED, "email"))
                .isNotEqualTo(NotificationIntent.idFor(SHIPMENT, MessageKind.DELIVERED, "email"));
        assertThat(rules.decide(change(TrackingStatus.OUT_FOR_DELIVERY), ORDER).get(0).notificationId())
                .isNotEqualTo(rules.decide(change(TrackingStatus.DELIVERED), ORDER).get(0).notificationId());
    }

    @Test
    void idDoesNotDependOnNumberSpelling() {
        assertThat(NotificationIntent.idFor(new ShipmentId("UPS", " 1z999aa10123456784 "), MessageKind.SHIPPED, "email"))
                .isEqualTo(NotificationIntent.idFor(SHIPMENT, MessageKind.SHIPPED, "email"))
                .matches("n-[0-9a-f]{32}");
    }
}
