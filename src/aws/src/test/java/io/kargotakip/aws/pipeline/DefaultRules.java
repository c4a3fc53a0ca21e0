package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.queue.QueuePublisher;
import io.kargotakip.aws.rules.RuleBook;
import io.kargotakip.aws.store.EventLog;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.core.notification.FallbackChain;
import io.kargotakip.core.notification.QuietHours;
import io.kargotakip.core.rules.RuleContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;

/** The rule evaluation of a stack with the shipped default rules, as the rule-evaluator function builds it. */
final class DefaultRules {

    private DefaultRules() {
    }

    static RuleEvaluation evaluation(DynamoDbClient dynamo, TableNames tables, NotificationRepository notifications, QueuePublisher outbound,
                                     Metrics metrics, Clock clock, FallbackChain chain) {
        return new RuleEvaluation(RuleBook.defaults(), new RuleEvaluation.Stores(new OrderRepository(dynamo, tables.orders()), notifications,
                new EventLog(dynamo, tables.events(), Duration.ofDays(30))), outbound, metrics, clock,
                new RuleContext.BrandSettings("ModaX", QuietHours.NONE, chain), OperationsActions.LOGGED);
    }
}
