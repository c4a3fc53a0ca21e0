package io.kargotakip.core.rules;

import io.kargotakip.core.order.Consent;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.kargotakip.core.rules.Contexts.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The engine's semantics on small rule files: order, stop, suppress, delays, chains, quiet hours and each condition. */
class RuleEngineTest {

    private static RuleEngine engine(String rules) throws RulesException {
        return new RuleEngine(RulesLoader.parse("t.yaml", "version: 1\n" + rules));
    }

    private static List<String> fired(RuleEngine e, RuleContext c) {
        return e.evaluate(c).stream().map(Decision::ruleId).toList();
    }

    @Test
    void everyMatchingRuleFiresInFileOrderUntilOneThatStops() throws Exception {
        RuleEngine e = engine("""
                kinds: [a, b, c]
                rules:
                  - {id: first, when: {status: delivered}, then: [send: a]}
                  - {id: not_me, when: {status: in_transit}, then: [send: b]}
                  - {id: second, when: {status: delivered}, then: [send: b], stop: true}
                  - {id: never, when: {status: delivered}, then: [send: c]}
                """);

        assertThat(fired(e, new Contexts().change(TrackingStatus.DELIVERED, null, "2026-12-01T10:00", "2026-12-01T10:00")))
                .containsExactly("first", "second");
    }

    @Test
    void aSuppressDropsTheMessagesOfEveryFiringRuleOfItsKindsButKeepsAlertsAndTickets() throws Exception {
        RuleEngine e = engine("""
                settings:
                  alerts: {email: ops@shop.example.com}
                kinds: [delivered, survey]
                rules:
                  - {id: delivered, when: {status: delivered}, then: [send: delivered, alert: {}]}
                  - {id: survey, when: {status: delivered}, then: [send: survey]}
                  - id: marketplace_tells
                    when: {status: delivered, marketplace: trendyol}
                    then: [suppress: {reason: "the marketplace sends its own", kinds: [delivered]}]
                """);
        Contexts c = new Contexts();
        c.marketplace = "trendyol";
        List<Decision> d = e.evaluate(c.change(TrackingStatus.DELIVERED, null, "2026-12-01T10:00", "2026-12-01T10:00"));

        Decision.Send delivered = d.get(0).sends().get(0);
        assertThat(delivered.suppressedBy()).isEqualTo("marketplace_tells");
        assertThat(delivered.goes()).isFalse();
        assertThat(d.get(0).outcomes()).anyMatch(Decision.Alert.class::isInstance);
        assertThat(d.get(1).sends().get(0).suppressedBy()).isNull();
        assertThat(d.get(2).outcomes()).containsExactly(new Decision.Suppress("the marketplace sends its own", Set.of("delivered")));

        c.marketplace = "web";
        assertThat(e.evaluate(c.change(TrackingStatus.DELIVERED, null, "2026-12-01T10:00", "2026-12-01T10:00")))
                .allSatisfy(x -> assertThat(x.sends()).allMatch(Decision.Send::goes));
    }

    @Test
    void delayUntilTheEtaDayOrTheNextBusinessMorning() throws Exception {
        RuleEngine e = engine("""
                kinds: [cod, reminder]
                rules:
                  - {id: cod, when: {status: in_transit, cod: true}, then: [send: cod, delay_until: {time: "08:00", day: eta}]}
                  - {id: reminder, when: {status: available_for_pickup}, then: [send: reminder, delay_until: {time: "09:30", day: next_business_day}]}
                """);
        Contexts c = new Contexts();
        c.codAmount = new BigDecimal("100");
        c.eta = LocalDate.parse("2026-12-03");
        Decision.Send cod = e.evaluate(c.change(TrackingStatus.IN_TRANSIT, null, "2026-12-01T15:00", "2026-12-01T15:00")).get(0).sends().get(0);
        assertThat(cod.due()).isEqualTo(at("2026-12-03T08:00"));

        // Saturday is a carriers' business day, Sunday is not: Saturday evening → Monday 09:30
        Decision.Send reminder = e.evaluate(new Contexts().change(TrackingStatus.AVAILABLE_FOR_PICKUP, null, "2026-12-05T19:00", "2026-12-05T19:00"))
                .get(0).sends().get(0);
        assertThat(reminder.due()).isEqualTo(at("2026-12-07T09:30"));
        // the first day of the year is a public holiday: 31 December → 2 January
        Decision.Send holiday = e.evaluate(new Contexts().change(TrackingStatus.AVAILABLE_FOR_PICKUP, null, "2026-12-31T19:00", "2026-12-31T19:00"))
                .get(0).sends().get(0);
        assertThat(holiday.due()).isEqualTo(at("2027-01-02T09:30"));
    }

    @Test
    void aRulesOwnChainAndInlineQuietHoursWinOverTheBrands() throws Exception {
        RuleEngine e = engine("""
                settings:
                  quiet_hours: {window: "20:00-09:00", held: [sms, whatsapp]}
                kinds: [urgent]
                rules:
                  - {id: urgent, when: {status: exception}, then: [send: {kind: urgent, chain: "whatsapp,sms@1h"}]}
                """);
        Decision.Send s = e.evaluate(new Contexts().change(TrackingStatus.EXCEPTION, Reason.DAMAGED, "2026-12-01T19:30", "2026-12-01T19:30"))
                .get(0).sends().get(0);

        assertThat(s.steps()).extracting(Decision.Step::channel).containsExactly("whatsapp", "sms");
        assertThat(s.steps().get(0).at()).isEqualTo(at("2026-12-01T19:30"));
        // 20:30 is inside this file's window, and its critical statuses are the policy's default (exception is one) but
        // its critical channels are too (WhatsApp), never SMS
        assertThat(s.steps().get(1).at()).isEqualTo(at("2026-12-02T09:00"));
    }

    @Test
    void withTheChainOffAMessageGoesOnceByEmail() throws Exception {
        RuleEngine e = engine("""
                settings: {chain: "off", quiet_hours: "off"}
                kinds: [shipped]
                rules: [{id: shipped, when: {status: in_transit}, then: [send: shipped]}]
                """);
        Decision.Send s = e.evaluate(new Contexts().change(TrackingStatus.IN_TRANSIT, null, "2026-12-01T23:30", "2026-12-01T23:30"))
                .get(0).sends().get(0);

        assertThat(s.steps()).containsExactly(new Decision.Step("email", at("2026-12-01T23:30"), null, true, false));
    }

    @Test
    void eachConditionHoldsOnlyWhenItsFactIsThere() throws Exception {
        RuleEngine e = engine("""
                kinds: [x]
                rules:
                  - {id: cod_big, when: {cod_amount: {min: 1000}}, then: [send: x]}
                  - {id: value, when: {order_value: {max: 500}}, then: [send: x]}
                  - {id: category, when: {category: shoes}, then: [send: x]}
                  - {id: night, when: {time_of_day: {from: "22:00", to: "08:00"}}, then: [send: x]}
                  - {id: quiet_since, when: {since_last_message: {min: 2h}}, then: [send: x]}
                  - {id: recent, when: {since_last_message: {max: 2h}}, then: [send: x]}
                  - {id: wa_only, when: {consent: {whatsapp: true, email: false}}, then: [send: x]}
                  - {id: english, when: {locale: en}, then: [send: x]}
                  - {id: hb, when: {marketplace: hepsiburada}, then: [send: x]}
                  - {id: first, when: {segment: first_order}, then: [send: x]}
                  - {id: gold, when: {cltv: high}, then: [send: x]}
                  - {id: from_transit, when: {previous_status: in_transit}, then: [send: x]}
                  - {id: recipient, when: {reason: recipient_absent}, then: [send: x]}
                """);
        Contexts plain = new Contexts();
        plain.orderValue = new BigDecimal("900");
        assertThat(fired(e, plain.change(TrackingStatus.DELIVERED, null, "2026-12-01T10:00", "2026-12-01T10:00")))
                .containsExactly("quiet_since");

        Contexts c = new Contexts();
        c.codAmount = new BigDecimal("1200");
        c.orderValue = new BigDecimal("500");
        c.categories = Set.of("shoes");
        c.consent = Consent.of(Map.of("whatsapp", true), Instant.parse("2026-11-01T00:00:00Z"));
        c.locale = "en";
        c.marketplace = "hepsiburada";
        c.segments = Set.of("first_order");
        c.cltv = "high";
        c.event(TrackingStatus.IN_TRANSIT, null, "2026-12-01T09:00");
        c.sent("shipped", "whatsapp", "SENT", "2026-12-01T22:00", "k");
        assertThat(fired(e, c.change(TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT, "2026-12-01T23:00", "2026-12-01T23:30")))
                .containsExactly("cod_big", "value", "category", "night", "recent", "wa_only", "english", "hb", "first", "gold",
                        "from_transit", "recipient");
    }

    @Test
    void onceDecidesWhatMakesAnOccurrence() throws Exception {
        RuleEngine e = engine("""
                kinds: [x]
                rules:
                  - {id: per_eta, when: {status: in_transit}, then: [send: x], once_per: eta}
                  - {id: per_day, when: {status: in_transit}, then: [send: x], once_per: day}
                  - {id: per_status, when: {status: in_transit}, then: [send: x]}
                """);
        Contexts c = new Contexts();
        c.eta = LocalDate.parse("2026-12-03");
        List<String> keys = e.evaluate(c.change(TrackingStatus.IN_TRANSIT, null, "2026-12-01T10:00", "2026-12-01T23:30"))
                .stream().map(d -> d.sends().get(0).occurrenceKey()).toList();

        assertThat(keys).containsExactly("ups:1Z999AA10123456784/per_eta/eta=2026-12-03",
                "ups:1Z999AA10123456784/per_day/day=2026-12-01", "ups:1Z999AA10123456784/per_status/status=in_transit");
        c.eta = LocalDate.parse("2026-12-04");
        assertThat(e.evaluate(c.change(TrackingStatus.IN_TRANSIT, null, "2026-12-01T10:00", "2026-12-01T23:30")).get(0).sends().get(0)
                .occurrenceKey()).endsWith("eta=2026-12-04");
    }

    @Test
    void aSecondDelayAfterTheShipmentMovedOnIsANewEpisode() throws Exception {
        RuleEngine e = engine("kinds: [delayed]\nrules: [{id: delayed, when: {status: delayed}, then: [send: delayed]}]\n");
        Contexts c = new Contexts();
        c.event(TrackingStatus.DELAYED, Reason.WEATHER, "2026-12-01T10:00");
        c.event(TrackingStatus.DELAYED, Reason.WEATHER, "2026-12-01T18:00");
        String stillFirst = e.evaluate(c.change(TrackingStatus.DELAYED, Reason.WEATHER, "2026-12-01T18:00", "2026-12-01T18:00"))
                .get(0).sends().get(0).occurrenceKey();
        c.event(TrackingStatus.IN_TRANSIT, null, "2026-12-02T08:00");
        String second = e.evaluate(c.change(TrackingStatus.DELAYED, Reason.OTHER, "2026-12-02T15:00", "2026-12-02T15:00"))
                .get(0).sends().get(0).occurrenceKey();

        assertThat(stillFirst).endsWith("/delay=1");
        assertThat(second).endsWith("/delay=2");
    }

    @Test
    void aSendOfAKindUnderTestCarriesTheShipmentsVariantAndOtherKindsNone() throws Exception {
        RuleEngine e = engine("""
                kinds: [delivered, nps]
                rules:
                  - {id: delivered, when: {status: delivered}, then: [send: delivered, send: nps]}
                  - {id: marketplace_tells, when: {status: delivered, marketplace: trendyol}, then: [suppress: "the marketplace sends its own"]}
                experiments:
                  - {id: delivered_tone, kind: delivered, variants: {a: 1, b: 3}}
                """);
        Experiment tone = e.rules().experimentOf("delivered").orElseThrow();
        String expected = tone.variantFor(Contexts.SHIPMENT.toString());
        Contexts c = new Contexts();
        List<Decision.Send> sends = e.evaluate(c.change(TrackingStatus.DELIVERED, null, "2026-12-01T10:00", "2026-12-01T10:00")).get(0).sends();

        assertThat(sends.get(0).kind()).isEqualTo("delivered");
        assertThat(sends.get(0).variant()).isEqualTo(expected).isIn("a", "b");
        assertThat(sends.get(1).variant()).isNull();
        // a replay gets the same variant, and so does a suppressed message (the report counts only what went)
        assertThat(e.evaluate(c.change(TrackingStatus.DELIVERED, null, "2026-12-01T10:00", "2026-12-01T11:00")).get(0).sends().get(0).variant())
                .isEqualTo(expected);
        c.marketplace = "trendyol";
        Decision.Send suppressed = e.evaluate(c.change(TrackingStatus.DELIVERED, null, "2026-12-01T10:00", "2026-12-01T10:00")).get(0).sends().get(0);
        assertThat(suppressed.suppressedBy()).isEqualTo("marketplace_tells");
        assertThat(suppressed.variant()).isEqualTo(expected);
        assertThat(engine("kinds: [delivered]\nrules:\n  - {id: d, when: {status: delivered}, then: [send: delivered]}\n")
                .evaluate(new Contexts().change(TrackingStatus.DELIVERED, null, "2026-12-01T10:00", "2026-12-01T10:00")).get(0).sends().get(0).variant())
                .isNull();
    }
}
