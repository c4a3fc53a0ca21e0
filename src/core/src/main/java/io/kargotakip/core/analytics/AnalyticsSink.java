package io.kargotakip.core.analytics;

import java.util.List;

/**
 * Where a stage's analytics records go: Amazon Data Firehose on AWS (to S3, for Athena), the local Firehose stand-in's
 * files in the local mode. Best effort by design: a record that cannot be written is counted as lost, never a reason to
 * fail the stage's own work (the shipment, the message), which has already been done.
 */
public interface AnalyticsSink {

    AnalyticsSink NONE = records -> 0;

    /** Writes the records; answers how many could not be written (and were counted as lost). */
    int write(List<AnalyticsRecord> records);

    default int write(AnalyticsRecord record) {
        return write(List.of(record));
    }
}
