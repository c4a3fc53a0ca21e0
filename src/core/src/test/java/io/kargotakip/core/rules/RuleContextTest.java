package io.kargotakip.core.rules;

import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingStatus;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static io.kargotakip.core.rules.Contexts.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The facts a context derives from its records: attempt, delay episode, ETA slip, the last message. */
class RuleContextTest {

    private static final RuleEngine FAILED = engine();

    private static RuleEngine engine() {
        try {
            return new RuleEngine(RulesLoader.parse("t.yaml",
                    "version: 1\nkinds: [failed_attempt]\nrules: [{id: failed, when: {status: failed_attempt}, then: [send: failed_attempt]}]\n"));
        } catch (RulesException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theEtaSlipIsCountedFromTheFirstAnnouncedEtaDay() {
        Contexts c = new Contexts();
        c.event(TrackingStatus.LABEL_CREATED, "2026-11-28T10:00", LocalDate.parse("2026-12-01"));
        c.event(TrackingStatus.IN_TRANSIT, "2026-11-29T10:00", LocalDate.parse("2026-12-02"));
        c.eta = LocalDate.parse("2026-12-02");

        assertThat(c.change(TrackingStatus.DELAYED, Reason.OTHER, "2026-11-30T10:00", "2026-11-30T10:00").etaSlipHours()).isEqualTo(24);
        // still undelivered 10 hours past the end of the current ETA day: 24 + 10
        assertThat(c.change(TrackingStatus.DELAYED, Reason.OTHER, "2026-12-03T10:00", "2026-12-03T10:00").etaSlipHours()).isEqualTo(34);
        // delivered: the slip is the ETA's, not the clock's
        assertThat(c.change(TrackingStatus.DELIVERED, null, "2026-12-03T10:00", "2026-12-05T10:00").etaSlipHours()).isEqualTo(24);
        assertThat(new Contexts().change(TrackingStatus.DELAYED, Reason.OTHER, "2026-12-03T10:00", "2026-12-03T10:00").etaSlipHours()).isZero();
    }

    @Test
    void theRulesSeeWhatTheMerchantToldOfTheSale() {
        var order = new io.kargotakip.core.order.Order("A-1", "1001", "trendyol", new io.kargotakip.core.order.Customer("Ayşe", "a@example.com", null, "tr"),
                io.kargotakip.core.order.Consent.none(), List.of(), java.time.Instant.EPOCH,
                new io.kargotakip.core.order.Purchase(new java.math.BigDecimal("749.9"), "TRY", new java.math.BigDecimal("749.90"),
                        Set.of("shoes"), Set.of("vip"), "high"));
        RuleContext.OrderFacts facts = RuleContext.OrderFacts.of(order, null);
        assertThat(facts.marketplace()).isEqualTo("trendyol");
        assertThat(facts.cod()).isTrue();
        assertThat(facts.codAmount()).isEqualByComparingTo("749.90");
        assertThat(facts.orderValue()).isEqualByComparingTo("749.90");
        assertThat(facts.segments()).containsExactly("vip");
        assertThat(facts.categories()).containsExactly("shoes");
        assertThat(facts.cltvBand()).isEqualTo("high");
        assertThat(facts.zone()).isEqualTo(RuleContext.DEFAULT_ZONE);
        assertThat(RuleContext.OrderFacts.of(new io.kargotakip.core.order.Order("B-2", null, "web", null,
                io.kargotakip.core.order.Consent.none(), List.of(), null), null).cod()).as("prepaid").isFalse();
    }

    @Test
    void theLastMessageIsTheLatestThatWentOut() {
        Contexts c = new Contexts();
        c.sent("shipped", "email", "SENT", "2026-12-01T10:00", "a");
        c.sent("shipped", "whatsapp", "SENT", "2026-12-01T12:00", "a");
        c.sent.add(new RuleContext.SentMessage("shipped", "sms", "HELD", null, "a"));

        assertThat(c.change(TrackingStatus.IN_TRANSIT, null, "2026-12-01T10:00", "2026-12-01T13:00").lastMessageAt())
                .contains(at("2026-12-01T12:00"));
        assertThat(new Contexts().change(TrackingStatus.IN_TRANSIT, null, "2026-12-01T10:00", "2026-12-01T13:00").lastMessageAt()).isEmpty();
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    /**
     * However many failed attempts a shipment has and in whatever order its history is handed over, the change of
     * attempt i gives attempt i's occurrence key, replayed at any later time; and every attempt's key is its own.
     */
    @Property(tries = 200)
    void eachFailedAttemptIsItsOwnOccurrenceUnderAnyReplay(@ForAll @IntRange(min = 1, max = 6) int attempts,
                                                         @ForAll("seeds") long seed) {
        Random random = new Random(seed);
        List<String> times = new ArrayList<>();
        LocalDateTime t = LocalDateTime.parse("2026-12-01T09:00");
        for (int i = 0; i < attempts; i++) {
            t = t.plusHours(1 + random.nextInt(30));
            times.add(t.toString());
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < attempts; i++) {
            Contexts c = new Contexts();
            // the history as the store has it when the replay comes: every attempt so far, and maybe later ones too
            int known = i + 1 + random.nextInt(attempts - i);
            for (int j = 0; j < known; j++) {
                c.event(TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT, times.get(j));
                c.event(TrackingStatus.OUT_FOR_DELIVERY, null, LocalDateTime.parse(times.get(j)).minusMinutes(30).toString());
            }
            Collections.shuffle(c.history, random);
            String now = LocalDateTime.parse(times.get(known - 1)).plusMinutes(random.nextInt(5000)).toString();
            String key = FAILED.evaluate(c.change(TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT, times.get(i), now))
                    .get(0).sends().get(0).occurrenceKey();
            assertThat(key).endsWith("/failed/attempt=" + (i + 1));
            keys.add(key);
        }
        assertThat(keys).hasSize(attempts);
    }
}
