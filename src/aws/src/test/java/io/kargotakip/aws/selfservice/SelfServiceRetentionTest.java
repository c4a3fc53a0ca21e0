package io.kargotakip.aws.selfservice;

import io.kargotakip.aws.store.SelfServiceLog;
import io.kargotakip.core.address.Address;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The items' retention on dynalite (which has no TTL): past their time they are not read, and a new write starts afresh. */
class SelfServiceRetentionTest {

    static final Instant NOW = Instant.parse("2026-12-02T07:00:00Z");
    final SelfServiceStack stack = new SelfServiceStack(NOW);
    final SelfServiceLog log = new SelfServiceLog(stack.dynamo, stack.tables.shipments(), Duration.ofDays(1));

    @Test
    void anItemPastItsTimeIsNotReadAndTheNextWriteDoesNotBringItsHistoryBack() {
        ShipmentId shipment = stack.shipment(TrackingStatus.IN_TRANSIT);
        Address moda = new Address("İstanbul", "Kadıköy", "Caferağa Mah", "34710", "Moda Cad. No: 12", null);
        log.changeAddress(shipment, moda, NOW);
        log.reschedule(shipment, LocalDate.of(2026, 12, 3), NOW);
        log.answerNps(shipment, 4, null, NOW);
        Map<String, AttributeValue> item = stack.dynamo.getItem(b -> b.tableName(stack.tables.shipments())
                .key(Map.of("shipmentId", AttributeValue.fromS("address#" + shipment))).consistentRead(true)).item();
        assertThat(Long.parseLong(item.get("expiresAt").n())).isEqualTo(NOW.plus(Duration.ofDays(1)).getEpochSecond());

        Instant later = NOW.plus(Duration.ofDays(2));
        assertThat(log.findAddress(shipment, later)).isEmpty();
        assertThat(log.addressHistory(shipment, later)).isEmpty();
        assertThat(log.findReschedule(shipment, later)).isEmpty();
        assertThat(log.findNps(shipment, later)).isEmpty();

        Address akat = new Address("İstanbul", "Beşiktaş", "Akat Mah", "34335", "Nispetiye Cad. No: 7", null);
        assertThat(log.changeAddress(shipment, akat, later).number()).isEqualTo(1);
        assertThat(log.addressHistory(shipment, later)).extracting(SelfServiceLog.AddressChange::address).containsExactly(akat);
        assertThat(log.reschedule(shipment, LocalDate.of(2026, 12, 7), later).number()).isEqualTo(1);
        assertThat(log.answerNps(shipment, 9, null, later)).as("the old answer is gone: this one is the first")
                .isInstanceOf(SelfServiceLog.NpsRecorded.First.class);
    }
}
