package io.kargotakip.aws.analytics;

import java.util.List;
import java.util.Map;

/**
 * Where the KPI SQL runs: Athena over the S3 files on AWS ({@link AthenaEngine}), an embedded DuckDB over the local
 * files in the local mode. Both see the table {@code analytics_records} with the columns of {@link AnalyticsColumns} and
 * the partition column {@code dt}; the SQL is written once, in the dialect both read.
 */
public interface SqlEngine {

    /** Runs one query; each row by its column names (lower case), values as strings, numbers or null. */
    List<Map<String, Object>> query(String sql);

    /** Whether queries may run at once (Athena: each waits seconds in its own queue); an embedded engine runs one at a time. */
    default boolean parallel() {
        return false;
    }
}
