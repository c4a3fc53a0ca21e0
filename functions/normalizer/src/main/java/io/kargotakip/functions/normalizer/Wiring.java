package io.kargotakip.functions.normalizer;

import io.kargotakip.aws.KargoEnvironment;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.store.FailureLog;
import io.kargotakip.aws.pipeline.Normalizer;
import io.kargotakip.aws.queue.RawEvent;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.aws.queue.Envelope;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Builds the normalizer from configuration, once per Lambda instance, at run time. */
@ApplicationScoped
@RegisterForReflection(targets = {RawEvent.class, Envelope.StatusChangeMessage.class, StatusChange.class})
public class Wiring {

    @Produces
    @ApplicationScoped
    FailureLog failureLog() {
        return KargoEnvironment.fromFunctionConfig().failureLog("normalizer");
    }

    @Produces
    @ApplicationScoped
    Metrics metrics() {
        return Metrics.forFunction("normalizer");
    }

    @Produces
    @ApplicationScoped
    Normalizer normalizer(Metrics metrics) {
        return KargoEnvironment.fromFunctionConfig().normalizer(metrics);
    }
}
