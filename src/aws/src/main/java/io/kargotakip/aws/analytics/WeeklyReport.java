package io.kargotakip.aws.analytics;

import io.kargotakip.core.analytics.AnalyticsRecord;
import io.kargotakip.core.analytics.KpiReport;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.function.Function;

/**
 * The weekly report to operations: every Monday (EventBridge) the KPIs of the four weeks up to last Sunday — the last
 * week and its trend — computed where the records are (Athena on AWS), rendered as the HTML report with its text, and
 * mailed. The same report {@code ./kargo report} writes locally.
 */
public final class WeeklyReport {

    /** A mail of the report: subject, plain text, HTML. */
    public record Mail(String subject, String text, String html) {
    }

    /** Where the mail goes (SES to the operations address on AWS). */
    public interface Mailer {
        void send(Mail mail);
    }

    public static final int WEEKS = 4;

    private final Kpis kpis;
    private final String brand;
    private final Kpis.Options options;
    private final Function<KpiReport, Mail> render;
    private final Mailer mailer;
    private final Clock clock;

    public WeeklyReport(Kpis kpis, String brand, Kpis.Options options, Function<KpiReport, Mail> render, Mailer mailer, Clock clock) {
        this.kpis = kpis;
        this.brand = brand;
        this.options = options;
        this.render = render;
        this.mailer = mailer;
        this.clock = clock;
    }

    /** The four weeks up to the Sunday before today (brand's time zone): Monday to Sunday. */
    public static LocalDate[] period(LocalDate today) {
        LocalDate to = today.with(TemporalAdjusters.previous(DayOfWeek.SUNDAY));
        return new LocalDate[]{to.minusWeeks(WEEKS).plusDays(1), to};
    }

    /** Computes, renders and mails the report; answers it. */
    public KpiReport run() {
        LocalDate[] period = period(LocalDate.ofInstant(clock.instant(), AnalyticsRecord.DEFAULT_ZONE));
        KpiReport report = kpis.compute(period[0], period[1], brand, options);
        mailer.send(render.apply(report));
        return report;
    }
}
