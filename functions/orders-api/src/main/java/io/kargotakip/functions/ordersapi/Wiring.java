package io.kargotakip.functions.ordersapi;

import io.kargotakip.aws.KargoEnvironment;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.orders.OrderIntake;
import io.kargotakip.aws.orders.OrderRequest;
import io.kargotakip.core.webhook.WebhookAuth;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** Builds the order intake and the merchant's API authentication from configuration, at run time. */
@ApplicationScoped
@RegisterForReflection(targets = {OrderRequest.class, OrderRequest.CustomerJson.class, OrderRequest.ConsentJson.class,
        OrderRequest.ShipmentJson.class})
public class Wiring {

    @Produces
    @Singleton
    KargoEnvironment environment() {
        return KargoEnvironment.fromFunctionConfig();
    }

    @Produces
    @ApplicationScoped
    Metrics metrics() {
        return Metrics.forFunction("orders-api");
    }

    @Produces
    @ApplicationScoped
    OrderIntake intake(KargoEnvironment environment, Metrics metrics) {
        return environment.orderIntake(metrics);
    }

    @Produces
    @Singleton
    @Named("orders-api-auth")
    WebhookAuth auth(KargoEnvironment environment) {
        return environment.ordersApiAuth();
    }
}
