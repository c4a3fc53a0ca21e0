package io.kargotakip.local;

import io.kargotakip.core.analytics.KpiReport;
import io.kargotakip.local.analytics.SimulatedMonth;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The demo's last act and {@code ./kargo report} / {@code ./kargo roi} on it: a smaller simulated month of the reference
 * merchant, its KPIs computed by the KPI SQL in DuckDB — the WISMO share falling once messages start, the control group's
 * rate above the notified shipments' — and the report's files; bad options are one line each.
 */
class ReportCommandTest {

    @TempDir
    static Path dir;
    static Path analytics;
    static KpiReport report;
    static final List<String> progress = new ArrayList<>();
    static final SimulatedMonth.Config MONTH = SimulatedMonth.Config.modax().withOrders(6_000);
    static final Clock AFTER_THE_MONTH = Clock.fixed(Instant.parse("2026-12-02T09:00:00Z"), ZoneOffset.UTC);

    @BeforeAll
    static void month() throws Exception {
        analytics = dir.resolve("analytics");
        report = ReportCommand.simulatedMonth(analytics, dir.resolve("report"), MONTH, progress::add);
    }

    @Test
    void theSimulatedMonthsKpisShowTheWismoShareFallingAndTheControlGroupsRateAboveTheNotifiedOnes() {
        assertThat(report.from()).isEqualTo(MONTH.start());
        assertThat(report.automationStart()).isEqualTo(MONTH.automationStart());
        KpiReport.WismoWeek first = report.wismoWeeks().get(0);
        KpiReport.WismoWeek last = report.wismoWeeks().get(3);
        assertThat(first.shareOfTickets()).as("the case's 58%% before").isBetween(0.52, 0.64);
        assertThat(last.shareOfTickets()).as("after two weeks of messages").isLessThan(first.shareOfTickets() - 0.1);
        assertThat(report.carriers()).hasSize(10);
        assertThat(report.channels()).extracting(KpiReport.ChannelFunnel::channel).contains("email", "sms", "whatsapp");
        KpiReport.Deflection d = report.deflection();
        assertThat(d.measured()).isTrue();
        assertThat(d.controlShipments()).isPositive();
        assertThat(d.treatedRate()).isLessThan(d.controlRate());
        assertThat(report.firstResponseAfter().medianMinutes()).isLessThan(report.firstResponseBefore().medianMinutes());
        assertThat(report.nps().responses()).isPositive();
        assertThat(progress).anyMatch(l -> l.startsWith("report: {")).anyMatch(l -> l.contains("report.html"));
    }

    @Test
    void theReportIsWrittenWithEveryChartAsSvgAndPng() throws Exception {
        Path html = dir.resolve("report/report.html");
        assertThat(html).exists();
        assertThat(Files.readString(html)).contains("<svg").contains("lang=\"tr\"");
        try (var charts = Files.list(dir.resolve("report/charts"))) {
            List<Path> png = charts.filter(p -> p.toString().endsWith(".png")).toList();
            assertThat(png).hasSize(9);
            for (Path p : png) {
                assertThat(ImageIO.read(p.toFile())).as(p.getFileName().toString()).isNotNull();
            }
        }
    }

    @Test
    void reportAndRoiCommandsReadTheFilesForAPeriod() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path again = dir.resolve("again");
        int code = ReportCommand.report(List.of("--from", "2026-11-16", "--to", "2026-11-29", "--data", analytics.toString(), "--out",
                again.toString()), new PrintStream(out, true, StandardCharsets.UTF_8), k -> Optional.empty(), dir, AFTER_THE_MONTH);
        assertThat(code).isZero();
        assertThat(again.resolve("report.html")).exists();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("2026-11-16 to 2026-11-29").contains("\"from\":\"2026-11-16\"");

        ByteArrayOutputStream roi = new ByteArrayOutputStream();
        ReportCommand.roi(List.of("--data", analytics.toString()), new PrintStream(roi, true, StandardCharsets.UTF_8),
                k -> Optional.of(Map.of("KARGO_ROI_COST_PER_CASE_TRY", "30").getOrDefault(k, "")).filter(v -> !v.isEmpty()), dir, AFTER_THE_MONTH);
        String text = roi.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("total:").contains("measured").contains("assumed").contains("TRY/month");
        assertThat(text).as("the setting is used").contains("30");
    }

    @Test
    void badOptionsAreOneLineErrors() {
        assertThatThrownBy(() -> ReportCommand.report(List.of("--from", "2026-13-01"), System.out, k -> Optional.empty(), dir, AFTER_THE_MONTH))
                .isInstanceOf(Main.UsageError.class).hasMessage("--from must be a date (YYYY-MM-DD), not '2026-13-01'");
        assertThatThrownBy(() -> ReportCommand.report(List.of("--from", "2026-11-10", "--to", "2026-11-01"), System.out, k -> Optional.empty(),
                dir, AFTER_THE_MONTH)).isInstanceOf(Main.UsageError.class).hasMessageContaining("is before --from");
        assertThatThrownBy(() -> ReportCommand.report(List.of("--data", dir.resolve("none").toString()), System.out, k -> Optional.empty(),
                dir, AFTER_THE_MONTH)).isInstanceOf(Main.UsageError.class).hasMessageContaining("no analytics files here");
        assertThatThrownBy(() -> ReportCommand.report(List.of("--brand", "Moda X"), System.out, k -> Optional.empty(), dir, AFTER_THE_MONTH))
                .isInstanceOf(Main.UsageError.class).hasMessageContaining("--brand");
        assertThatThrownBy(() -> ReportCommand.roi(List.of("--data", analytics.toString()), System.out,
                k -> k.equals("KARGO_ROI_COST_PER_CASE_TRY") ? Optional.of("x") : Optional.empty(), dir, AFTER_THE_MONTH))
                .isInstanceOf(Main.UsageError.class).hasMessageStartingWith("KARGO_ROI_COST_PER_CASE_TRY");
        assertThatThrownBy(() -> ReportCommand.report(List.of("extra"), System.out, k -> Optional.empty(), dir, AFTER_THE_MONTH))
                .isInstanceOf(Main.UsageError.class).hasMessage(ReportCommand.USAGE_REPORT);
    }
}
