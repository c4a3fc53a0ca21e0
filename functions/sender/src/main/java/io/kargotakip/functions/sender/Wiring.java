package io.kargotakip.functions.sender;

import io.kargotakip.aws.KargoEnvironment;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.store.FailureLog;
import io.kargotakip.aws.pipeline.Dispatcher;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.StatusChange;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Builds the dispatcher (SES e-mail channel, templates, brand) from configuration, at run time. */
@ApplicationScoped
@RegisterForReflection(targets = {Envelope.OutboundMessage.class, NotificationIntent.class, StatusChange.class})
public class Wiring {

    @Produces
    @ApplicationScoped
    FailureLog failureLog() {
        return KargoEnvironment.fromFunctionConfig().failureLog("sender");
    }

    @Produces
    @ApplicationScoped
    Metrics metrics() {
        return Metrics.forFunction("sender");
    }

    @Produces
    @ApplicationScoped
    Dispatcher dispatcher(Metrics metrics) {
        return KargoEnvironment.fromFunctionConfig().dispatcher(metrics);
    }
}
