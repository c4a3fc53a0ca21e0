package io.kargotakip.aws.selfservice;

import io.kargotakip.aws.store.CustomerErasure;
import io.kargotakip.aws.store.SelfServiceLog;
import io.kargotakip.core.address.AddressForm;
import io.kargotakip.core.order.CustomerId;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code kargo erase} and the tracking page's items on dynalite: her address changes, days and survey go; others' stay. */
class SelfServiceErasureTest {

    static final Instant NOW = Instant.parse("2026-12-02T07:00:00Z");
    final SelfServiceStack stack = new SelfServiceStack(NOW);

    Map<String, AttributeValue> item(String key) {
        return stack.dynamo.getItem(b -> b.tableName(stack.tables.shipments()).key(Map.of("shipmentId", AttributeValue.fromS(key)))
                .consistentRead(true)).item();
    }

    @Test
    void erasingACustomerDeletesHerShipmentsSelfServiceItemsAndNoOneElses() {
        ShipmentId hers = stack.shipment(TrackingStatus.IN_TRANSIT);
        ShipmentId delivered = stack.shipment(TrackingStatus.DELIVERED); // the same customer: the stack's orders are all its Ayşe's
        AddressForm moda = new AddressForm("İstanbul", "Kadıköy", "Caferağa", "34710", "Moda Cad. No: 12", "Kat 3");
        stack.service.changeAddress(hers, moda);
        stack.service.reschedule(hers, stack.service.offeredDays(hers).get(0));
        stack.service.answerNps(delivered, 3, "Paket ezik geldi, Ayşe");
        String customer = CustomerId.of(stack.orders.find(stack.shipments.find(hers).orElseThrow().orderId()).orElseThrow().customer()).orElseThrow();
        assertThat(SelfServiceLog.keysOf(hers)).allSatisfy(key -> assertThat(key).endsWith("#" + hers));
        assertThat(item("address#" + hers)).isNotEmpty();
        assertThat(item("reschedule#" + hers)).isNotEmpty();
        assertThat(item("nps#" + delivered)).isNotEmpty();

        CustomerErasure.Result result = new CustomerErasure(stack.dynamo, stack.tables).erase(customer, NOW);

        assertThat(result.selfServiceItems()).isEqualTo(3);
        assertThat(item("address#" + hers)).isEmpty();
        assertThat(item("reschedule#" + hers)).isEmpty();
        assertThat(item("nps#" + delivered)).isEmpty();
        assertThat(stack.log.findAddress(hers, NOW)).isEmpty();
        assertThat(stack.log.findNps(delivered, NOW)).isEmpty();
        assertThat(stack.shipments.find(hers)).as("the shipment is still tracked").hasValueSatisfying(s ->
                assertThat(s.status()).isEqualTo(TrackingStatus.IN_TRANSIT));
    }

    @Test
    void anotherCustomersItemsStay() {
        ShipmentId hers = stack.shipment(TrackingStatus.DELIVERED);
        stack.service.answerNps(hers, 10, null);
        ShipmentId his = new ShipmentId("aras", "KEEP" + System.nanoTime());
        stack.orders.save(new io.kargotakip.core.order.Order("K-" + his.trackingNumber(), "9", "web",
                new io.kargotakip.core.order.Customer("Can", "can.keep@example.com", null, "tr"), io.kargotakip.core.order.Consent.none(),
                java.util.List.of(his), NOW));
        stack.shipments.register(his, "K-" + his.trackingNumber(), NOW);
        stack.moveTo(his, TrackingStatus.DELIVERED);
        stack.service.answerNps(his, 4, "Geç geldi");

        new CustomerErasure(stack.dynamo, stack.tables).erase(CustomerId.ofEmail(stack.email), NOW);

        assertThat(item("nps#" + hers)).isEmpty();
        assertThat(stack.log.findNps(his, NOW)).as("his answer").hasValueSatisfying(a -> assertThat(a.comment()).isEqualTo("Geç geldi"));
    }
}
