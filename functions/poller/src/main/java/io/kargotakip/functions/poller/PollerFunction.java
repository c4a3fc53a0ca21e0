package io.kargotakip.functions.poller;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.pipeline.Poller;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;

/** EventBridge schedule → {@link Poller}: poll the shipments that are due. */
@Named("poller")
public class PollerFunction implements RequestHandler<Map<String, Object>, Poller.Summary> {

    @Inject
    Poller poller;

    @Inject
    Metrics metrics;

    /** Enough for one run to finish well inside the function timeout at the carriers' rate limits. */
    @ConfigProperty(name = "KARGO_POLL_BATCH", defaultValue = "200")
    int batch;

    @Override
    public Poller.Summary handleRequest(Map<String, Object> scheduledEvent, Context context) {
        try {
            return poller.run(batch);
        } finally {
            metrics.flush();
        }
    }
}
