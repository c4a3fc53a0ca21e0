package io.kargotakip.aws.analytics;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.KargoSettings;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.core.analytics.AnalyticsRecord;
import io.kargotakip.core.analytics.AnalyticsSink;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The analytics records to Amazon Data Firehose ({@code PutRecordBatch}, up to 500 a call), one JSON line each, which
 * the stream buffers into date-partitioned files in S3 for the Glue table and Athena; locally the Firehose stand-in
 * writes the same files under the data folder. A record Firehose refuses is tried once more; what still fails is counted
 * ({@code AnalyticsLost}) and logged without content — it never fails the stage that made it.
 */
public final class FirehoseAnalytics implements AnalyticsSink {

    /** The delivery stream's name; no analytics when unset. */
    public static final String STREAM = "KARGO_ANALYTICS_STREAM";
    public static final String ENDPOINT = "KARGO_ENDPOINT_FIREHOSE";
    static final int MAX_BATCH = 500;
    /** A put gives up after this, retries included: the stage's own work is done and must not wait on analytics. */
    static final java.time.Duration CALL_TIMEOUT = java.time.Duration.ofSeconds(2);
    private static final Logger LOG = Logger.getLogger(FirehoseAnalytics.class);

    private final FirehoseClient firehose;
    private final String stream;
    private final Metrics metrics;

    public FirehoseAnalytics(FirehoseClient firehose, String stream, Metrics metrics) {
        this.firehose = firehose;
        this.stream = stream;
        this.metrics = metrics;
    }

    /** The sink the settings ask for: Firehose when {@code KARGO_ANALYTICS_STREAM} is set, else none. */
    public static AnalyticsSink from(KargoSettings settings, Metrics metrics) {
        return settings.get(STREAM)
                .<AnalyticsSink>map(stream -> new FirehoseAnalytics(AwsClients.client(FirehoseClient.builder(),
                        settings.get(ENDPOINT).map(v -> java.net.URI.create(v.strip())).orElse(null), CALL_TIMEOUT), stream, metrics))
                .orElse(AnalyticsSink.NONE);
    }

    @Override
    public int write(List<AnalyticsRecord> records) {
        int lostInAll = 0;
        for (int i = 0; i < records.size(); i += MAX_BATCH) {
            List<Record> batch = new ArrayList<>();
            for (AnalyticsRecord r : records.subList(i, Math.min(records.size(), i + MAX_BATCH))) {
                batch.add(Record.builder().data(SdkBytes.fromString(AnalyticsJson.line(r) + "\n", StandardCharsets.UTF_8)).build());
            }
            int lost = put(put(batch)).size();
            if (lost > 0) {
                metrics.count("AnalyticsLost", lost);
            }
            metrics.count("AnalyticsRecords", batch.size() - lost);
            lostInAll += lost;
        }
        return lostInAll;
    }

    /** Puts a batch; answers the records Firehose refused (all of them when the call itself failed). */
    private List<Record> put(List<Record> batch) {
        if (batch.isEmpty()) {
            return batch;
        }
        try {
            PutRecordBatchResponse response = firehose.putRecordBatch(b -> b.deliveryStreamName(stream).records(batch));
            if (response.failedPutCount() == null || response.failedPutCount() == 0) {
                return List.of();
            }
            List<Record> refused = new ArrayList<>();
            List<PutRecordBatchResponseEntry> entries = response.requestResponses();
            for (int i = 0; i < entries.size() && i < batch.size(); i++) {
                if (entries.get(i).errorCode() != null) {
                    refused.add(batch.get(i));
                }
            }
            return refused;
        } catch (SdkException e) {
            LOG.warnf("analytics records not written to Firehose (%s)", e.getClass().getSimpleName());
            return batch;
        }
    }
}
