package io.kargotakip.aws.observability;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.kargotakip.aws.store.FailureLog;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs one handler per SQS record and reports the failed ones (ReportBatchItemFailures), so a
 * poison message fails alone and the rest of its batch is deleted. FIFO batches stop at the first
 * failure to keep order. Each record's message id goes into the log context ({@link LogContext}), and
 * each failure is recorded ({@link FailureLog}) with a PII-free reason, for whoever reads the DLQ.
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

    /**
     * The SQS event in a handler that takes a map because one function serves two triggers (a schedule and a queue):
     * its {@code Records}, as the batch plumbing reads them; null when the event is not an SQS event.
     */
    public static SQSEvent fromMap(java.util.Map<String, Object> event) {
        if (event == null || !(event.get("Records") instanceof List<?> records)) {
            return null;
        }
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (Object r : records) {
            java.util.Map<?, ?> record = (java.util.Map<?, ?>) r;
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId(String.valueOf(record.get("messageId")));
            message.setBody(String.valueOf(record.get("body")));
            message.setEventSourceArn(record.get("eventSourceARN") == null ? null : String.valueOf(record.get("eventSourceARN")));
            if (record.get("attributes") instanceof java.util.Map<?, ?> attributes) {
                java.util.Map<String, String> values = new java.util.HashMap<>();
                attributes.forEach((k, v) -> values.put(String.valueOf(k), String.valueOf(v)));
                message.setAttributes(values);
            }
            messages.add(message);
        }
        SQSEvent sqs = new SQSEvent();
        sqs.setRecords(messages);
        return sqs;
    }

    /** Without failure records (tests of the batch rules). */
    public static SQSBatchResponse process(SQSEvent event, Metrics metrics, RecordHandler handler) {
        return process(event, metrics, null, handler);
    }

    public static SQSBatchResponse process(SQSEvent event, Metrics metrics, FailureLog failureLog, RecordHandler handler) {
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
                    String receiveCount = message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount");
                    String reason = FailureLog.reason(e);
                    LOG.errorf("message %s failed (receive count %s): %s", message.getMessageId(), receiveCount, reason);
                    record(failureLog, message, e, receiveCount);
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

    private static void record(FailureLog failureLog, SQSEvent.SQSMessage message, Exception e, String receiveCount) {
        if (failureLog == null) {
            return;
        }
        try {
            String arn = message.getEventSourceArn() == null ? "" : message.getEventSourceArn();
            failureLog.record(message.getMessageId(), arn.substring(arn.lastIndexOf(':') + 1), e,
                    receiveCount == null ? 0 : Integer.parseInt(receiveCount));
        } catch (RuntimeException recordFailed) {
            // the record is for the operator; the message's own failure report must still go out
            LOG.warnf("could not record the failure of message %s: %s", message.getMessageId(), FailureLog.reason(recordFailed));
        }
    }


}
