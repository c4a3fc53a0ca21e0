package io.kargotakip.aws;

import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.orders.OrderIntake;
import io.kargotakip.aws.pipeline.Dispatcher;
import io.kargotakip.aws.pipeline.Normalizer;
import io.kargotakip.aws.pipeline.Poller;
import io.kargotakip.aws.pipeline.RuleEvaluation;
import io.kargotakip.aws.pipeline.WebhookIntake;
import io.kargotakip.aws.queue.QueuePublisher;
import io.kargotakip.aws.store.EventLog;
import io.kargotakip.aws.store.FailureLog;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.channels.email.SesEmailChannel;
import io.kargotakip.core.carrier.CarrierRegistry;
import io.kargotakip.core.carrier.CarrierSettings;
import io.kargotakip.core.notification.DefaultNotificationRules;
import io.kargotakip.core.order.OrderValidator;
import io.kargotakip.core.shipment.PollPolicy;
import io.kargotakip.core.template.Brand;
import io.kargotakip.core.template.MessageComposer;
import io.kargotakip.core.template.TemplateCatalog;
import io.kargotakip.core.webhook.WebhookAuthConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Wires the stage services from configuration (environment variables; SAM sets them on AWS, the
 * local runtime sets them locally). Each function asks for the one service it runs; clients are
 * created lazily, at run time.
 */
public final class KargoEnvironment {

    private final Function<String, String> env;
    private final Clock clock;
    private final Supplier<DynamoDbClient> dynamo;
    private final Supplier<SqsClient> sqs;
    private final Supplier<SesV2Client> ses;
    private final TableNames tables;
    private final CarrierRegistry carriers = CarrierRegistry.load();

    public KargoEnvironment(Function<String, String> env, Clock clock, Supplier<DynamoDbClient> dynamo,
                            Supplier<SqsClient> sqs, Supplier<SesV2Client> ses) {
        this.env = env;
        this.clock = clock;
        this.dynamo = memoize(dynamo);
        this.sqs = memoize(sqs);
        this.ses = memoize(ses);
        this.tables = TableNames.fromEnvironment(env);
    }

    /** On Lambda: the process environment and default SDK clients. */
    public static KargoEnvironment fromSystem() {
        return fromLookup(System::getenv);
    }

    /** In a function: MicroProfile Config, which reads the environment and {@code application.properties}. */
    public static KargoEnvironment fromFunctionConfig() {
        return fromLookup(key -> org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue(key, String.class).orElse(null));
    }

    /** Settings from the given lookup; SDK clients pointed at {@code KARGO_ENDPOINT_*} where set. */
    public static KargoEnvironment fromLookup(Function<String, String> lookup) {
        return new KargoEnvironment(lookup, Clock.systemUTC(),
                () -> endpoint(lookup, "KARGO_ENDPOINT_DYNAMODB").map(AwsClients::dynamoDb).orElseGet(AwsClients::dynamoDb),
                () -> endpoint(lookup, "KARGO_ENDPOINT_SQS").map(AwsClients::sqs).orElseGet(AwsClients::sqs),
                () -> endpoint(lookup, "KARGO_ENDPOINT_SES").map(AwsClients::ses).orElseGet(AwsClients::ses));
    }

    /** Local mode and tests point each client at its emulator; on AWS these are unset. */
    private static Optional<java.net.URI> endpoint(Function<String, String> lookup, String key) {
        return Optional.ofNullable(lookup.apply(key)).filter(v -> !v.isBlank()).map(java.net.URI::create);
    }

    public CarrierRegistry carriers() {
        return carriers;
    }

    public Metrics metrics(String function) {
        return Metrics.forFunction(function);
    }

    public WebhookIntake webhookIntake(Metrics metrics) {
        return new WebhookIntake(carriers, source -> WebhookAuthConfig.forSource(source, env),
                new QueuePublisher(sqs.get(), required("KARGO_QUEUE_RAW_EVENTS_URL")), metrics, clock);
    }

    public Normalizer normalizer(Metrics metrics) {
        return new Normalizer(carriers, new EventLog(dynamo.get(), tables.events(), retention()),
                shipments(), new QueuePublisher(sqs.get(), required("KARGO_QUEUE_STATUS_CHANGES_URL")), metrics, clock);
    }

    public RuleEvaluation ruleEvaluation(Metrics metrics) {
        return new RuleEvaluation(new DefaultNotificationRules(), orders(), notifications(),
                new QueuePublisher(sqs.get(), required("KARGO_QUEUE_OUTBOUND_URL")), metrics, clock);
    }

    public Dispatcher dispatcher(Metrics metrics) {
        Brand brand = Brand.fromEnvironment(env);
        TemplateCatalog templates = new TemplateCatalog(Optional.ofNullable(env.apply("KARGO_TEMPLATES_DIR")).filter(v -> !v.isBlank()).map(Path::of).orElse(null));
        MessageComposer composer = new MessageComposer(templates, brand,
                carrier -> carriers.find(carrier).map(c -> c.displayName()).orElse(carrier));
        SesEmailChannel email = new SesEmailChannel(ses.get(), brand.fromEmail(), env.apply("KARGO_SES_CONFIGURATION_SET"));
        // KARGO_SEND_LEASE_SECONDS: the local runtime shortens it with its visibility timeouts
        Duration lease = Optional.ofNullable(env.apply("KARGO_SEND_LEASE_SECONDS")).filter(v -> !v.isBlank())
                .map(v -> Duration.ofSeconds(Long.parseLong(v.trim()))).orElse(Dispatcher.DEFAULT_SEND_LEASE);
        return new Dispatcher(notifications(), orders(), shipments()::find, Map.of(email.id(), email), composer, metrics, clock, lease);
    }

    public Poller poller(Metrics metrics) {
        Duration interval = Duration.ofMinutes(Long.parseLong(Optional.ofNullable(env.apply("KARGO_POLL_INTERVAL_MINUTES")).orElse("120")));
        return new Poller(shipments(),
                carrier -> carriers.find(carrier).flatMap(c -> c.trackingClient(new CarrierSettings(carrier, env))),
                carrier -> new CarrierSettings(carrier, env).get("max-calls-per-second").map(Integer::parseInt).orElse(5),
                new QueuePublisher(sqs.get(), required("KARGO_QUEUE_RAW_EVENTS_URL")),
                new PollPolicy(interval, Duration.ofMinutes(15)), metrics, clock);
    }

    /**
     * How the orders API authenticates the merchant ({@code KARGO_WEBHOOK_ORDERS_*}). Without a
     * configured key it refuses every call rather than accepting anonymous orders.
     */
    public io.kargotakip.core.webhook.WebhookAuth ordersApiAuth() {
        return WebhookAuthConfig.forSource("orders", env)
                .orElse(new io.kargotakip.core.webhook.WebhookAuth.ApiKey("x-api-key", java.util.UUID.randomUUID() + "-unconfigured"));
    }

    public OrderIntake orderIntake(Metrics metrics) {
        return new OrderIntake(new OrderValidator(carriers.ids()), orders(), shipments(), metrics, clock);
    }

    /** Where an SQS stage records why a message failed ({@code KARGO_TABLE_FAILURES}). */
    public FailureLog failureLog(String stage) {
        return new FailureLog(dynamo.get(), tables.failures(), stage, clock);
    }

    public OrderRepository orders() {
        return new OrderRepository(dynamo.get(), tables.orders());
    }

    public ShipmentRepository shipments() {
        return new ShipmentRepository(dynamo.get(), tables.shipments());
    }

    public NotificationRepository notifications() {
        return new NotificationRepository(dynamo.get(), tables.notifications(), retention());
    }

    /** How long dedup and delivery records are kept (KVKK: no longer than needed). */
    private Duration retention() {
        return Duration.ofDays(Long.parseLong(Optional.ofNullable(env.apply("KARGO_RETENTION_DAYS")).orElse("30")));
    }

    private String required(String key) {
        String value = env.apply(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(key + " is not set");
        }
        return value;
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
