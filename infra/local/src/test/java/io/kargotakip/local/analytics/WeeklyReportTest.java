package io.kargotakip.local.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.analytics.Kpis;
import io.kargotakip.aws.analytics.Roi;
import io.kargotakip.aws.analytics.WeeklyReport;
import io.kargotakip.aws.analytics.report.ReportHtml;
import io.kargotakip.channels.operations.ReportEmail;
import io.kargotakip.core.analytics.KpiReport;
import io.kargotakip.emulators.Emulators;
import io.kargotakip.emulators.Mailbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The weekly report as the rule-evaluator's Monday schedule runs it, with the local engine in Athena's place: the four
 * weeks up to last Sunday computed by the KPI SQL, rendered, mailed through SES (the emulator) to operations.
 */
class WeeklyReportTest {

    @TempDir
    Path dir;

    @Test
    void theFourWeeksUpToLastSundayAreReportedToOperationsByMail() throws Exception {
        SimulatedMonth.Config month = SimulatedMonth.Config.modax().withOrders(2_000);
        SimulatedMonth.write(dir, month);
        Emulators emulators = Emulators.shared();
        String ops = "ops-" + UUID.randomUUID().toString().substring(0, 8) + "@modax.example";
        ReportEmail mail = new ReportEmail(AwsClients.client(SesV2Client.builder(), emulators.ses()), "rapor@modax.example", ops);
        // a Wednesday: the report ends on the Sunday before it
        Clock wednesday = Clock.fixed(Instant.parse("2026-12-02T05:00:00Z"), ZoneOffset.UTC);
        KpiReport report;
        try (DuckDbEngine engine = new DuckDbEngine(dir)) {
            report = new WeeklyReport(new Kpis(engine), "modax", Kpis.Options.DEFAULT, r -> {
                Roi.Result roi = Roi.compute(r, Roi.Inputs.defaults(), Roi.measuredUpsell(r));
                return new WeeklyReport.Mail("Haftalık rapor " + r.from() + " – " + r.to(), ReportHtml.summaryText(r, roi), ReportHtml.render(r, roi));
            }, m -> mail.send(m.subject(), m.text(), m.html()), wednesday).run();
        }

        assertThat(report.from()).isEqualTo(LocalDate.of(2026, 11, 2));
        assertThat(report.to()).isEqualTo(LocalDate.of(2026, 11, 29));
        assertThat(report.wismoWeeks()).hasSize(4);
        assertThat(report.automationStart()).as("found by the SQL: the first message sent").isEqualTo(month.automationStart());
        List<JsonNode> mails = Mailbox.of(emulators.sesStore()).to(ops);
        assertThat(mails).singleElement().satisfies(m -> {
            assertThat(m.path("subject").asText()).isEqualTo("[Kargo Takip] Haftalık rapor 2026-11-02 – 2026-11-29");
            assertThat(m.path("body").path("html").asText()).contains("<svg").contains("2026");
            assertThat(m.path("body").path("text").asText()).isNotBlank();
        });
        assertThat(WeeklyReport.period(LocalDate.of(2026, 11, 30))).as("on a Monday: up to the day before")
                .containsExactly(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 29));
    }
}
