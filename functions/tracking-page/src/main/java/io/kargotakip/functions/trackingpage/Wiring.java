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

import java.time.Clock;

/** Builds the tracking page from configuration, at run time. */
@ApplicationScoped
@RegisterForReflection(targets = {RequestCounter.class})
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
    TrackingPages trackingPages(DynamoDbClient dynamo, KargoSettings settings, PageSettings page, Metrics metrics) {
        TableNames tables = settings.tables();
        var answers = new io.kargotakip.aws.pipeline.CustomerAnswers(new io.kargotakip.core.template.Links(settings.brand()),
                new io.kargotakip.aws.store.NotificationRepository(dynamo, tables.notifications(), settings.retention()),
                new OrderRepository(dynamo, tables.orders()),
                new io.kargotakip.aws.store.AnswerLog(dynamo, tables.events(), settings.retention()),
                new io.kargotakip.aws.store.EventLog(dynamo, tables.events(), settings.retention()),
                io.kargotakip.core.operations.Operations.NONE, metrics, Clock.systemUTC());
        return new TrackingPages(new ShipmentRepository(dynamo, tables.shipments()), new OrderRepository(dynamo, tables.orders()),
                new io.kargotakip.aws.store.EventLog(dynamo, tables.events(), settings.timelineRetention()), answers::ofShipments,
                id -> TrackingPages.SelfServiceState.NONE, CarrierRegistry.load(), page, settings.brand().name(),
                settings.brand().defaultLocale(), settings.timelineRetention(), Clock.systemUTC());
    }

    @Produces
    @Singleton
    Frames frames(KargoSettings settings, PageSettings page, TrackingPages pages) {
        return new Frames(settings.brand().name(), page, pages);
    }

    @Produces
    @Singleton
    Visits visits(Metrics metrics) {
        return new Visits((shipment, kind) -> { }, io.kargotakip.core.template.LinkPreviews.builtIn(), metrics);
    }
}
