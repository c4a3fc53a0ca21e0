package io.kargotakip.core.rules;

import io.kargotakip.core.rules.ExperimentReport.Arm;
import io.kargotakip.core.rules.ExperimentReport.Message;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Counting an A/B test per shipment and variant, and what the report concludes. */
class ExperimentReportTest {

    static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    static Message m(String variant, String shipment, String orderNo, Instant sentAt, boolean delivered, boolean opened, boolean clicked) {
        return new Message("delivered", variant, shipment, orderNo, sentAt, delivered, opened, clicked);
    }

    @Test
    void aShipmentCountsOnceWhateverItsChannelsAndOnlyMessagesThatWentCount() {
        List<Message> messages = List.of(
                // one shipment, e-mail and its WhatsApp fallback: one sent, delivered, opened (by the fallback's read)
                m("a", "ups:1", "1001", T0, true, false, false), m("a", "ups:1", "1001", T0.plusSeconds(7200), true, true, false),
                m("a", "ups:2", "1002", T0, false, false, false),
                m("a", "ups:3", "1003", null, false, false, false),          // suppressed: never went
                m("b", "ups:4", "1004", T0, true, true, true),
                new Message("shipped", "short", "ups:4", "1004", T0, true, false, false));
        Map<String, List<Instant>> contacts = Map.of("1002", List.of(T0.plusSeconds(3600)), "1004", List.of(T0.minusSeconds(60)));

        List<ExperimentReport> reports = ExperimentReport.of(messages, contacts);

        assertThat(reports).extracting(ExperimentReport::kind).containsExactly("delivered", "shipped");
        ExperimentReport delivered = reports.get(0);
        assertThat(delivered.arms()).containsExactly(new Arm("a", 2, 1, 1, 0, 1), new Arm("b", 1, 1, 1, 1, 0));
        assertThat(delivered.metrics()).containsExactly("delivered", "opened", "clicked", "contacted_support");
        assertThat(delivered.arms().get(0).rate("delivered")).isEqualTo(0.5);
        assertThat(reports.get(1).verdict()).isEqualTo("only variant short has been sent: nothing to compare yet");
        assertThat(ExperimentReport.of(messages, null).get(0).metrics()).as("no contacts file: no support measure")
                .containsExactly("delivered", "opened", "clicked");
    }

    @Test
    void aVariantSignificantlyBetterIsNamedTheWinnerAndFewerSupportContactsAreBetter() {
        List<Message> messages = new ArrayList<>();
        java.util.Map<String, List<Instant>> contacts = new java.util.HashMap<>();
        // 200 shipments each: clicked 40 (a) against 60 (b), the z-test's hand-computed case (p = 0.0209);
        // support contacted by 30 (a) against 12 (b)
        for (int i = 0; i < 200; i++) {
            messages.add(m("a", "ups:a" + i, "A" + i, T0, true, i < 100, i < 40));
            messages.add(m("b", "ups:b" + i, "B" + i, T0, true, i < 104, i < 60));
            if (i < 30) {
                contacts.put("A" + i, List.of(T0.plusSeconds(86_400)));
            }
            if (i < 12) {
                contacts.put("B" + i, List.of(T0.plusSeconds(86_400)));
            }
        }
        ExperimentReport r = ExperimentReport.of(messages, contacts).get(0);

        ExperimentReport.Comparison clicked = r.comparisons().stream().filter(c -> c.metric().equals("clicked")).findFirst().orElseThrow();
        assertThat(clicked.test().pValue()).isCloseTo(0.020921335337794066, within(1e-9));
        assertThat(clicked.better()).isTrue();
        ExperimentReport.Comparison support = r.comparisons().stream().filter(c -> c.metric().equals("contacted_support")).findFirst().orElseThrow();
        assertThat(support.test().difference()).isCloseTo(-0.09, within(1e-12));
        assertThat(support.better()).isTrue();
        assertThat(r.verdict()).isEqualTo("significant winner: b over a on clicked (+10.0 pts, p = 0.0209); b over a on contacted support (-9.0 pts, p = "
                + ExperimentReport.p(support.test().pValue()) + ")");
    }

    @Test
    void aWorseVariantMakesTheFirstTheWinnerAndNoDifferenceSaysNoneYet() {
        List<Message> worse = new ArrayList<>();
        List<Message> same = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            worse.add(m("a", "ups:a" + i, null, T0, i < 500, false, false));
            worse.add(m("b", "ups:b" + i, null, T0, i < 430, false, false));
            same.add(m("a", "ups:a" + i, null, T0, true, i < 90, false));
            same.add(m("b", "ups:b" + i, null, T0, true, i < 100, false));
        }
        assertThat(ExperimentReport.of(worse, null).get(0).verdict()).isEqualTo("significant winner: a over b on delivered (-7.0 pts, p = 0.0017)");
        assertThat(ExperimentReport.of(same, null).get(0).verdict())
                .isEqualTo("no significant winner yet (p < 0.05 with at least 30 sent per variant)");
    }
}
