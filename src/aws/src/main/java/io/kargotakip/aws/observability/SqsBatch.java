package io.kargotakip.aws.observability;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs one handler per SQS record and reports the failed ones (ReportBatchItemFailures), so a
 * poison message fails alone and the rest of its batch is deleted. FIFO batches stop at the first
 * failure to keep order. Each record's message id goes into the log context ({@link LogContext}).
 */
public final class SqsBatch {

    private static final Logger LOG = Logger.getLogger(SqsBatch.class);

    /** Processes one record's body; returns the trace id it carried, for logs. */
    @FunctionalInterface
    public interface RecordHandler {
        void handle(SQSEvent.SQSMessage message) throws Exception;
    }

    private SqsBatch() {
    }

    public static SQSBatchResponse process(SQSEvent event, Metrics metrics, RecordHandler handler) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        try {
            for (int i = 0; i < records.size(); i++) {
                SQSEvent.SQSMessage message = records.get(i);
                LogContext.begin(null);
                MDC.put("messageId", message.getMessageId());
                try {
                    handler.handle(message);
                } catch (Exception e) {
                    metrics.count("Failures");
                    LOG.errorf("message %s failed (receive count %s): %s", message.getMessageId(),
                            message.getAttributes() == null ? "?" : message.getAttributes().get("ApproximateReceiveCount"),
                            e.toString());
                    failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
                    if (message.getAttributes() != null && message.getAttributes().get("MessageGroupId") != null) {
                        records.subList(i + 1, records.size()).forEach(r -> failures.add(
                                SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(r.getMessageId()).build()));
                        break;
                    }
                } finally {
                    LogContext.end();
                }
            }
        } finally {
            metrics.flush();
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }


}
