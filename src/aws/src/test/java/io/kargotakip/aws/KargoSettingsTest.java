package io.kargotakip.aws;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The retention settings: a shipment's timeline is kept longer than the dedup and delivery records, never shorter. */
class KargoSettingsTest {

    static KargoSettings settings(Map<String, String> env) {
        return KargoSettings.of(env::get);
    }

    @Test
    void the_timeline_is_kept_180_days_by_default_and_never_shorter_than_the_records_it_is_one_of() {
        assertThat(settings(Map.of()).retention()).isEqualTo(Duration.ofDays(30));
        assertThat(settings(Map.of()).timelineRetention()).isEqualTo(Duration.ofDays(180));
        assertThat(settings(Map.of("KARGO_TIMELINE_RETENTION_DAYS", "365")).timelineRetention()).isEqualTo(Duration.ofDays(365));
        assertThat(settings(Map.of("KARGO_TIMELINE_RETENTION_DAYS", "7")).timelineRetention())
                .as("the dedup record is the same item: it must live as long").isEqualTo(Duration.ofDays(30));
        assertThat(settings(Map.of("KARGO_RETENTION_DAYS", "400")).timelineRetention()).isEqualTo(Duration.ofDays(400));
    }
}
