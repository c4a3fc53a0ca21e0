package io.kargotakip.functions.normalizer;

import io.kargotakip.aws.KargoSettings;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.observability.RequestCounter;
import io.kargotakip.aws.orders.MarketplaceOrders;
import io.kargotakip.aws.store.FailureLog;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.pipeline.Normalizer;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.aws.queue.QueuePublisher;
import io.kargotakip.aws.queue.RawEvent;
import io.kargotakip.aws.store.EventLog;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.core.carrier.CarrierRegistry;
import io.kargotakip.core.notification.StatusChange;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;

/** Builds the normalizer from configuration, once per Lambda instance, at run time. */
@ApplicationScoped
@RegisterForReflection(targets = {RequestCounter.class, io.kargotakip.core.analytics.AnalyticsRecord.class, RawEvent.class, Envelope.StatusChangeMessage.class, StatusChange.class})
public class Wiring {

    @Produces
    @ApplicationScoped
    FailureLog failureLog(DynamoDbClient dynamo) {
        return new FailureLog(dynamo, KargoSettings.fromConfig().tables().failures(), "normalizer", Clock.systemUTC());
    }

    @Produces
    @ApplicationScoped
    Metrics metrics() {
        return Metrics.forFunction("normalizer");
    }

    /** DynamoDB and SQS clients come from the Quarkiverse extensions ({@code quarkus.dynamodb.*}, {@code quarkus.sqs.*}). */
    @Produces
    @ApplicationScoped
    Normalizer normalizer(DynamoDbClient dynamo, SqsClient sqs, Metrics metrics) {
        KargoSettings settings = KargoSettings.fromConfig();
        // the analytics records of every event read and package linked (Firehose when KARGO_ANALYTICS_STREAM is set)
        var analytics = io.kargotakip.aws.analytics.Analytics.from(settings, metrics);
        TableNames tables = settings.tables();
        return new Normalizer(CarrierRegistry.load(), new EventLog(dynamo, tables.events(), settings.timelineRetention()),
                new ShipmentRepository(dynamo, tables.shipments()),
                new QueuePublisher(sqs, settings.required(KargoSettings.STATUS_CHANGES_QUEUE)),
                new MarketplaceOrders(new OrderRepository(dynamo, tables.orders()), new ShipmentRepository(dynamo, tables.shipments()),
                        Clock.systemUTC(), analytics, settings.controlGroup()),
                settings.pollPolicy(), metrics, Clock.systemUTC(), analytics);
    }
}
