package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.store.DailyTally;
import io.kargotakip.aws.store.EventLog;
import io.kargotakip.core.operations.AlertRequest;
import io.kargotakip.core.operations.Operations;
import io.kargotakip.core.operations.OperationsException;
import io.kargotakip.core.rules.RuleSettings;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Operations' daily summary and exception report (the brief, section 5: in every automation level): once a day, on the
 * rule evaluator's first scheduled run after {@code settings.reports.daily_at}, of the day before — the messages the
 * rules decided by kind and by channel, alerts, tickets and proposals ({@link DailyTally}), and what waits for approval
 * now — and the day's exceptions, line by line. Each report goes once a day (an {@code action|} record), also when
 * several runs overlap; one a destination failed to take is tried again on the next run. The texts carry ids,
 * statuses and order numbers, never a customer's contact.
 */
public final class DailyReports {

    private static final Logger LOG = Logger.getLogger(DailyReports.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** The waiting proposals a report lists one by one; the count covers the rest. */
    static final int WAITING_LINES = 20;

    private final DailyTally tally;
    private final Approvals approvals;
    private final EventLog events;
    private final Metrics metrics;
    private final Clock clock;

    public DailyReports(DailyTally tally, Approvals approvals, EventLog events, Metrics metrics, Clock clock) {
        this.tally = tally;
        this.approvals = approvals;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The two texts of one day, as operations get them. */
    public record Report(LocalDate day, String summary, String exceptions) {
    }

    /**
     * Sends the reports of the day before when their time has come and they have not gone yet.
     *
     * @return the day reported, or null when nothing was due
     */
    public LocalDate run(RuleSettings.Reports settings, Operations operations) {
        if (!settings.on()) {
            return null;
        }
        Instant now = clock.instant();
        ZonedDateTime local = now.atZone(settings.zone());
        if (local.toLocalTime().isBefore(settings.at())) {
            return null;
        }
        LocalDate day = local.toLocalDate().minusDays(1);
        Report report = compose(day, settings);
        boolean sent = send("daily-summary/" + day, report.summary(), settings, operations, now);
        sent |= send("exception-report/" + day, report.exceptions(), settings, operations, now);
        return sent ? day : null;
    }

    private boolean send(String key, String text, RuleSettings.Reports settings, Operations operations, Instant now) {
        if (!events.beginAction(key, now)) {
            return false;
        }
        try {
            operations.alert(new AlertRequest(key, text, settings.to()));
        } catch (OperationsException e) {
            // left begun: the next run tries again
            metrics.count("DailyReportsFailed");
            LOG.warnf("%s not sent (%s); tried again on the next run", key, e.getMessage());
            return false;
        }
        events.completeAction(key, "sent");
        metrics.count("DailyReportsSent");
        LOG.infof("%s sent to %s", key, settings.to());
        return true;
    }

    /** The texts of a day's reports (also for a look without sending). */
    public Report compose(LocalDate day, RuleSettings.Reports settings) {
        DailyTally.Tally t = tally.read(day);
        List<Approvals.Waiting> waiting = approvals.waiting(200);
        StringBuilder summary = new StringBuilder();
        summary.append("Daily summary ").append(day).append(" (").append(settings.zone()).append(")\n");
        summary.append("Messages decided: ").append(t.count("messages"));
        String channels = grouped(t.counts(), "channel.");
        summary.append(channels.isEmpty() ? "" : " (first channel: " + channels + ")").append('\n');
        String kinds = grouped(t.counts(), "kind.");
        summary.append("By kind: ").append(kinds.isEmpty() ? "none" : kinds).append('\n');
        summary.append("Proposed for approval: ").append(t.count("proposed")).append('\n');
        summary.append("Alerts to operations: ").append(t.count("alerts")).append("; helpdesk tickets: ").append(t.count("tickets")).append('\n');
        summary.append("Exceptions: ").append(t.exceptions().size() + t.exceptionsLeftOut()).append(" (the exception report lists them)\n");
        summary.append("Waiting for approval now: ").append(waiting.size());
        waiting.stream().map(w -> w.proposedAt()).min(Instant::compareTo)
                .ifPresent(oldest -> summary.append(" (oldest since ").append(TIME.format(oldest.atZone(settings.zone()))).append(')'));
        summary.append('\n');

        StringBuilder exceptions = new StringBuilder();
        exceptions.append("Exception report ").append(day).append(" (").append(settings.zone()).append(")\n");
        if (t.exceptions().isEmpty() && t.exceptionsLeftOut() == 0) {
            exceptions.append("No exceptions.\n");
        } else {
            exceptions.append(t.exceptions().size() + t.exceptionsLeftOut()).append(" exceptions:\n");
            t.exceptions().forEach(line -> exceptions.append("- ").append(line).append('\n'));
            if (t.exceptionsLeftOut() > 0) {
                exceptions.append("… and ").append(t.exceptionsLeftOut()).append(" more (the list keeps ").append(DailyTally.EXCEPTION_LINES)
                        .append(")\n");
            }
        }
        if (!waiting.isEmpty()) {
            exceptions.append("Waiting for approval (").append(waiting.size()).append("):\n");
            waiting.stream().limit(WAITING_LINES).forEach(w -> exceptions.append("- ").append(w.notificationId()).append(' ').append(w.kind())
                    .append(" over ").append(w.channel()).append(", ").append(w.shipment())
                    .append(w.status() == null ? "" : " " + w.status())
                    .append(", since ").append(TIME.format(w.proposedAt().atZone(settings.zone()))).append('\n'));
            if (waiting.size() > WAITING_LINES) {
                exceptions.append("… and ").append(waiting.size() - WAITING_LINES).append(" more (GET /approvals)\n");
            }
        }
        return new Report(day, summary.toString(), exceptions.toString());
    }

    /** {@code email 30, sms 5} of the counters under a prefix, largest first. */
    private static String grouped(Map<String, Long> counts, String prefix) {
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getKey().substring(prefix.length()) + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
