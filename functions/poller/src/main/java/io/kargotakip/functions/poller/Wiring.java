package io.kargotakip.functions.poller;

import io.kargotakip.aws.KargoSettings;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.observability.RequestCounter;
import io.kargotakip.aws.pipeline.MarketplaceSync;
import io.kargotakip.aws.pipeline.OrderNotices;
import io.kargotakip.aws.pipeline.PollScheduler;
import io.kargotakip.aws.pipeline.PollWorker;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.aws.store.CarrierQuotas;
import io.kargotakip.aws.store.FailureLog;
import io.kargotakip.aws.store.SyncCursors;
import io.kargotakip.core.marketplace.OrderFeed;
import io.kargotakip.core.carrier.CarrierRegistry;
import io.kargotakip.aws.queue.QueuePublisher;
import io.kargotakip.aws.queue.RawEvent;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.carriers.kit.RetryAfterBackoff;
import io.kargotakip.core.carrier.TrackingClient;
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
import java.util.List;
import java.util.Optional;

/**
 * Builds the poller: each carrier's tracking client is the CDI bean its package declares,
 * {@code @Named} by the carrier id (a declarative REST client with fault tolerance and OAuth), found here
 * by name, so adding a carrier adds a bean and touches nothing else.
 */
@ApplicationScoped
// the carrier kit's backoff strategy is instantiated by fault tolerance reflectively
@RegisterForReflection(targets = {RequestCounter.class, RawEvent.class, PollScheduler.Summary.class,
        Envelope.PollWorkMessage.class, RetryAfterBackoff.class,
        MarketplaceSync.Summary.class})
public class Wiring {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Wiring.class);

    @Produces
    @ApplicationScoped
    Metrics metrics() {
        return Metrics.forFunction("poller");
    }

    @Produces
    @ApplicationScoped
    FailureLog failureLog(DynamoDbClient dynamo) {
        return new FailureLog(dynamo, KargoSettings.fromConfig().tables().failures(), "poller", Clock.systemUTC());
    }

    /**
     * The scheduled half: the carriers on the classpath with their profiles, each carrier's settings to tell
     * whether it is configured. DynamoDB and SQS clients come from the Quarkiverse extensions
     * ({@code quarkus.dynamodb.*}, {@code quarkus.sqs.*}).
     */
    @Produces
    @ApplicationScoped
    PollScheduler scheduler(DynamoDbClient dynamo, SqsClient sqs, Metrics metrics) {
        KargoSettings settings = KargoSettings.fromConfig();
        String table = settings.tables().shipments();
        PollScheduler scheduler = new PollScheduler(new ShipmentRepository(dynamo, table), CarrierRegistry.load(), settings::carrier,
                new CarrierQuotas(dynamo, table), new QueuePublisher(sqs, settings.required(KargoSettings.POLL_WORK_QUEUE)),
                settings.pollPolicy(), Duration.ofMinutes(Long.parseLong(settings.get("KARGO_POLL_SPREAD_MINUTES").orElse("5").trim())),
                metrics, Clock.systemUTC());
        scheduler.announce();
        return scheduler;
    }

    /** The working half: the carrier's tracking client is found by name. */
    @Produces
    @ApplicationScoped
    PollWorker worker(DynamoDbClient dynamo, SqsClient sqs, @Any Instance<TrackingClient> trackingClients, Metrics metrics) {
        KargoSettings settings = KargoSettings.fromConfig();
        return new PollWorker(new ShipmentRepository(dynamo, settings.tables().shipments()),
                carrier -> trackingClient(trackingClients, carrier),
                new QueuePublisher(sqs, settings.required(KargoSettings.RAW_EVENTS_QUEUE)), settings.pollPolicy(), settings.stallRule(),
                metrics, Clock.systemUTC(), Wiring::sleep);
    }

    /**
     * The marketplaces' order feeds are the CDI tracking clients that are also {@link OrderFeed}s (Trendyol,
     * Amazon); the first sync of each reads {@code KARGO_SYNC_LOOKBACK_HOURS} back (24 by default).
     */
    @Produces
    @ApplicationScoped
    MarketplaceSync sync(DynamoDbClient dynamo, SqsClient sqs, @Any Instance<OrderFeed> feeds, Metrics metrics) {
        KargoSettings settings = KargoSettings.fromConfig();
        List<OrderFeed> all = feeds.stream().sorted(java.util.Comparator.comparing(OrderFeed::marketplace)).toList();
        all.forEach(f -> LOG.infof("marketplace %s: %s", f.marketplace(), f.configured()
                ? "orders synced every " + f.limits().every().toMinutes() + " min" : "orders not synced, credentials missing"));
        return new MarketplaceSync(all, new SyncCursors(dynamo, settings.tables().shipments()),
                new QueuePublisher(sqs, settings.required(KargoSettings.RAW_EVENTS_QUEUE)),
                Duration.ofHours(Long.parseLong(settings.get("KARGO_SYNC_LOOKBACK_HOURS").orElse("24").trim())), metrics, Clock.systemUTC());
    }

    /** Notifications are confirmed by the feed of their marketplace, found by name. */
    @Produces
    @ApplicationScoped
    OrderNotices notices(SqsClient sqs, @Any Instance<OrderFeed> feeds, Metrics metrics) {
        KargoSettings settings = KargoSettings.fromConfig();
        return new OrderNotices(marketplace -> {
            Instance<OrderFeed> named = feeds.select(NamedLiteral.of(marketplace));
            return named.isResolvable() ? Optional.of(named.get()) : Optional.empty();
        }, new QueuePublisher(sqs, settings.required(KargoSettings.RAW_EVENTS_QUEUE)), metrics, Clock.systemUTC());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Empty for a push-only carrier (no bean) or one whose API credentials are not configured. */
    static Optional<TrackingClient> trackingClient(Instance<TrackingClient> clients, String carrier) {
        Instance<TrackingClient> named = clients.select(NamedLiteral.of(carrier));
        return named.isResolvable() ? Optional.of(named.get()).filter(TrackingClient::configured) : Optional.empty();
    }
}
