package io.kargotakip.functions.ordersapi;

import io.kargotakip.aws.KargoSettings;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.observability.RequestCounter;
import io.kargotakip.aws.orders.OrderIntake;
import io.kargotakip.aws.orders.OrderRequest;
import io.kargotakip.aws.store.ConsentLedger;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.core.carrier.CarrierRegistry;
import io.kargotakip.core.order.OrderValidator;
import io.kargotakip.core.webhook.WebhookAuth;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import io.kargotakip.aws.orders.StatusUpload;
import io.kargotakip.aws.queue.QueuePublisher;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;

/** Builds the order intake and the merchant's API authentication from configuration, at run time. */
@ApplicationScoped
@RegisterForReflection(targets = {RequestCounter.class, OrderRequest.class, OrderRequest.CustomerJson.class,
        OrderRequest.ShipmentJson.class, OrderRequest.ShipToJson.class, io.kargotakip.aws.pipeline.Approvals.Waiting.class,
        io.kargotakip.aws.pipeline.ApprovalPreview.Preview.class,
        io.kargotakip.core.notification.NotificationIntent.class, io.kargotakip.core.notification.NotificationIntent.Details.class,
        io.kargotakip.core.notification.NotificationIntent.Parcels.class,
        io.kargotakip.core.notification.StatusChange.class,
        // the ticket import's records are written by Jackson, reflectively
        io.kargotakip.core.analytics.AnalyticsRecord.class})
public class Wiring {

    @Produces
    @Singleton
    KargoSettings settings() {
        return KargoSettings.fromConfig();
    }

    @Produces
    @ApplicationScoped
    Metrics metrics() {
        return Metrics.forFunction("orders-api");
    }

    /** The DynamoDB client comes from quarkus-amazon-dynamodb, configured by {@code quarkus.dynamodb.*}. */
    @Produces
    @ApplicationScoped
    OrderIntake intake(DynamoDbClient dynamo, KargoSettings settings, Metrics metrics, io.kargotakip.aws.analytics.Analytics analytics) {
        TableNames tables = settings.tables();
        return new OrderIntake(OrderValidator.of(CarrierRegistry.load()).withPhoneNumbers(settings.phoneNumbers()), new OrderRepository(dynamo, tables.orders()),
                new ShipmentRepository(dynamo, tables.shipments()), metrics, Clock.systemUTC(), new ConsentLedger(dynamo, tables.orders()),
                analytics, settings.controlGroup());
    }

    /** The analytics records of this function's stages: one Firehose client (when {@code KARGO_ANALYTICS_STREAM} is set). */
    @Produces
    @Singleton
    io.kargotakip.aws.analytics.Analytics analytics(KargoSettings settings, Metrics metrics) {
        return io.kargotakip.aws.analytics.Analytics.from(settings, metrics);
    }


    /** The consent ledger, in the orders table. */
    @Produces
    @Singleton
    ConsentLedger ledger(DynamoDbClient dynamo, KargoSettings settings) {
        return new ConsentLedger(dynamo, settings.tables().orders());
    }

    /** The opt-out links: verified with the link secret, the message's order found, the choice appended to the ledger. */
    @Produces
    @Singleton
    OptOutResource.OptOutLinks optOutLinks(DynamoDbClient dynamo, KargoSettings settings, ConsentLedger ledger) {
        TableNames tables = settings.tables();
        return new OptOutResource.OptOutLinks(new io.kargotakip.core.template.Links(settings.brand()),
                new io.kargotakip.aws.store.NotificationRepository(dynamo, tables.notifications(), settings.retention()),
                new OrderRepository(dynamo, tables.orders()), ledger, Clock.systemUTC());
    }

    /** The tracked links and the open pixel: verified with the link secret, recorded on the message's delivery history. */
    @Produces
    @Singleton
    io.kargotakip.aws.pipeline.TrackedLinks trackedLinks(DynamoDbClient dynamo, KargoSettings settings, Metrics metrics,
                                                         io.kargotakip.aws.analytics.Analytics analytics) {
        return new io.kargotakip.aws.pipeline.TrackedLinks(new io.kargotakip.core.template.Links(settings.brand()),
                new io.kargotakip.aws.store.NotificationRepository(dynamo, settings.tables().notifications(), settings.retention()),
                new io.kargotakip.aws.store.ShipmentRepository(dynamo, settings.tables().shipments())::pageToken,
                io.kargotakip.core.template.LinkPreviews.builtIn(), metrics, Clock.systemUTC(), analytics);
    }

    /** Status uploads go to the raw-events queue as the {@code manual} source (SQS client from quarkus-amazon-sqs). */
    @Produces
    @Singleton
    StatusUploads statusUploads(DynamoDbClient dynamo, SqsClient sqs, KargoSettings settings) {
        return new StatusUploads(new StatusUpload(CarrierRegistry.load(), java.time.ZoneId.of("Europe/Istanbul")),
                new ShipmentRepository(dynamo, settings.tables().shipments()),
                new QueuePublisher(sqs, settings.required(KargoSettings.RAW_EVENTS_QUEUE)));
    }

    /** The ticket import: classified, linked through the shipments and orders tables, written to Firehose. */
    @Produces
    @Singleton
    io.kargotakip.aws.support.SupportTickets supportTickets(DynamoDbClient dynamo, KargoSettings settings, Metrics metrics,
                                                            io.kargotakip.aws.analytics.Analytics analytics) {
        return new io.kargotakip.aws.support.SupportTickets(io.kargotakip.core.support.TicketClassifier.builtIn(),
                new ShipmentRepository(dynamo, settings.tables().shipments()), CarrierRegistry.load().shipmentCarriers(),
                new OrderRepository(dynamo, settings.tables().orders()),
                analytics.sink(), analytics.brand(), metrics);
    }

    /** What {@code POST /statuses} needs. */
    record StatusUploads(StatusUpload reader, ShipmentRepository shipments, QueuePublisher rawEvents) {
    }

    /**
     * Device registration for push: the plain-SDK SNS client (no Quarkiverse SNS extension in this build), pointed
     * at the local stand-in by {@code KARGO_ENDPOINT_SNS}; the platform application ARNs from {@code KARGO_PUSH_*_APP_ARN}.
     */
    @Produces
    @Singleton
    DeviceRegistration deviceRegistration(DynamoDbClient dynamo, KargoSettings settings) {
        software.amazon.awssdk.services.sns.SnsClient sns = settings.client(software.amazon.awssdk.services.sns.SnsClient.builder(),
                "KARGO_ENDPOINT_SNS");
        return new DeviceRegistration(sns, new OrderRepository(dynamo, settings.tables().orders()),
                DeviceRegistration.applications(settings::get));
    }

    /**
     * Web push subscriptions from the browser: the order tokens signed with the link secret, the VAPID public key the
     * page subscribes with ({@code KARGO_WEBPUSH_VAPID_PUBLIC_KEY}; unset: web push is off and the endpoints say so), the
     * origins allowed to call ({@code KARGO_WEBPUSH_ALLOWED_ORIGINS}). A malformed key stops the start naming the setting.
     */
    @Produces
    @Singleton
    WebPushResource.WebPush webPush(DynamoDbClient dynamo, KargoSettings settings, ConsentLedger ledger) {
        java.util.Optional<String> key = settings.get(WEBPUSH_PUBLIC_KEY).map(String::strip);
        key.ifPresent(k -> {
            if (!io.kargotakip.core.channel.WebPushSubscription.isPublicKey(k)) {
                throw new IllegalArgumentException(WEBPUSH_PUBLIC_KEY + " must be the base64url of a 65-byte uncompressed P-256 point");
            }
        });
        return new WebPushResource.WebPush(new io.kargotakip.core.template.Links(settings.brand()), new OrderRepository(dynamo, settings.tables().orders()),
                ledger, key, WebPushResource.WebPush.origins(settings.get("KARGO_WEBPUSH_ALLOWED_ORIGINS").orElse(null)), Clock.systemUTC());
    }

    static final String WEBPUSH_PUBLIC_KEY = "KARGO_WEBPUSH_VAPID_PUBLIC_KEY";

    /**
     * The customers' answers to their messages' questions (COD, address confirmation): recorded in the events table,
     * a declined delivery or a wrong address alerted to operations through the environment's destinations
     * ({@code KARGO_OPS_EMAIL}, {@code KARGO_OPS_WEBHOOK_URL}; the rules file's {@code settings.alerts} is the rule
     * evaluator's, not read here). A destination not configured is skipped, with one start-up line.
     */
    @Produces
    @Singleton
    io.kargotakip.aws.pipeline.CustomerAnswers customerAnswers(DynamoDbClient dynamo, KargoSettings settings, Metrics metrics) {
        TableNames tables = settings.tables();
        var ops = io.kargotakip.channels.operations.OperationsSettings.fromEnvironment(key -> settings.get(key).orElse(null));
        io.kargotakip.core.operations.Operations operations = io.kargotakip.channels.operations.OperationsFactory.build(ops,
                () -> settings.client(software.amazon.awssdk.services.sesv2.SesV2Client.builder(), "KARGO_ENDPOINT_SES"),
                line -> org.jboss.logging.Logger.getLogger(Wiring.class).info(line));
        return new io.kargotakip.aws.pipeline.CustomerAnswers(new io.kargotakip.core.template.Links(settings.brand()),
                new io.kargotakip.aws.store.NotificationRepository(dynamo, tables.notifications(), settings.retention()),
                new OrderRepository(dynamo, tables.orders()),
                new io.kargotakip.aws.store.AnswerLog(dynamo, tables.events(), settings.retention()),
                new io.kargotakip.aws.store.EventLog(dynamo, tables.events(), settings.retention()), operations, metrics, Clock.systemUTC());
    }

    /** The answer pages' words (the customer's language, the message's amount and POS information) and form tokens. */
    @Produces
    @Singleton
    AnswersResource.Pages answerPages(KargoSettings settings) {
        io.kargotakip.core.template.Brand brand = settings.brand();
        // the composer's values only (cod_amount, pos_info, the locale): the orders API renders no message, so no templates are read
        var composer = new io.kargotakip.core.template.MessageComposer(() -> {
            throw new IllegalStateException("the orders API renders no message");
        }, brand, c -> c);
        return new AnswersResource.Pages(new io.kargotakip.core.template.AnswerPage(composer, brand),
                new io.kargotakip.core.template.Links(brand), brand.name(), brand.trackingBaseUrl());
    }

    /** The approval queue: what the rules proposed, approved onto the outbound queue or rejected. */
    @Produces
    @Singleton
    io.kargotakip.aws.pipeline.Approvals approvals(DynamoDbClient dynamo, software.amazon.awssdk.services.sqs.SqsClient sqs,
                                                   KargoSettings settings, Metrics metrics) {
        return new io.kargotakip.aws.pipeline.Approvals(
                new io.kargotakip.aws.store.NotificationRepository(dynamo, settings.tables().notifications(), settings.retention()),
                new ShipmentRepository(dynamo, settings.tables().shipments())::find,
                new QueuePublisher(sqs, settings.required(KargoSettings.OUTBOUND_QUEUE)), metrics, io.kargotakip.aws.ShiftedClock.of(settings),
                new io.kargotakip.aws.store.DiscountCodes(dynamo, settings.tables().discountCodes()));
    }

    /**
     * The approval queue's preview: the sender's composer over the built-in templates, or {@code KARGO_TEMPLATES_DIR}'s
     * (the S3 overrides of {@code KARGO_TEMPLATES_S3} are the sender's only: the preview shows the built-in text then).
     */
    @Produces
    @Singleton
    io.kargotakip.aws.pipeline.ApprovalPreview approvalPreview(DynamoDbClient dynamo, KargoSettings settings) {
        CarrierRegistry carriers = CarrierRegistry.load();
        io.kargotakip.core.template.TemplateCatalog catalog = new io.kargotakip.core.template.TemplateCatalog(settings.templatesDir().orElse(null));
        return new io.kargotakip.aws.pipeline.ApprovalPreview(
                new io.kargotakip.aws.store.NotificationRepository(dynamo, settings.tables().notifications(), settings.retention()),
                new OrderRepository(dynamo, settings.tables().orders())::find,
                new io.kargotakip.core.template.MessageComposer(catalog, settings.brand(),
                        carrier -> carriers.find(carrier).map(io.kargotakip.core.carrier.CarrierAdapter::displayName).orElse(carrier)));
    }

    /** The tracking page's address changes, for operations to read and confirm (GET/POST /shipments/{id}/address…). */
    @Produces
    @Singleton
    io.kargotakip.aws.store.SelfServiceLog selfServiceLog(DynamoDbClient dynamo, KargoSettings settings) {
        return new io.kargotakip.aws.store.SelfServiceLog(dynamo, settings.tables().shipments(), settings.timelineRetention());
    }

    @Produces
    @Singleton
    @Named("orders-api-auth")
    WebhookAuth auth(KargoSettings settings) {
        return settings.ordersApiAuth();
    }
}
