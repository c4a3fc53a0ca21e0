package io.kargotakip.functions.poller;

import io.kargotakip.aws.KargoSettings;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.observability.RequestCounter;
import io.kargotakip.aws.pipeline.Poller;
import io.kargotakip.aws.queue.QueuePublisher;
import io.kargotakip.aws.queue.RawEvent;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.carriers.kit.RetryAfterBackoff;
import io.kargotakip.core.carrier.TrackingClient;
import io.kargotakip.core.shipment.PollPolicy;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.literal.NamedLiteral;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Builds the poller: each carrier's tracking client is the CDI bean its package declares,
 * {@code @Named} by the carrier id (a declarative REST client with fault tolerance and OAuth), found here
 * by name, so adding a carrier adds a bean and touches nothing else.
 */
@ApplicationScoped
// the carrier kit's backoff strategy is instantiated by fault tolerance reflectively
@RegisterForReflection(targets = {RequestCounter.class, RawEvent.class, Poller.Summary.class, RetryAfterBackoff.class})
public class Wiring {

    @Produces
    @ApplicationScoped
    Metrics metrics() {
        return Metrics.forFunction("poller");
    }

    /** DynamoDB and SQS clients come from the Quarkiverse extensions ({@code quarkus.dynamodb.*}, {@code quarkus.sqs.*}). */
    @Produces
    @ApplicationScoped
    Poller poller(DynamoDbClient dynamo, SqsClient sqs, @Any Instance<TrackingClient> trackingClients, Metrics metrics) {
        KargoSettings settings = KargoSettings.fromConfig();
        return new Poller(new ShipmentRepository(dynamo, settings.tables().shipments()),
                carrier -> trackingClient(trackingClients, carrier), settings::maxCallsPerSecond,
                new QueuePublisher(sqs, settings.required(KargoSettings.RAW_EVENTS_QUEUE)),
                new PollPolicy(settings.pollInterval(), Duration.ofMinutes(15)), metrics, Clock.systemUTC());
    }

    /** Empty for a push-only carrier (no bean) or one whose API credentials are not configured. */
    static Optional<TrackingClient> trackingClient(Instance<TrackingClient> clients, String carrier) {
        Instance<TrackingClient> named = clients.select(NamedLiteral.of(carrier));
        return named.isResolvable() ? Optional.of(named.get()).filter(TrackingClient::configured) : Optional.empty();
    }
}
