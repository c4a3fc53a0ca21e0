package io.kargotakip.functions.sender;

import io.kargotakip.aws.KargoSettings;
import io.kargotakip.aws.ShiftedClock;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.observability.RequestCounter;
import io.kargotakip.aws.store.ConsentLedger;
import io.kargotakip.aws.store.FailureLog;
import io.kargotakip.aws.pipeline.ChannelFeedback;
import io.kargotakip.aws.pipeline.ChannelRates;
import io.kargotakip.aws.pipeline.Dispatcher;
import io.kargotakip.aws.queue.QueuePublisher;
import io.kargotakip.aws.store.RateQuotas;
import io.kargotakip.core.channel.ChannelFees;
import io.kargotakip.aws.store.SuppressionList;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.OptOutList;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.aws.store.TableNames;
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
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.util.List;

/** Builds the dispatcher (the configured channels, templates, brand) from configuration, at run time. */
@ApplicationScoped
@RegisterForReflection(targets = {RequestCounter.class, io.kargotakip.core.analytics.AnalyticsRecord.class, Envelope.OutboundMessage.class, NotificationIntent.class,
        NotificationIntent.Details.class, NotificationIntent.Parcels.class, StatusChange.class})
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

    /** The channels this sender is configured with (e-mail through SES, ...), built at run time. */
    @Produces
    @Singleton
    SenderChannels channels(KargoSettings settings) {
        return SenderChannels.build(settings);
    }

    void close(@Disposes SenderChannels channels) {
        channels.close();
    }

    /** Builds the channels at start-up, so the log tells which ones this sender has before the first message. */
    void onStart(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event, SenderChannels channels, KargoSettings settings,
                 Templates templates) {
        channels.byId();
        // a malformed fee table or rate setting stops the start, naming the line or setting, not the first send
        ChannelFees.load(settings.get(FEES_FILE).map(java.nio.file.Path::of));
        ChannelRates.limits(channels.byId().keySet(), settings::get);
        // the templates were checked when they were built (injecting them here builds them at start-up)
        templates.catalog().get();
    }

    /** The templates in use: asked once per message, so overrides refreshed from S3 apply without a restart. */
    record Templates(java.util.function.Supplier<TemplateCatalog> catalog) {
    }

    /**
     * {@code KARGO_TEMPLATES_DIR} (a folder) when set, else {@code KARGO_TEMPLATES_S3} (copied from S3 and refreshed every
     * {@code KARGO_RULES_RELOAD_SECONDS}, a refreshed set that fails the check is not used), else the built-in set; each
     * checked before use.
     */
    @Produces
    @Singleton
    Templates templates(SenderChannels channels, KargoSettings settings) {
        java.util.Set<String> ids = channels.byId().keySet();
        if (settings.templatesDir().isEmpty() && settings.templatesS3().isPresent()) {
            return new Templates(new io.kargotakip.aws.templates.S3TemplateOverrides(settings.s3(), settings.templatesS3().get(),
                    settings.rulesReload(), Clock.systemUTC(), catalog -> templateProblems(settings, ids, catalog)));
        }
        TemplateCatalog catalog = new TemplateCatalog(settings.templatesDir().orElse(null));
        List<String> problems = templateProblems(settings, ids, catalog);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the templates cannot be used:\n" + String.join("\n", problems));
        }
        return new Templates(() -> catalog);
    }

    /**
     * What stops a catalog's use: every kind the brand's rules may send has its templates over every channel this sender
     * has, in each language, with the variables its kind needs and SMS within their segments, and so has each part of an
     * A/B variant's (one line per problem).
     */
    static List<String> templateProblems(KargoSettings settings, java.util.Set<String> channels, TemplateCatalog catalog) {
        io.kargotakip.core.rules.RuleSet rules;
        try {
            rules = io.kargotakip.core.rules.RulesLoader.parse("rules", settings.rulesSource().fetch(null).orElseThrow().text());
        } catch (io.kargotakip.aws.rules.RulesSource.Unreadable | io.kargotakip.core.rules.RulesException e) {
            // the rule evaluator refuses such a file at its own start, naming its errors
            rules = io.kargotakip.core.rules.RulesLoader.defaults();
        }
        io.kargotakip.channels.sms.SmsSettings sms = io.kargotakip.channels.sms.SmsSettings.forTemplates(key -> settings.get(key).orElse(null));
        return io.kargotakip.core.template.TemplateCheck.problems(catalog, rules.kinds(), rules.variantsByKind(), channels,
                java.util.Set.copyOf(io.kargotakip.core.rules.RulesLoader.LOCALES), sms.maxSegments(), sms.alphabet()::write);
    }

    /** The DynamoDB client comes from quarkus-amazon-dynamodb, configured by {@code quarkus.dynamodb.*}. */
    @Produces
    @ApplicationScoped
    Dispatcher dispatcher(DynamoDbClient dynamo, SqsClient sqs, SenderChannels channels, KargoSettings settings, Metrics metrics,
                          Templates templates, io.kargotakip.aws.analytics.Analytics analytics) {
        Brand brand = settings.brand();
        CarrierRegistry carriers = CarrierRegistry.load();
        MessageComposer composer = new MessageComposer(templates.catalog(), brand,
                carrier -> carriers.find(carrier).map(CarrierAdapter::displayName).orElse(carrier));
        TableNames tables = settings.tables();
        // a bounced or complained address, and a WhatsApp number whose owner replied STOP
        Dispatcher.Suppressed bounced = new SuppressionList(dynamo, tables.orders())::outcome;
        return new Dispatcher(new NotificationRepository(dynamo, tables.notifications(), settings.retention()),
                new OrderRepository(dynamo, tables.orders()), new ShipmentRepository(dynamo, tables.shipments())::find,
                channels.byId(), composer, metrics, ShiftedClock.of(settings), settings.sendLease(), Dispatcher.Policies.NONE
                        .withQuietHours(settings.quietHours())
                        .withSuppressed(bounced.or(Dispatcher.Suppressed.optedOut(new OptOutList(dynamo, tables.orders()))))
                        .withPreferences(Dispatcher.Preferences.of(new ConsentLedger(dynamo, tables.orders())))
                        // the merchant's own fee table, if named; else the one in the jar
                        .withFees(ChannelFees.load(settings.get(FEES_FILE).map(java.nio.file.Path::of)))
                        .withRates(new ChannelRates(new RateQuotas(dynamo, tables.shipments()), ChannelRates.limits(channels.byId().keySet(), settings::get)),
                                settings.get(KargoSettings.OUTBOUND_QUEUE).map(url -> Dispatcher.Requeue.onto(new QueuePublisher(sqs, url)))
                                        .orElse(Dispatcher.Requeue.RETRY_LATER))
                        .withConversations(Dispatcher.Conversations.of(new io.kargotakip.aws.store.ServiceWindows(dynamo, tables.orders()))),
                analytics);
    }

    /** A fee table of the merchant's own (same columns as the built-in {@code channels/fees.csv}). */
    static final String FEES_FILE = "KARGO_CHANNEL_FEES_FILE";

    /** Providers' feedback on sent messages (SES events through SNS and the channel-events queue). */
    @Produces
    @ApplicationScoped
    ChannelFeedback feedback(DynamoDbClient dynamo, KargoSettings settings, Metrics metrics, io.kargotakip.aws.analytics.Analytics analytics) {
        TableNames tables = settings.tables();
        return new ChannelFeedback(new NotificationRepository(dynamo, tables.notifications(), settings.retention()),
                new SuppressionList(dynamo, tables.orders()), metrics, ShiftedClock.of(settings), analytics);
    }

    /** The analytics records of this function's stage (Firehose when {@code KARGO_ANALYTICS_STREAM} is set). */
    @Produces
    @jakarta.inject.Singleton
    io.kargotakip.aws.analytics.Analytics analytics(KargoSettings settings, Metrics metrics) {
        return io.kargotakip.aws.analytics.Analytics.from(settings, metrics);
    }
}
