package io.kargotakip.functions.webhookreceiver;

import io.kargotakip.aws.KargoEnvironment;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.pipeline.WebhookIntake;
import io.kargotakip.aws.queue.RawEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Builds the webhook intake (carrier adapters, each source's scheme and secret) from configuration. */
@ApplicationScoped
@RegisterForReflection(targets = {RawEvent.class})
public class Wiring {

    @Produces
    @ApplicationScoped
    Metrics metrics() {
        return Metrics.forFunction("webhook-receiver");
    }

    @Produces
    @ApplicationScoped
    WebhookIntake intake(Metrics metrics) {
        return KargoEnvironment.fromFunctionConfig().webhookIntake(metrics);
    }
}
