package io.kargotakip.functions.webhookreceiver;

import io.kargotakip.aws.KargoSettings;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.aws.support.SupportTickets;
import io.kargotakip.aws.support.TicketWebhooks;
import io.kargotakip.core.support.TicketClassifier;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.observability.RequestCounter;
import io.kargotakip.aws.pipeline.WebhookIntake;
import io.kargotakip.aws.queue.QueuePublisher;
import io.kargotakip.aws.queue.RawEvent;
import io.kargotakip.core.carrier.CarrierRegistry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;

/**
 * Builds the webhook intake (carrier adapters, each source's scheme and secret, the raw-events queue), the helpdesks'
 * ticket webhooks (analytics to {@code KARGO_ANALYTICS_STREAM}) and the WhatsApp feedback.
 */
@ApplicationScoped
// AnalyticsRecord: the ticket records are written by Jackson, reflectively, in a native image too
@RegisterForReflection(targets = {RequestCounter.class, RawEvent.class, io.kargotakip.core.analytics.AnalyticsRecord.class})
public class Wiring {

    @Produces
    @ApplicationScoped
    Metrics metrics() {
        return Metrics.forFunction("webhook-receiver");
    }

    /** The SQS client comes from quarkus-amazon-sqs, configured by {@code quarkus.sqs.*}. */
    /** The DynamoDB client comes from quarkus-amazon-dynamodb, configured by {@code quarkus.dynamodb.*}. */
    @Produces
    @ApplicationScoped
    WhatsAppFeedback whatsAppFeedback(software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo, Metrics metrics, io.kargotakip.aws.analytics.Analytics analytics) {
        KargoSettings settings = KargoSettings.fromConfig();
        return new WhatsAppFeedback(new io.kargotakip.aws.store.NotificationRepository(dynamo, settings.tables().notifications(),
                settings.retention()), new io.kargotakip.aws.store.OptOutList(dynamo, settings.tables().orders()), metrics, Clock.systemUTC(),
                new io.kargotakip.aws.store.ConsentLedger(dynamo, settings.tables().orders()),
                new io.kargotakip.aws.store.ServiceWindows(dynamo, settings.tables().orders()), analytics);
    }

    /** The receiver's analytics records (WhatsApp's statuses, the helpdesks' tickets): one Firehose client. */
    @Produces
    @jakarta.inject.Singleton
    io.kargotakip.aws.analytics.Analytics analytics(Metrics metrics) {
        return io.kargotakip.aws.analytics.Analytics.from(KargoSettings.fromConfig(), metrics);
    }

    /** The helpdesks' ticket webhooks: classified, linked through the shipments and orders tables, written to Firehose. */
    @Produces
    @ApplicationScoped
    TicketWebhooks tickets(software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo, Metrics metrics, io.kargotakip.aws.analytics.Analytics analytics) {
        KargoSettings settings = KargoSettings.fromConfig();
        SupportTickets tickets = new SupportTickets(TicketClassifier.builtIn(),
                new ShipmentRepository(dynamo, settings.tables().shipments()), CarrierRegistry.load().shipmentCarriers(),
                new OrderRepository(dynamo, settings.tables().orders()), analytics.sink(), analytics.brand(), metrics);
        return new TicketWebhooks(settings::webhookAuth, tickets, metrics, Clock.systemUTC());
    }

    @Produces
    @ApplicationScoped
    WebhookIntake intake(SqsClient sqs, Metrics metrics) {
        KargoSettings settings = KargoSettings.fromConfig();
        return new WebhookIntake(CarrierRegistry.load(), settings::webhookAuth,
                new QueuePublisher(sqs, settings.required(KargoSettings.RAW_EVENTS_QUEUE)), metrics, Clock.systemUTC());
    }
}
