package io.kargotakip.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.kargotakip.aws.Json;
import io.kargotakip.aws.store.NotificationRepository.OutboxEntry;
import io.kargotakip.aws.store.NotificationRepository.State;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench's messaging spend: the fees recorded in its replay over its shipments, with the channels that sent. */
class BenchMessagingTest {

    static OutboxEntry entry(String channel, State state, BigDecimal fee) {
        return new OutboxEntry("n", channel, "delivered", state, null, null, null, 1, null, null, List.of(), fee, List.of());
    }

    @Test
    void spend_per_shipment_is_the_recorded_fees_over_the_shipments() {
        Map<String, Object> m = Bench.messaging(List.of(entry("email", State.SENT, new BigDecimal("0.0001")),
                entry("email", State.SENT, new BigDecimal("0.0001")), entry("sms", State.SENT, new BigDecimal("0.04")),
                entry("sms", State.SUPPRESSED, null), entry("push", State.SENT, null)), 2);

        assertThat(new BigDecimal((String) m.get("perShipmentUsd"))).isEqualByComparingTo("0.0201");
        assertThat(m.get("sentByChannel")).isEqualTo(Map.of("email", 2L, "sms", 1L, "push", 1L));
        JsonNode node = Json.MAPPER.valueToTree(m);
        assertThat(Bench.messagingLine(node)).isEqualTo("messaging spend per shipment, from the fees recorded at send time: $0.02010 "
                + "(2 shipments, $0.0402 in all; channels used: email 2, push 1, sms 1; 1 sent without a fee row)");
    }
}
