package io.kargotakip.emulators;

import java.util.HashMap;
import java.util.Map;

/**
 * The configuration a function gets locally and in tests, besides its tables and queues: the
 * emulator endpoints and the demo merchant (ModaX) with its webhook and API credentials. On AWS the
 * same variables come from {@code template.yaml}.
 */
public final class LocalSettings {

    private LocalSettings() {
    }

    /**
     * @param upsWebhookCredential the bearer credential UPS Track Alert pushes with
     * @param ordersApiKey         the {@code x-api-key} of the orders API
     */
    public static Map<String, String> forEmulators(Emulators emulators, String upsWebhookCredential, String ordersApiKey) {
        Map<String, String> env = new HashMap<>();
        env.put("KARGO_ENDPOINT_DYNAMODB", emulators.dynamoDb().toString());
        env.put("KARGO_ENDPOINT_SQS", emulators.sqs().toString());
        env.put("KARGO_ENDPOINT_SES", emulators.ses().toString());
        env.put("KARGO_BRAND_NAME", "ModaX");
        env.put("KARGO_BRAND_FROM_EMAIL", "bildirim@modax.example");
        env.put("KARGO_TRACKING_BASE_URL", "https://takip.modax.example");
        env.put("KARGO_SUPPORT_URL", "https://modax.example/destek");
        env.put("KARGO_DEFAULT_LOCALE", "tr");
        env.put("KARGO_LINK_SECRET", "local-link-secret-not-for-production");
        env.put("KARGO_WEBHOOK_UPS_SCHEME", "bearer");
        env.put("KARGO_WEBHOOK_UPS_SECRET", upsWebhookCredential);
        env.put("KARGO_WEBHOOK_ORDERS_SCHEME", "api-key");
        env.put("KARGO_WEBHOOK_ORDERS_HEADER", "x-api-key");
        env.put("KARGO_WEBHOOK_ORDERS_SECRET", ordersApiKey);
        return env;
    }
}
