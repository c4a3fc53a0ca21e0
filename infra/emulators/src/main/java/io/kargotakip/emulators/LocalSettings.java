package io.kargotakip.emulators;

import java.util.HashMap;
import java.util.Map;

/**
 * The configuration a function gets locally and in tests, besides its tables and queues: the
 * emulator endpoints and the demo merchant (ModaX) with its webhook and API credentials. On AWS the
 * same variables come from {@code template.yaml}.
 */
public final class LocalSettings {

    /** The demo merchant's webhook credentials of the other pushing senders (their sandboxes push with them). */
    public static final String DHL_PUSH_HEADER = "x-kargo-dhl-token";
    public static final String DHL_PUSH_TOKEN = "local-dhl-push-token";
    public static final String TRENDYOL_WEBHOOK_USER = "modax-trendyol";
    public static final String TRENDYOL_WEBHOOK_PASSWORD = "local-trendyol-webhook-password";
    public static final String HEPSIBURADA_WEBHOOK_USER = "modax-hepsiburada";
    public static final String HEPSIBURADA_WEBHOOK_PASSWORD = "local-hepsiburada-webhook-password";
    /** The WhatsApp webhook's verify token (Meta's handshake) and app secret (X-Hub-Signature-256) of the demo app. */
    public static final String WHATSAPP_VERIFY_TOKEN = "local-whatsapp-verify-token";
    public static final String WHATSAPP_APP_SECRET = "local-whatsapp-app-secret";

    /** The demo helpdesk's Zendesk webhook signing secret, and the generic helpdesk form's bearer token. */
    public static final String ZENDESK_SIGNING_SECRET = "local-zendesk-signing-secret";
    public static final String HELPDESK_WEBHOOK_TOKEN = "local-helpdesk-webhook-token";

    private LocalSettings() {
    }

    /**
     * The same settings as a Lambda function's environment variables: names are letters, digits and
     * underscores there, so {@code quarkus.sqs.endpoint-override} becomes {@code QUARKUS_SQS_ENDPOINT_OVERRIDE},
     * which MicroProfile Config maps back.
     */
    public static Map<String, String> asEnvironmentVariables(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>();
        settings.forEach((key, value) -> env.put(key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), value));
        return env;
    }

    /**
     * Keys are configuration names: {@code KARGO_*} and, for the SDK clients the functions get from the
     * Quarkiverse extensions, {@code quarkus.dynamodb.*} / {@code quarkus.sqs.*}.
     *
     * @param upsWebhookCredential the bearer credential UPS Track Alert pushes with
     * @param ordersApiKey         the {@code x-api-key} of the orders API
     */
    public static Map<String, String> forEmulators(Emulators emulators, String upsWebhookCredential, String ordersApiKey) {
        Map<String, String> env = new HashMap<>();
        // the functions' DynamoDB and SQS clients come from the Quarkiverse extensions: their own settings
        for (String service : new String[]{"dynamodb", "sqs"}) {
            env.put("quarkus." + service + ".endpoint-override", (service.equals("sqs") ? emulators.sqs() : emulators.dynamoDb()).toString());
            env.put("quarkus." + service + ".aws.region", "us-east-1");
            env.put("quarkus." + service + ".aws.credentials.type", "static");
            env.put("quarkus." + service + ".aws.credentials.static-provider.access-key-id", "test");
            env.put("quarkus." + service + ".aws.credentials.static-provider.secret-access-key", "test");
        }
        env.put("KARGO_ENDPOINT_SES", emulators.ses().toString()); // SES is on the plain SDK
        env.put("KARGO_ENDPOINT_SNS", emulators.sns().toString()); // so is SNS (SMS)
        // the rules and template overrides from S3 or SSM, used only when KARGO_RULES_SOURCE or KARGO_TEMPLATES_S3 names them
        env.put("KARGO_ENDPOINT_S3", emulators.s3().endpoint().toString());
        env.put("KARGO_ENDPOINT_SSM", emulators.ssm().endpoint().toString());
        // the analytics records, to the Firehose stand-in's stream (files under the emulators' folder)
        env.put("KARGO_ENDPOINT_FIREHOSE", emulators.firehose().endpoint().toString());
        env.put("KARGO_ANALYTICS_STREAM", Emulators.ANALYTICS_STREAM);
        env.put("KARGO_SMS_SENDER_ID", "ModaX"); // the demo merchant's (registered) SMS sender: turns SMS on
        env.put("KARGO_BRAND_NAME", "ModaX");
        env.put("KARGO_BRAND_FROM_EMAIL", "bildirim@modax.example");
        env.put("KARGO_TRACKING_BASE_URL", "https://takip.modax.example");
        env.put("KARGO_SUPPORT_URL", "https://modax.example/destek");
        env.put("KARGO_DEFAULT_LOCALE", "tr");
        // the demo and the ITs run at any hour of the wall clock: quiet hours are tested with a clock of their own
        env.put("KARGO_QUIET_HOURS", System.getenv().getOrDefault("KARGO_QUIET_HOURS", "off"));
        env.put("KARGO_LINK_SECRET", "local-link-secret-not-for-production");
        env.put("KARGO_WEBHOOK_UPS_SCHEME", "bearer");
        env.put("KARGO_WEBHOOK_UPS_SECRET", upsWebhookCredential);
        env.put("KARGO_WEBHOOK_DHL_SCHEME", "api-key");
        env.put("KARGO_WEBHOOK_DHL_HEADER", DHL_PUSH_HEADER);
        env.put("KARGO_WEBHOOK_DHL_SECRET", DHL_PUSH_TOKEN);
        env.put("KARGO_WEBHOOK_ARAS_SCHEME", "body-credentials");
        env.put("KARGO_WEBHOOK_ARAS_SECRET", io.kargotakip.emulators.aras.ArasSandbox.PUSH_USER + ":"
                + io.kargotakip.emulators.aras.ArasSandbox.PUSH_PASSWORD);
        env.put("KARGO_WEBHOOK_TRENDYOL_SCHEME", "basic");
        env.put("KARGO_WEBHOOK_TRENDYOL_SECRET", TRENDYOL_WEBHOOK_USER + ":" + TRENDYOL_WEBHOOK_PASSWORD);
        env.put("KARGO_WEBHOOK_HEPSIBURADA_SCHEME", "basic");
        env.put("KARGO_WEBHOOK_HEPSIBURADA_SECRET", HEPSIBURADA_WEBHOOK_USER + ":" + HEPSIBURADA_WEBHOOK_PASSWORD);
        env.put("KARGO_WEBHOOK_ORDERS_SCHEME", "api-key");
        env.put("KARGO_WEBHOOK_ORDERS_HEADER", "x-api-key");
        env.put("KARGO_WEBHOOK_ORDERS_SECRET", ordersApiKey);
        // the demo merchant's helpdesk: Zendesk's signed webhooks, and the generic form with a bearer token
        env.put("KARGO_WEBHOOK_ZENDESK_SCHEME", "zendesk");
        env.put("KARGO_WEBHOOK_ZENDESK_SECRET", ZENDESK_SIGNING_SECRET);
        env.put("KARGO_WEBHOOK_HELPDESK_SCHEME", "bearer");
        env.put("KARGO_WEBHOOK_HELPDESK_SECRET", HELPDESK_WEBHOOK_TOKEN);
        env.put("KARGO_WHATSAPP_VERIFY_TOKEN", WHATSAPP_VERIFY_TOKEN);
        env.put("KARGO_WHATSAPP_APP_SECRET", WHATSAPP_APP_SECRET);
        return env;
    }
}
