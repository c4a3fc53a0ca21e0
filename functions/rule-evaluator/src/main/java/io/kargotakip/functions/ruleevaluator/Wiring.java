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
import io.kargotakip.aws.pipeline.OperationsActions;
import io.kargotakip.aws.rules.RuleBook;
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
@RegisterForReflection(targets = {RequestCounter.class, Envelope.StatusChangeMessage.class, StatusChange.class, Envelope.OutboundMessage.class,
        NotificationIntent.class})
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

    /** DynamoDB and SQS clients come from the Quarkiverse extensions ({@code quarkus.dynamodb.*}, {@code quarkus.sqs.*}). */
    @Produces
    @ApplicationScoped
    RuleEvaluation ruleEvaluation(DynamoDbClient dynamo, SqsClient sqs, Metrics metrics) {
        KargoSettings settings = KargoSettings.fromConfig();
        TableNames tables = settings.tables();
        Clock clock = ShiftedClock.of(settings);
        // validated now: a Lambda whose rules are invalid fails its start with their errors, before it takes a message
        RuleBook rules = new RuleBook(settings.rulesSource(), settings.rulesReload(), clock, line -> metrics.count("RulesRefused"));
        return new RuleEvaluation(rules, new RuleEvaluation.Stores(new OrderRepository(dynamo, tables.orders()),
                new NotificationRepository(dynamo, tables.notifications(), settings.retention()),
                new EventLog(dynamo, tables.events(), settings.retention())),
                new QueuePublisher(sqs, settings.required(KargoSettings.OUTBOUND_QUEUE)), metrics, clock, settings.ruleBrand(),
                OperationsActions.LOGGED);
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
