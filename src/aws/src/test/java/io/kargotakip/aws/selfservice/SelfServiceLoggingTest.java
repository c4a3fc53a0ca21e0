package io.kargotakip.aws.selfservice;

import io.kargotakip.core.address.AddressForm;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the service logs: one line per action with ids, never the address, the comment or a contact. (JBoss Logging
 * writes through java.util.logging in the tests, so a handler on the service's logger sees every line.)
 */
class SelfServiceLoggingTest {

    final SelfServiceStack stack = new SelfServiceStack(Instant.parse("2026-12-02T07:00:00Z"));
    final List<String> lines = new ArrayList<>();
    final Logger logger = Logger.getLogger(SelfService.class.getName());
    final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            Object[] parameters = record.getParameters();
            lines.add(record.getMessage() + (parameters == null ? "" : " " + java.util.Arrays.toString(parameters)));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        logger.addHandler(handler);
        logger.setLevel(Level.ALL);
    }

    @AfterEach
    void stop() {
        logger.removeHandler(handler);
    }

    @Test
    void everyActionLogsOneLineWithIdsOnly() {
        ShipmentId moving = stack.shipment(TrackingStatus.IN_TRANSIT);
        ShipmentId delivered = stack.shipment(TrackingStatus.DELIVERED);
        stack.desk.down = true; // the failure's line too

        stack.service.changeAddress(moving, new AddressForm("İstanbul", "Kadıköy", "Caferağa", "34710", "Moda Cad. No: 12", "Kat 3 Daire 5"));
        stack.service.changeAddress(moving, new AddressForm("İstanbul", "Kadıkoyy", "Caferağa", "34710", "Moda Cad. No: 12", null));
        stack.service.reschedule(moving, stack.service.offeredDays(moving).get(0));
        stack.service.answerNps(delivered, 2, "Kurye Mehmet Bey kaba davrandı, 0532 000 00 00");

        assertThat(lines).hasSizeGreaterThanOrEqualTo(4);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(moving.toString()));
        assertThat(String.join("\n", lines)).doesNotContain("Moda", "Caferağa", "Kadıköy", "Kat 3", "34710", "Mehmet", "kaba", "0532",
                "Ayşe", stack.email);
    }
}
