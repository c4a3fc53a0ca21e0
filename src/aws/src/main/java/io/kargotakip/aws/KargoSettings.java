package io.kargotakip.aws;

import io.kargotakip.aws.store.TableNames;
import io.kargotakip.core.template.Brand;
import io.kargotakip.core.webhook.WebhookAuth;
import io.kargotakip.core.webhook.WebhookAuthConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The product's settings ({@code KARGO_*}; SAM sets them on AWS, the local runtime locally), read the
 * same way by every function and the CLI. Each function's wiring takes from here only what it needs,
 * together with the SDK clients it is given.
 */
public final class KargoSettings {

    public static final String RAW_EVENTS_QUEUE = "KARGO_QUEUE_RAW_EVENTS_URL";
    public static final String STATUS_CHANGES_QUEUE = "KARGO_QUEUE_STATUS_CHANGES_URL";
    public static final String OUTBOUND_QUEUE = "KARGO_QUEUE_OUTBOUND_URL";
    /** SES's events and SNS's SMS delivery logs, which the sender records (the delivery-logs function puts the latter there). */
    public static final String CHANNEL_EVENTS_QUEUE = "KARGO_QUEUE_CHANNEL_EVENTS_URL";
    public static final String POLL_WORK_QUEUE = "KARGO_QUEUE_POLL_WORK_URL";

    private final Function<String, String> lookup;

    private KargoSettings(Function<String, String> lookup) {
        this.lookup = lookup;
    }

    /** In a function: MicroProfile Config, which reads the environment and {@code application.properties}. */
    public static KargoSettings fromConfig() {
        return of(key -> org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue(key, String.class).orElse(null));
    }

    public static KargoSettings of(Function<String, String> lookup) {
        return new KargoSettings(lookup);
    }

    /** The value, or empty when unset or blank (SAM passes an empty parameter as an empty string). */
    public Optional<String> get(String key) {
        return Optional.ofNullable(lookup.apply(key)).filter(v -> !v.isBlank());
    }

    /** @throws IllegalStateException naming the setting, when it is missing: the function cannot start without it */
    public String required(String key) {
        return get(key).orElseThrow(() -> new IllegalStateException(key + " is not set"));
    }

    /**
     * A plain-SDK client (SES, SNS, S3, SSM: the ones the Quarkiverse extensions do not build), pointed at the endpoint
     * {@code endpointSetting} names when it is set (an emulator: the local runtime sets {@code KARGO_ENDPOINT_SES}, …),
     * else AWS's.
     */
    public <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>
            & software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<B, C>, C> C client(B builder, String endpointSetting) {
        return get(endpointSetting).map(v -> java.net.URI.create(v.trim())).map(uri -> AwsClients.client(builder, uri))
                .orElseGet(() -> AwsClients.client(builder));
    }

    public TableNames tables() {
        return TableNames.fromEnvironment(lookup);
    }

    /** How long dedup and delivery records are kept (KVKK: no longer than needed). */
    public Duration retention() {
        return Duration.ofDays(Long.parseLong(get("KARGO_RETENTION_DAYS").orElse("30")));
    }

    /**
     * How long a shipment's canonical events are kept ({@code KARGO_TIMELINE_RETENTION_DAYS}, default 180): its timeline
     * on the tracking page and the rules' history. Never shorter than {@link #retention()}: the same record is the
     * scan's dedup record.
     */
    public Duration timelineRetention() {
        Duration timeline = Duration.ofDays(Long.parseLong(get("KARGO_TIMELINE_RETENTION_DAYS").orElse("180").trim()));
        return timeline.compareTo(retention()) < 0 ? retention() : timeline;
    }

    /** How long the sender's claim holds ({@code KARGO_SEND_LEASE_SECONDS}); the local runtime shortens it with its visibility timeouts. */
    public Duration sendLease() {
        return get("KARGO_SEND_LEASE_SECONDS").map(v -> Duration.ofSeconds(Long.parseLong(v.trim())))
                .orElse(io.kargotakip.aws.pipeline.Dispatcher.DEFAULT_SEND_LEASE);
    }

    /**
     * Quiet hours: {@code KARGO_QUIET_HOURS} ({@code 22:00-08:00} by default, {@code off}), {@code KARGO_QUIET_ZONE}
     * (Europe/Istanbul), {@code KARGO_QUIET_CHANNELS} (sms,whatsapp,push,webpush), {@code KARGO_QUIET_CRITICAL_CHANNELS}
     * (whatsapp), {@code KARGO_QUIET_CRITICAL} (failed_attempt,exception).
     *
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public io.kargotakip.core.notification.QuietHours quietHours() {
        return io.kargotakip.core.notification.QuietHours.parse(get("KARGO_QUIET_HOURS").orElse(null), get("KARGO_QUIET_ZONE").orElse(null),
                get("KARGO_QUIET_CHANNELS").orElse(null), get("KARGO_QUIET_CRITICAL_CHANNELS").orElse(null),
                get("KARGO_QUIET_CRITICAL").orElse(null));
    }

    /**
     * {@code KARGO_FALLBACK_CHAIN}: where an unread message goes next, {@code email,whatsapp@2h,sms@6h} by default
     * (the brief's), {@code off} for none.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public io.kargotakip.core.notification.FallbackChain fallbackChain() {
        return io.kargotakip.core.notification.FallbackChain.parse(get("KARGO_FALLBACK_CHAIN").orElse(null));
    }

    /** The brand's chain and quiet hours as the rules see them, for rules that name none. */
    public io.kargotakip.core.rules.RuleContext.BrandSettings ruleBrand() {
        return new io.kargotakip.core.rules.RuleContext.BrandSettings(get("KARGO_BRAND_NAME").orElse(null), quietHours(), fallbackChain());
    }

    /**
     * Where the brand's rules are read from: {@code KARGO_RULES_FILE} (a file, locally), else {@code KARGO_RULES_SOURCE}
     * ({@code s3://bucket/key} or {@code ssm:/param/name}, on AWS), else the packaged defaults. Looked at again every
     * {@code KARGO_RULES_RELOAD_SECONDS} (60). {@code KARGO_ENDPOINT_S3} and {@code KARGO_ENDPOINT_SSM} point the
     * clients at the local emulators.
     *
     * @throws IllegalArgumentException naming {@code KARGO_RULES_SOURCE} when it is neither form
     */
    public io.kargotakip.aws.rules.RulesSource rulesSource() {
        Optional<String> file = get("KARGO_RULES_FILE");
        if (file.isPresent()) {
            return io.kargotakip.aws.rules.RulesSource.file(Path.of(file.get().trim()));
        }
        Optional<String> source = get(RULES_SOURCE).map(String::trim);
        if (source.isEmpty()) {
            return io.kargotakip.aws.rules.RulesSource.packaged();
        }
        if (source.get().startsWith("ssm:")) {
            String name = source.get().substring("ssm:".length());
            // SSM's parameter names: letters, digits, _.-/ ; one with a slash starts with one
            if (!name.matches("[A-Za-z0-9_.\\-/]{1,2048}") || name.contains("/") && !name.startsWith("/") || name.endsWith("/")) {
                throw new IllegalArgumentException(RULES_SOURCE + ": \"" + source.get() + "\" is not an SSM parameter; expected ssm:/param/name or ssm:name");
            }
            return io.kargotakip.aws.rules.RulesSource.ssm(ssm(), name);
        }
        if (!source.get().startsWith("s3://")) {
            throw new IllegalArgumentException(RULES_SOURCE + ": \"" + source.get() + "\" is neither s3://bucket/key nor ssm:/param/name");
        }
        S3Location object = S3Location.parse(RULES_SOURCE, source.get(), false);
        return io.kargotakip.aws.rules.RulesSource.s3(s3(), object.bucket(), object.key());
    }

    /** Where the rules are read from on AWS: {@code s3://bucket/key} or {@code ssm:/param/name}. */
    public static final String RULES_SOURCE = "KARGO_RULES_SOURCE";
    /** The merchant's template overrides on AWS: {@code s3://bucket/prefix/}. */
    public static final String TEMPLATES_S3 = "KARGO_TEMPLATES_S3";

    /**
     * The merchant's template overrides in S3 ({@code KARGO_TEMPLATES_S3=s3://bucket/prefix/}, laid out as
     * {@code KARGO_TEMPLATES_DIR} is), refreshed every {@code KARGO_RULES_RELOAD_SECONDS}; empty when unset.
     *
     * @throws IllegalArgumentException naming the setting when it is not an S3 folder
     */
    public Optional<S3Location> templatesS3() {
        return get(TEMPLATES_S3).map(v -> S3Location.parse(TEMPLATES_S3, v, true));
    }

    /** An S3 client: the usual SDK settings, or the emulator at {@code KARGO_ENDPOINT_S3} (path-style, as it answers). */
    public software.amazon.awssdk.services.s3.S3Client s3() {
        return client(software.amazon.awssdk.services.s3.S3Client.builder().forcePathStyle(get("KARGO_ENDPOINT_S3").isPresent()),
                "KARGO_ENDPOINT_S3");
    }

    /** An SSM client: the usual SDK settings, or the emulator at {@code KARGO_ENDPOINT_SSM}. */
    public software.amazon.awssdk.services.ssm.SsmClient ssm() {
        return client(software.amazon.awssdk.services.ssm.SsmClient.builder(), "KARGO_ENDPOINT_SSM");
    }

    /** The share of shipments held out of proactive messages to measure deflection: {@code KARGO_CONTROL_GROUP_PERCENT}, 0 (off) by default. */
    public io.kargotakip.core.analytics.ControlGroup controlGroup() {
        String v = get("KARGO_CONTROL_GROUP_PERCENT").orElse("0").strip();
        try {
            return io.kargotakip.core.analytics.ControlGroup.percent(Double.parseDouble(v));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("KARGO_CONTROL_GROUP_PERCENT: " + (e instanceof NumberFormatException ? "not a number: " + v : e.getMessage()));
        }
    }

    public Duration rulesReload() {
        return Duration.ofSeconds(Long.parseLong(get("KARGO_RULES_RELOAD_SECONDS").orElse("60").trim()));
    }

    public Duration pollInterval() {
        return Duration.ofMinutes(Long.parseLong(get("KARGO_POLL_INTERVAL_MINUTES").orElse("120")));
    }

    /** A carrier's settings ({@code KARGO_CARRIER_<ID>_*}: credentials, base URL, rate overrides). */
    public io.kargotakip.core.carrier.CarrierSettings carrier(String carrier) {
        return new io.kargotakip.core.carrier.CarrierSettings(carrier, lookup);
    }

    /** The poll policy: {@code KARGO_POLL_INTERVAL_MINUTES} (120), {@code KARGO_POLL_DELIVERY_DAY_MINUTES} (30), {@code KARGO_POLL_AFTER_PUSH_HOURS} (12). */
    public io.kargotakip.core.shipment.PollPolicy pollPolicy() {
        Duration interval = pollInterval();
        Duration deliveryDay = Duration.ofMinutes(Long.parseLong(get("KARGO_POLL_DELIVERY_DAY_MINUTES").orElse("30").trim()));
        Duration afterPush = Duration.ofHours(Long.parseLong(get("KARGO_POLL_AFTER_PUSH_HOURS").orElse("12").trim()));
        return new io.kargotakip.core.shipment.PollPolicy(interval, Duration.ofMinutes(15),
                deliveryDay.compareTo(interval) < 0 ? deliveryDay : interval, afterPush, java.time.ZoneId.of("Europe/Istanbul"));
    }

    /** The stall rule: no scan for {@code KARGO_STALL_BUSINESS_HOURS} (24) business hours is a delay. */
    public io.kargotakip.core.shipment.StallRule stallRule() {
        return new io.kargotakip.core.shipment.StallRule(Duration.ofHours(Long.parseLong(get("KARGO_STALL_BUSINESS_HOURS").orElse("24").trim())),
                io.kargotakip.core.calendar.BusinessCalendar.turkishCarriers());
    }

    /** How a webhook source authenticates ({@code KARGO_WEBHOOK_<SOURCE>_*}); empty: the source is refused. */
    public Optional<WebhookAuth> webhookAuth(String source) {
        return WebhookAuthConfig.forSource(source, lookup);
    }

    /**
     * How the orders API authenticates the merchant ({@code KARGO_WEBHOOK_ORDERS_*}). Without a
     * configured key it refuses every call rather than accepting anonymous orders.
     */
    public WebhookAuth ordersApiAuth() {
        return webhookAuth("orders").orElse(new WebhookAuth.ApiKey("x-api-key", UUID.randomUUID() + "-unconfigured"));
    }

    public Brand brand() {
        return Brand.fromEnvironment(lookup);
    }

    /** The merchant's own templates, read before the built-in ones. */
    /**
     * How order intake reads phone numbers given without a country code: in {@code KARGO_PHONE_DEFAULT_REGION}
     * (ISO 3166 code, {@code TR} when unset).
     *
     * @throws IllegalArgumentException when the region is not one libphonenumber knows
     */
    public io.kargotakip.core.order.PhoneNumbers phoneNumbers() {
        try {
            return new io.kargotakip.core.order.PhoneNumbers(get("KARGO_PHONE_DEFAULT_REGION").orElse(null));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("KARGO_PHONE_DEFAULT_REGION: " + e.getMessage(), e);
        }
    }

    public Optional<Path> templatesDir() {
        return get("KARGO_TEMPLATES_DIR").map(Path::of);
    }
}
