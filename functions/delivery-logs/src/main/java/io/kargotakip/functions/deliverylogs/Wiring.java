package io.kargotakip.functions.deliverylogs;

import io.kargotakip.aws.KargoSettings;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.observability.RequestCounter;
import io.kargotakip.aws.pipeline.DeliveryLogForwarder;
import io.kargotakip.aws.queue.QueuePublisher;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Builds the forwarder from configuration, once per Lambda instance, at run time. */
@ApplicationScoped
@RegisterForReflection(targets = RequestCounter.class)
public class Wiring {

    @Produces
    @ApplicationScoped
    Metrics metrics() {
        return Metrics.forFunction("delivery-logs");
    }

    /** The SQS client comes from the Quarkiverse extension ({@code quarkus.sqs.*}). */
    @Produces
    @ApplicationScoped
    DeliveryLogForwarder forwarder(SqsClient sqs, Metrics metrics) {
        return new DeliveryLogForwarder(new QueuePublisher(sqs, KargoSettings.fromConfig().required(KargoSettings.CHANNEL_EVENTS_QUEUE)), metrics);
    }
}
