package io.kargotakip.functions.trackingpage;

import io.kargotakip.aws.KargoSettings;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.observability.RequestCounter;
import io.kargotakip.aws.page.PageSettings;
import io.kargotakip.aws.page.TrackingPages;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.core.carrier.CarrierRegistry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import io.kargotakip.aws.selfservice.SelfService;

import java.time.Clock;

/** Builds the tracking page from configuration, at run time. */
@ApplicationScoped
@RegisterForReflection(targets = {RequestCounter.class, io.kargotakip.core.analytics.AnalyticsRecord.class})
public class Wiring {

    @Produces
    @Singleton
    KargoSettings settings() {
        return KargoSettings.fromConfig();
    }

    @Produces
    @ApplicationScoped
    Metrics metrics() {
        return Metrics.forFunction("tracking-page");
    }

    /** {@code KARGO_PAGE_CONFIG}: checked whole at start, one line naming every problem. */
    @Produces
    @Singleton
    PageSettings pageSettings(KargoSettings settings) {
        return PageSettings.fromEnvironment(key -> settings.get(key).orElse(null));
    }

    @Produces
    @Singleton
    TrackingPages trackingPages(DynamoDbClient dynamo, KargoSettings settings, PageSettings page, Metrics metrics, SelfService self,
                                @jakarta.inject.Named("page-reads") java.util.concurrent.ExecutorService reads) {
        TableNames tables = settings.tables();
        var answers = new io.kargotakip.aws.pipeline.CustomerAnswers(new io.kargotakip.core.template.Links(settings.brand()),
                new io.kargotakip.aws.store.NotificationRepository(dynamo, tables.notifications(), settings.retention()),
                new OrderRepository(dynamo, tables.orders()),
                new io.kargotakip.aws.store.AnswerLog(dynamo, tables.events(), settings.retention()),
                new io.kargotakip.aws.store.EventLog(dynamo, tables.events(), settings.retention()),
                io.kargotakip.core.operations.Operations.NONE, metrics, Clock.systemUTC());
        return new TrackingPages(new ShipmentRepository(dynamo, tables.shipments()), new OrderRepository(dynamo, tables.orders()),
                new io.kargotakip.aws.store.EventLog(dynamo, tables.events(), settings.timelineRetention()), answers::ofShipments,
                self::done, CarrierRegistry.load(), page, settings.brand().name(),
                settings.brand().defaultLocale(), settings.timelineRetention(), reads, Clock.systemUTC());
    }

    @Produces
    @Singleton
    Frames frames(KargoSettings settings, PageSettings page, TrackingPages pages) {
        return new Frames(settings.brand().name(), page, pages);
    }

    /**
     * Where a page's independent reads and its view's count run at once: a few threads, as one Lambda instance serves
     * one page at a time; daemons, so they never hold the process.
     */
    @Produces
    @Singleton
    @jakarta.inject.Named("page-reads")
    java.util.concurrent.ExecutorService reads() {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return java.util.concurrent.Executors.newFixedThreadPool(6, r -> {
            Thread t = new Thread(r, "page-read-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The page's analytics events: counters on the shipment and per day among the shipments ({@code pages#<date>}). */
    @Produces
    @Singleton
    Visits visits(DynamoDbClient dynamo, KargoSettings settings, Metrics metrics,
                  @jakarta.inject.Named("page-reads") java.util.concurrent.ExecutorService reads, io.kargotakip.aws.analytics.Analytics analytics) {
        var events = new io.kargotakip.aws.store.PageEvents(dynamo, settings.tables().shipments(), settings.timelineRetention(), metrics);
        return new Visits((shipment, kind) -> {
            java.time.Instant now = java.time.Instant.now();
            events.record(shipment, kind, now);
            analytics.pageView(shipment, io.kargotakip.aws.analytics.Analytics.page(kind), now);
        }, io.kargotakip.core.template.LinkPreviews.builtIn(), metrics, reads);
    }

    /**
     * The self-service actions: recorded among the shipments, operations alerted through the environment's destinations
     * ({@code KARGO_OPS_EMAIL}, {@code KARGO_OPS_WEBHOOK_URL}); a destination not configured is skipped, with one line.
     */
    @Produces
    @Singleton
    SelfService selfService(DynamoDbClient dynamo, KargoSettings settings, Metrics metrics, io.kargotakip.aws.analytics.Analytics analytics) {
        TableNames tables = settings.tables();
        var ops = io.kargotakip.channels.operations.OperationsSettings.fromEnvironment(key -> settings.get(key).orElse(null));
        io.kargotakip.core.operations.Operations operations = io.kargotakip.channels.operations.OperationsFactory.build(ops,
                () -> settings.client(software.amazon.awssdk.services.sesv2.SesV2Client.builder(), "KARGO_ENDPOINT_SES"),
                line -> org.jboss.logging.Logger.getLogger(Wiring.class).info(line));
        return new SelfService(new io.kargotakip.aws.store.SelfServiceLog(dynamo, tables.shipments(), settings.timelineRetention()),
                new ShipmentRepository(dynamo, tables.shipments()), new OrderRepository(dynamo, tables.orders()),
                new io.kargotakip.aws.store.EventLog(dynamo, tables.events(), settings.retention()), operations, metrics, Clock.systemUTC(),
                io.kargotakip.core.address.AddressCheck.builtIn(), io.kargotakip.core.calendar.BusinessCalendar.turkishCarriers(),
                SelfService.Settings.of(settings), analytics);
    }

    /** The page's analytics records: one Firehose client (when {@code KARGO_ANALYTICS_STREAM} is set). */
    @Produces
    @Singleton
    io.kargotakip.aws.analytics.Analytics analytics(KargoSettings settings, Metrics metrics) {
        return io.kargotakip.aws.analytics.Analytics.from(settings, metrics);
    }

    /** The forms' guards (signed with the link secret) and the preference centre's consent ledger. */
    @Produces
    @Singleton
    PageForms pageForms(DynamoDbClient dynamo, KargoSettings settings) {
        var brand = settings.brand();
        return new PageForms(new io.kargotakip.core.template.Links(brand), brand.trackingBaseUrl(), brand.linkSecret(),
                new io.kargotakip.aws.store.RateLimits(dynamo, settings.tables().shipments()),
                new io.kargotakip.aws.store.ConsentLedger(dynamo, settings.tables().orders()), Clock.systemUTC());
    }
}
