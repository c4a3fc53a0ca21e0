package io.kargotakip.functions.deliverylogs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.pipeline.DeliveryLogForwarder;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.Map;

/**
 * CloudWatch Logs' subscription to SNS's SMS delivery status logs ({@code {"awslogs":{"data":…}}}) →
 * {@link DeliveryLogForwarder}: each record onto the channel-events queue, which the sender records.
 */
@Named("delivery-logs")
public class DeliveryLogsFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Inject
    DeliveryLogForwarder forwarder;

    @Inject
    Metrics metrics;

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Object awslogs = event == null ? null : event.get("awslogs");
        Object data = awslogs instanceof Map<?, ?> logs ? logs.get("data") : null;
        try {
            if (!(data instanceof String encoded)) {
                throw new IllegalArgumentException("not a CloudWatch Logs subscription event (no awslogs.data)");
            }
            return Map.of("forwarded", forwarder.forward(encoded));
        } finally {
            metrics.flush();
        }
    }
}
