package io.kargotakip.functions.ruleevaluator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.kargotakip.aws.Json;
import io.kargotakip.aws.observability.LogContext;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.observability.SqsBatch;
import io.kargotakip.aws.pipeline.Approvals;
import io.kargotakip.aws.pipeline.DailyReports;
import io.kargotakip.aws.pipeline.HeldNotifications;
import io.kargotakip.aws.pipeline.RuleEvaluation;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.aws.store.FailureLog;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;

/**
 * The rule evaluator's two triggers: SQS status-changes → {@link RuleEvaluation} (which messages the change sends);
 * the EventBridge schedule → {@link HeldNotifications} (messages held by quiet hours whose time has come go out), the
 * time rules of the shipments whose wake-up has come ({@link RuleEvaluation#wake}), {@link Approvals} (proposals
 * waiting too long expire or alert operations) and {@link DailyReports} (operations' daily summary and exception report).
 * The event's shape says which: only an SQS event has {@code Records}.
 */
@Named("rule-evaluator")
public class RuleEvaluatorFunction implements RequestHandler<Map<String, Object>, Object> {

    @Inject
    RuleEvaluation rules;

    @Inject
    HeldNotifications held;

    @Inject
    Approvals approvals;

    @Inject
    DailyReports reports;

    @Inject
    Wiring.RulesInForce inForce;

    @Inject
    Metrics metrics;

    @Inject
    Wiring.WeeklyReports weekly;

    @Inject
    FailureLog failureLog;

    /** How many held notifications one scheduled run queues again, at most. */
    @ConfigProperty(name = "KARGO_RELEASE_BATCH", defaultValue = "500")
    int batch;

    @Override
    public Object handleRequest(Map<String, Object> event, Context context) {
        SQSEvent sqs = SqsBatch.fromMap(event);
        if (sqs != null) {
            return SqsBatch.process(sqs, metrics, failureLog, message -> {
                Envelope.StatusChangeMessage change = Json.read(message.getBody(), Envelope.StatusChangeMessage.class);
                LogContext.traceId(change.traceId());
                rules.process(change);
            });
        }
        if ("weekly".equals(event.get("report"))) {
            // the weekly schedule's own event: the analytics report, nothing else
            try {
                if (weekly.report() == null) {
                    return Map.of("report", "not configured (KARGO_ANALYTICS_WORKGROUP, KARGO_ANALYTICS_DATABASE, KARGO_OPS_EMAIL)");
                }
                var report = weekly.report().run();
                return Map.of("report", report.from() + ".." + report.to());
            } finally {
                metrics.flush();
            }
        }
        try {
            int released = held.release(batch);
            int looked = rules.wake(batch);
            var settings = inForce.rules().get().rules().settings();
            Approvals.Sweep sweep = approvals.sweep(settings.automation(), inForce.operations(), batch);
            java.time.LocalDate reported = reports.run(settings.reports(), inForce.operations());
            return Map.of("released", released, "timeRulesLooked", looked, "proposalsExpired", sweep.expired(),
                    "proposalsAlerted", sweep.alerted(), "reported", reported == null ? "" : reported.toString());
        } finally {
            metrics.flush();
        }
    }
}
