package io.kargotakip.local;

import io.kargotakip.aws.analytics.Kpis;
import io.kargotakip.aws.analytics.Roi;
import io.kargotakip.aws.analytics.report.ReportHtml;
import io.kargotakip.core.analytics.AnalyticsRecord;
import io.kargotakip.core.analytics.KpiReport;
import io.kargotakip.local.Main.UsageError;
import io.kargotakip.local.analytics.DuckDbEngine;
import io.kargotakip.local.analytics.ReportFiles;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code ./kargo report} and {@code ./kargo roi}: the KPIs of a period computed by the KPI SQL on the local analytics
 * files (DuckDB; on AWS the same SQL runs on Athena for the weekly report), written as the HTML report with its charts
 * as SVG and PNG, or as the ROI. The files are the local Firehose stand-in's ({@code .kargo/logs/analytics}: the demo's,
 * its simulated month included) unless {@code --data} names others laid out the same way ({@code dt=<day>/*.json}).
 */
final class ReportCommand {

    static final String USAGE_REPORT = "usage: kargo report [--from DATE --to DATE] [--out DIR] [--data DIR] [--brand ID]";
    static final String USAGE_ROI = "usage: kargo roi [--from DATE --to DATE] [--data DIR] [--brand ID] [--json]";
    /** Without --from/--to: the four weeks up to yesterday. */
    static final int DEFAULT_DAYS = 28;

    private ReportCommand() {
    }

    static Path defaultData(Path root) {
        return root.resolve(".kargo/logs/analytics");
    }

    record Period(LocalDate from, LocalDate to) {
    }

    static Period period(Map<String, String> options, Clock clock) throws UsageError {
        LocalDate yesterday = LocalDate.ofInstant(clock.instant(), AnalyticsRecord.DEFAULT_ZONE).minusDays(1);
        LocalDate to = date(options, "--to").orElse(yesterday);
        LocalDate from = date(options, "--from").orElse(to.minusDays(DEFAULT_DAYS - 1));
        if (to.isBefore(from)) {
            throw new UsageError("--to " + to + " is before --from " + from);
        }
        if (from.plusYears(1).isBefore(to)) {
            throw new UsageError("a report covers at most a year: " + from + " to " + to);
        }
        return new Period(from, to);
    }

    private static Optional<LocalDate> date(Map<String, String> options, String name) throws UsageError {
        String v = options.get(name);
        if (v == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(v));
        } catch (DateTimeParseException e) {
            throw new UsageError(name + " must be a date (YYYY-MM-DD), not '" + v + "'");
        }
    }

    /** The KPIs of the period from the files; the settings give the brand, the automation start and the window. */
    static KpiReport compute(Path data, Period period, String brand, Function<String, Optional<String>> settings) throws UsageError {
        if (!Files.isDirectory(data)) {
            throw new UsageError(data + ": no analytics files here (run ./kargo demo first, or give --data DIR)");
        }
        Kpis.Options options;
        try {
            options = Kpis.Options.of(settings);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        try (DuckDbEngine engine = new DuckDbEngine(data)) {
            return new Kpis(engine).compute(period.from(), period.to(), brand, options);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }

    static Roi.Result roi(KpiReport report, Function<String, Optional<String>> settings) throws UsageError {
        try {
            return Roi.compute(report, Roi.Inputs.from(key -> settings.apply(key).orElse(null)), Roi.measuredUpsell(report));
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }

    static String brand(Map<String, String> options, Function<String, Optional<String>> settings) throws UsageError {
        String brand = options.getOrDefault("--brand", settings.apply("KARGO_BRAND_ID").orElse("modax"));
        if (!io.kargotakip.aws.analytics.KpiSql.BRAND.matcher(brand).matches()) {
            throw new UsageError("--brand is a brand id (lower-case letters, digits, dashes), not '" + brand + "'");
        }
        return brand;
    }

    static int report(List<String> args, PrintStream out, Function<String, Optional<String>> settings, Path root, Clock clock)
            throws UsageError {
        Map<String, String> options = Main.options(args, List.of("--from", "--to", "--out", "--data", "--brand"));
        if (options.containsKey("")) {
            throw new UsageError(USAGE_REPORT);
        }
        Period period = period(options, clock);
        Path data = options.containsKey("--data") ? Path.of(options.get("--data")) : defaultData(root);
        KpiReport report = compute(data, period, brand(options, settings), settings);
        Roi.Result roi = roi(report, settings);
        Path outDir = Path.of(options.getOrDefault("--out", root.resolve(".kargo/report").toString()));
        ReportFiles.Written written = ReportFiles.write(outDir, report, roi);
        out.println("kargo: report " + period.from() + " to " + period.to() + ": " + written.html().toAbsolutePath()
                + " (charts as SVG and PNG in " + written.html().toAbsolutePath().getParent().resolve("charts") + ")");
        out.println(ReportHtml.oneLine(report, roi));
        return 0;
    }

    /** The ROI as lines: each term, the total, then every input and whether it was measured or assumed (and from what). */
    static String roiText(Roi.Result roi) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(java.util.Locale.ROOT, "WISMO calls saved: %,.0f TRY/month%n", roi.wismoSavingPerMonth()));
        b.append(String.format(java.util.Locale.ROOT, "returns/cancellations avoided: %,.0f TRY/month%n", roi.returnCancelSavingPerMonth()));
        b.append(String.format(java.util.Locale.ROOT, "upsell from the tracking page: %,.0f TRY/month%n", roi.upsellPerMonth()));
        b.append(String.format(java.util.Locale.ROOT, "total: %,.0f TRY/month%n", roi.totalPerMonth()));
        for (Roi.Input in : roi.inputs()) {
            b.append(String.format(java.util.Locale.ROOT, "  %-9s %s = %s %s (%s)%n", in.measured() ? "measured" : "assumed",
                    in.label(), format(in.value()), in.unit(), in.source()));
        }
        return b.toString();
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(java.util.Locale.ROOT, "%,.0f", v)
                : String.format(java.util.Locale.ROOT, "%,.4f", v);
    }

    /**
     * The demo's last act: the reference merchant's simulated month written among the analytics files, its report
     * computed by the KPI SQL and written to {@code outDir}; answers the report.
     */
    static KpiReport simulatedMonth(Path analytics, Path outDir, io.kargotakip.local.analytics.SimulatedMonth.Config month,
                                    java.util.function.Consumer<String> progress) throws java.io.IOException {
        long started = System.nanoTime();
        var summary = io.kargotakip.local.analytics.SimulatedMonth.write(analytics, month);
        progress.accept(String.format(java.util.Locale.ROOT, "simulated month of %s: %,d orders from %s over %d days, %,d analytics records "
                        + "(%d days of observation, then messages; a %.0f%% control group) in %d ms", month.brand(), month.orders(),
                month.start(), month.days(), summary.total(), month.observationDays(), month.controlPercent(),
                (System.nanoTime() - started) / 1_000_000));
        KpiReport report;
        try (DuckDbEngine engine = new DuckDbEngine(analytics)) {
            report = new Kpis(engine).compute(month.start(), month.start().plusDays(month.days() - 1L), month.brand(),
                    new Kpis.Options(month.automationStart(), Kpis.Options.DEFAULT.windowDays()));
        }
        Roi.Result roi = Roi.compute(report, Roi.Inputs.defaults(), Roi.measuredUpsell(report));
        ReportFiles.Written written = ReportFiles.write(outDir, report, roi);
        progress.accept("the month's report: " + written.html().toAbsolutePath() + " (charts as SVG and PNG beside it); "
                + "./kargo report --from " + report.from() + " --to " + report.to() + " writes it again");
        progress.accept("report: " + ReportHtml.oneLine(report, roi));
        return report;
    }

    static int roi(List<String> args, PrintStream out, Function<String, Optional<String>> settings, Path root, Clock clock) throws UsageError {
        boolean json = args.contains("--json");
        List<String> rest = new java.util.ArrayList<>(args);
        rest.remove("--json");
        Map<String, String> options = Main.options(rest, List.of("--from", "--to", "--data", "--brand"));
        if (options.containsKey("")) {
            throw new UsageError(USAGE_ROI);
        }
        Period period = period(options, clock);
        Path data = options.containsKey("--data") ? Path.of(options.get("--data")) : defaultData(root);
        KpiReport report = compute(data, period, brand(options, settings), settings);
        Roi.Result roi = roi(report, settings);
        if (json) {
            out.println(io.kargotakip.aws.Json.write(roi));
        } else {
            out.print(roiText(roi));
        }
        return 0;
    }
}
