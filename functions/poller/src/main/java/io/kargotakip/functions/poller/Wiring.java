package io.kargotakip.functions.poller;

import io.kargotakip.aws.KargoEnvironment;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.pipeline.Poller;
import io.kargotakip.aws.queue.RawEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Builds the poller (carrier clients, rate limits, poll policy) from configuration, at run time. */
@ApplicationScoped
@RegisterForReflection(targets = {RawEvent.class, Poller.Summary.class})
public class Wiring {

    @Produces
    @ApplicationScoped
    Metrics metrics() {
        return Metrics.forFunction("poller");
    }

    @Produces
    @ApplicationScoped
    Poller poller(Metrics metrics) {
        return KargoEnvironment.fromFunctionConfig().poller(metrics);
    }
}
