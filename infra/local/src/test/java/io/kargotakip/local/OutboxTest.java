package io.kargotakip.local;

import io.kargotakip.aws.store.NotificationRepository.OutboxEntry;
import io.kargotakip.aws.store.NotificationRepository.State;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbox shows the fee recorded at send time, never a recomputed one. */
class OutboxTest {

    static OutboxEntry entry(String id, String channel, State state, int parts, BigDecimal fee) {
        return new OutboxEntry(id, channel, "delivered", state, null, "+90532*****67", "text", parts, "2026-12-01T10:00:0" + id + "Z",
                null, List.of(), fee, List.of());
    }

    @Test
    void each_row_shows_its_recorded_fee_or_a_dash_and_the_total_sums_them() {
        // an SMS recorded at $0.05 (a merchant's own table then): shown as recorded, not as today's table would price 2 parts
        Outbox outbox = new Outbox(List.of(entry("1", "sms", State.SENT, 2, new BigDecimal("0.05")),
                entry("2", "email", State.SENT, 1, new BigDecimal("0.0001")),
                entry("3", "push", State.SENT, 1, new BigDecimal("0.0000005")),
                entry("4", "sms", State.SUPPRESSED, 1, null),
                entry("5", "email", State.SENT, 1, null)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        outbox.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).contains("$0.0500");
        assertThat(lines.get(1)).contains("$0.0001");
        assertThat(lines.get(2)).contains("$0.0000005");
        assertThat(lines.get(3)).contains(" - ");
        assertThat(lines.get(4)).as("sent before fees were recorded").contains(" - ");
        assertThat(lines.get(5)).isEqualTo("5 messages, 4 sent, $0.0501");
        assertThat(outbox.total()).isEqualByComparingTo("0.0501005");
    }
}
