package io.kargotakip.functions.ruleevaluator;

import io.kargotakip.aws.KargoSettings;
import io.kargotakip.aws.ShiftedClock;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.observability.RequestCounter;
import io.kargotakip.aws.store.FailureLog;
import io.kargotakip.aws.pipeline.HeldNotifications;
import io.kargotakip.aws.pipeline.RuleEvaluation;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.aws.queue.QueuePublisher;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.aws.pipeline.Approvals;
import io.kargotakip.aws.pipeline.OperationsDesk;
import io.kargotakip.channels.operations.OperationsFactory;
import io.kargotakip.channels.operations.OperationsSettings;
import io.kargotakip.core.operations.Operations;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import io.kargotakip.aws.rules.RuleBook;
import io.kargotakip.aws.store.DailyCaps;
import io.kargotakip.aws.store.DailyTally;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.aws.pipeline.DailyReports;
import io.kargotakip.aws.store.DiscountCodes;
import io.kargotakip.aws.store.EventLog;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.StatusChange;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;

/** Builds the rule evaluation from configuration, once per Lambda instance, at run time. */
@ApplicationScoped
@RegisterForReflection(targets = {RequestCounter.class, io.kargotakip.core.analytics.AnalyticsRecord.class, Envelope.StatusChangeMessage.class, StatusChange.class, Envelope.OutboundMessage.class,
        NotificationIntent.class, NotificationIntent.Details.class, NotificationIntent.Parcels.class})
public class Wiring {

    @Produces
    @ApplicationScoped
    FailureLog failureLog(DynamoDbClient dynamo) {
        return new FailureLog(dynamo, KargoSettings.fromConfig().tables().failures(), "rule-evaluator", Clock.systemUTC());
    }

    @Produces
    @ApplicationScoped
    Metrics metrics() {
        return Metrics.forFunction("rule-evaluator");
    }

    /** The brand's rules in force and the destinations of what they tell operations. */
    record RulesInForce(RuleBook rules, Operations operations) {
    }

    @Produces
    @jakarta.inject.Singleton // a record cannot be proxied: not a normal scope
    RulesInForce rulesInForce(Metrics metrics) {
        KargoSettings settings = KargoSettings.fromConfig();
        Clock clock = ShiftedClock.of(settings);
        // validated now: a Lambda whose rules are invalid fails its start with their errors, before it takes a message
        // a refused new version is told to operations through the destinations built from the version in force
        java.util.concurrent.atomic.AtomicReference<Operations> operations = new java.util.concurrent.atomic.AtomicReference<>(Operations.NONE);
        RuleBook rules = new RuleBook(settings.rulesSource(), settings.rulesReload(), clock, text -> {
            metrics.count("RulesRefused");
            try {
                operations.get().alert(new io.kargotakip.core.operations.AlertRequest("rules-refused", text,
                        java.util.Set.of(Operations.EMAIL, Operations.WEBHOOK)));
            } catch (io.kargotakip.core.operations.OperationsException | RuntimeException e) {
                org.jboss.logging.Logger.getLogger(Wiring.class).warnf("the refused rules could not be told to operations: %s", e.getMessage());
            }
        });
        operations.set(operations(settings, rules));
        return new RulesInForce(rules, operations.get());
    }

    /** DynamoDB and SQS clients come from the Quarkiverse extensions ({@code quarkus.dynamodb.*}, {@code quarkus.sqs.*}). */
    @Produces
    @ApplicationScoped
    RuleEvaluation ruleEvaluation(DynamoDbClient dynamo, SqsClient sqs, Metrics metrics, RulesInForce inForce) {
        KargoSettings settings = KargoSettings.fromConfig();
        TableNames tables = settings.tables();
        Clock clock = ShiftedClock.of(settings);
        return new RuleEvaluation(inForce.rules(), new RuleEvaluation.Stores(new OrderRepository(dynamo, tables.orders()),
                new NotificationRepository(dynamo, tables.notifications(), settings.retention()),
                new EventLog(dynamo, tables.events(), settings.retention()), new DiscountCodes(dynamo, tables.discountCodes()),
                new DailyCaps(dynamo, tables.shipments()), new ShipmentRepository(dynamo, tables.shipments()),
                new DailyTally(dynamo, tables.shipments())),
                new QueuePublisher(sqs, settings.required(KargoSettings.OUTBOUND_QUEUE)), metrics, clock, settings.ruleBrand(),
                new OperationsDesk(inForce.operations()), settings.controlGroup(),
                io.kargotakip.aws.analytics.Analytics.from(settings, metrics));
    }

    /**
     * Where the rules' alerts and tickets go: the environment's destinations ({@code KARGO_OPS_*}, {@code KARGO_HELPDESK_*}),
     * else the rules file's addresses; a destination not configured is skipped (one log line at start-up).
     */
    static Operations operations(KargoSettings settings, RuleBook rules) {
        OperationsSettings ops = OperationsSettings.fromEnvironment(key -> settings.get(key).orElse(null)).orRules(rules.rules().settings());
        return OperationsFactory.build(ops, () -> settings.client(SesV2Client.builder(), "KARGO_ENDPOINT_SES"),
                line -> org.jboss.logging.Logger.getLogger(Wiring.class).info(line));
    }

    /** The scheduled half's look at the approval queue: proposals expire or alert operations when they wait too long. */
    @Produces
    @ApplicationScoped
    Approvals approvals(DynamoDbClient dynamo, SqsClient sqs, Metrics metrics) {
        KargoSettings settings = KargoSettings.fromConfig();
        return new Approvals(new NotificationRepository(dynamo, settings.tables().notifications(), settings.retention()),
                new ShipmentRepository(dynamo, settings.tables().shipments())::find,
                new QueuePublisher(sqs, settings.required(KargoSettings.OUTBOUND_QUEUE)), metrics, ShiftedClock.of(settings));
    }

    /** The scheduled half's daily summary and exception report to operations. */
    @Produces
    @ApplicationScoped
    DailyReports dailyReports(DynamoDbClient dynamo, Approvals approvals, Metrics metrics) {
        KargoSettings settings = KargoSettings.fromConfig();
        return new DailyReports(new DailyTally(dynamo, settings.tables().shipments()), approvals,
                new EventLog(dynamo, settings.tables().events(), settings.retention()), metrics, ShiftedClock.of(settings));
    }

    /**
     * The weekly analytics report (its own EventBridge schedule): the KPI SQL on Athena over the analytics table, the
     * report mailed to operations. Absent (null) without the analytics workgroup or the operations address.
     */
    @Produces
    @jakarta.inject.Singleton
    WeeklyReports weeklyReport() {
        KargoSettings settings = KargoSettings.fromConfig();
        var workgroup = settings.get("KARGO_ANALYTICS_WORKGROUP");
        var database = settings.get("KARGO_ANALYTICS_DATABASE");
        var to = settings.get("KARGO_OPS_EMAIL");
        if (workgroup.isEmpty() || database.isEmpty() || to.isEmpty()) {
            return new WeeklyReports(null);
        }
        var engine = new io.kargotakip.aws.analytics.AthenaEngine(settings.client(
                software.amazon.awssdk.services.athena.AthenaClient.builder(), "KARGO_ENDPOINT_ATHENA"), workgroup.get(), database.get(),
                java.time.Duration.ofSeconds(25));
        var mail = new io.kargotakip.channels.operations.ReportEmail(settings.client(SesV2Client.builder(), "KARGO_ENDPOINT_SES"),
                settings.get("KARGO_OPS_EMAIL_FROM").or(() -> settings.get("KARGO_BRAND_FROM_EMAIL")).orElse(null), to.get());
        var roi = io.kargotakip.aws.analytics.Roi.Inputs.from(key -> settings.get(key).orElse(null));
        return new WeeklyReports(new io.kargotakip.aws.analytics.WeeklyReport(new io.kargotakip.aws.analytics.Kpis(engine),
                io.kargotakip.aws.analytics.Analytics.brandId(settings), io.kargotakip.aws.analytics.Kpis.Options.of(settings::get),
                report -> {
                    var result = io.kargotakip.aws.analytics.Roi.compute(report, roi, io.kargotakip.aws.analytics.Roi.measuredUpsell(report));
                    return new io.kargotakip.aws.analytics.WeeklyReport.Mail("Haftalık rapor " + report.from() + " – " + report.to(),
                            io.kargotakip.aws.analytics.report.ReportHtml.summaryText(report, result),
                            io.kargotakip.aws.analytics.report.ReportHtml.render(report, result));
                },
                m -> mail.send(m.subject(), m.text(), m.html()), ShiftedClock.of(settings)));
    }

    /** The weekly report, when it is configured. */
    record WeeklyReports(io.kargotakip.aws.analytics.WeeklyReport report) {
    }

    /** The scheduled half: notifications held by quiet hours go back on the outbound queue when their time comes. */
    @Produces
    @ApplicationScoped
    HeldNotifications heldNotifications(DynamoDbClient dynamo, SqsClient sqs, Metrics metrics) {
        KargoSettings settings = KargoSettings.fromConfig();
        return new HeldNotifications(new NotificationRepository(dynamo, settings.tables().notifications(), settings.retention()),
                new QueuePublisher(sqs, settings.required(KargoSettings.OUTBOUND_QUEUE)), metrics, ShiftedClock.of(settings));
    }
}
