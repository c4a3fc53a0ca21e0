package io.kargotakip.functions.ordersapi;

import io.kargotakip.aws.KargoEnvironment;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.orders.OrderIntake;
import io.kargotakip.aws.orders.OrderRequest;
import io.kargotakip.core.webhook.WebhookAuth;
import io.kargotakip.core.webhook.WebhookAuthConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.function.Function;

/** Builds the order intake and the merchant's API authentication ({@code KARGO_WEBHOOK_ORDERS_*}) from configuration. */
@ApplicationScoped
@RegisterForReflection(targets = {OrderRequest.class, OrderRequest.CustomerJson.class, OrderRequest.ConsentJson.class,
        OrderRequest.ShipmentJson.class})
public class Wiring {

    private static final Function<String, String> CONFIG =
            key -> ConfigProvider.getConfig().getOptionalValue(key, String.class).orElse(null);

    @Produces
    @ApplicationScoped
    Metrics metrics() {
        return Metrics.forFunction("orders-api");
    }

    @Produces
    @ApplicationScoped
    OrderIntake intake(Metrics metrics) {
        return KargoEnvironment.fromLookup(CONFIG).orderIntake(metrics);
    }

    /** Without a configured key the API refuses every call rather than accepting anonymous orders. */
    @Produces
    @jakarta.inject.Singleton
    @Named("orders-api-auth")
    WebhookAuth auth() {
        return WebhookAuthConfig.forSource("orders", CONFIG)
                .orElse(new WebhookAuth.ApiKey("x-api-key", java.util.UUID.randomUUID() + "-unconfigured"));
    }
}
