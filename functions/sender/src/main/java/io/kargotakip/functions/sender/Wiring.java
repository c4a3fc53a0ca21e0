package io.kargotakip.functions.sender;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.KargoSettings;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.observability.RequestCounter;
import io.kargotakip.aws.store.FailureLog;
import io.kargotakip.aws.pipeline.Dispatcher;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.channels.email.SesEmailChannel;
import io.kargotakip.core.carrier.CarrierAdapter;
import io.kargotakip.core.carrier.CarrierRegistry;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.template.Brand;
import io.kargotakip.core.template.MessageComposer;
import io.kargotakip.core.template.TemplateCatalog;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.net.URI;
import java.time.Clock;
import java.util.Map;

/** Builds the dispatcher (channels, templates, brand) from configuration, at run time. */
@ApplicationScoped
@RegisterForReflection(targets = {RequestCounter.class, Envelope.OutboundMessage.class, NotificationIntent.class, StatusChange.class})
public class Wiring {

    @Produces
    @Singleton
    KargoSettings settings() {
        return KargoSettings.fromConfig();
    }

    @Produces
    @ApplicationScoped
    FailureLog failureLog(DynamoDbClient dynamo) {
        return new FailureLog(dynamo, KargoSettings.fromConfig().tables().failures(), "sender", Clock.systemUTC());
    }

    @Produces
    @ApplicationScoped
    Metrics metrics() {
        return Metrics.forFunction("sender");
    }

    /**
     * SES stays on the plain AWS SDK (the design card), built at run time on the URL-connection client;
     * {@code KARGO_ENDPOINT_SES} points it at the emulator locally.
     */
    @Produces
    @Singleton
    SesV2Client ses(KargoSettings settings) {
        return settings.get("KARGO_ENDPOINT_SES").map(URI::create).map(AwsClients::ses).orElseGet(AwsClients::ses);
    }

    void close(@Disposes SesV2Client ses) {
        ses.close();
    }

    /** The DynamoDB client comes from quarkus-amazon-dynamodb, configured by {@code quarkus.dynamodb.*}. */
    @Produces
    @ApplicationScoped
    Dispatcher dispatcher(DynamoDbClient dynamo, SesV2Client ses, KargoSettings settings, Metrics metrics) {
        Brand brand = settings.brand();
        CarrierRegistry carriers = CarrierRegistry.load();
        MessageComposer composer = new MessageComposer(new TemplateCatalog(settings.templatesDir().orElse(null)), brand,
                carrier -> carriers.find(carrier).map(CarrierAdapter::displayName).orElse(carrier));
        SesEmailChannel email = new SesEmailChannel(ses, brand.fromEmail(), settings.get("KARGO_SES_CONFIGURATION_SET").orElse(null));
        TableNames tables = settings.tables();
        return new Dispatcher(new NotificationRepository(dynamo, tables.notifications(), settings.retention()),
                new OrderRepository(dynamo, tables.orders()), new ShipmentRepository(dynamo, tables.shipments())::find,
                Map.of(email.id(), email), composer, metrics, Clock.systemUTC(), settings.sendLease());
    }
}
