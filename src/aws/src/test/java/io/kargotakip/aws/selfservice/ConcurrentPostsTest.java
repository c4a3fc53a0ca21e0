package io.kargotakip.aws.selfservice;

import io.kargotakip.aws.store.SelfServiceLog;
import io.kargotakip.core.address.Address;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Posts of one page at once (a double click, two tabs), on dynalite: each write is one, so none is lost and one survey answer wins. */
class ConcurrentPostsTest {

    static final Instant NOW = Instant.parse("2026-12-02T07:00:00Z");
    final SelfServiceStack stack = new SelfServiceStack(NOW);

    static <T> List<T> atOnce(int n, java.util.function.IntFunction<Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(task.apply(i)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void addressChangesAndDaysPostedAtOnceAreAllKeptEachWithItsOwnNumber() throws Exception {
        ShipmentId shipment = stack.shipment(TrackingStatus.IN_TRANSIT);

        List<SelfServiceLog.AddressChange> changes = atOnce(12, i -> () -> stack.log.changeAddress(shipment,
                new Address("İstanbul", "Kadıköy", "Caferağa Mah", "34710", "Moda Cad. No: " + i, null), NOW));
        List<SelfServiceLog.Reschedule> days = atOnce(12, i -> () -> stack.log.reschedule(shipment, LocalDate.of(2026, 12, 3).plusDays(i), NOW));

        assertThat(changes).extracting(SelfServiceLog.AddressChange::number).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        List<SelfServiceLog.AddressChange> history = stack.log.addressHistory(shipment, NOW);
        assertThat(history).hasSize(12);
        // the history's order is the writes' order: each change's number is its place in it
        for (SelfServiceLog.AddressChange c : changes) {
            assertThat(history.get(c.number() - 1).address()).isEqualTo(c.address());
        }
        assertThat(stack.log.findAddress(shipment, NOW)).hasValueSatisfying(current -> {
            assertThat(current.number()).isEqualTo(12);
            assertThat(current.address()).isEqualTo(history.get(11).address());
        });
        assertThat(stack.log.rescheduleHistory(shipment, NOW)).hasSize(12);
        SelfServiceLog.Reschedule last = days.stream().filter(d -> d.number() == 12).findFirst().orElseThrow();
        assertThat(stack.log.findReschedule(shipment, NOW)).contains(last);
    }

    @Test
    void surveyAnswersPostedAtOnceKeepOneAndEveryOtherGetsThatOneBack() throws Exception {
        ShipmentId shipment = stack.shipment(TrackingStatus.DELIVERED);

        List<SelfServiceLog.NpsRecorded> answers = atOnce(10, i -> () -> stack.log.answerNps(shipment, i, null, NOW));

        List<SelfServiceLog.NpsRecorded> first = answers.stream().filter(a -> a instanceof SelfServiceLog.NpsRecorded.First).toList();
        assertThat(first).hasSize(1);
        assertThat(answers).extracting(SelfServiceLog.NpsRecorded::answer).containsOnly(first.get(0).answer());
        assertThat(stack.log.findNps(shipment, NOW)).contains(first.get(0).answer());
    }
}
