package io.kargotakip.local.analytics;

import io.kargotakip.aws.analytics.TransitSamples;
import io.kargotakip.core.eta.Backtest;
import io.kargotakip.core.eta.EtaData;
import io.kargotakip.core.eta.EtaModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ETA model learns from the analytics records, as its daily refresh will: the simulated month's journeys (its
 * lanes by distance, Turkish working days, delays and failed attempts) read by the transit query in the local engine,
 * trained on the first fortnight's deliveries and scored on the next.
 */
class EtaFromAnalyticsTest {

    @TempDir
    Path dir;

    @Test
    void theModelTrainedOnTheRecordsKeepsItsPromisesAndBeatsTheCarriersEstimateOnTheMostLikelyDay() throws Exception {
        SimulatedMonth.write(dir, SimulatedMonth.Config.modax().withOrders(8_000));
        TransitSamples.Read train;
        TransitSamples.Read test;
        try (DuckDbEngine engine = new DuckDbEngine(dir)) {
            train = TransitSamples.read(engine, LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 15), "modax");
            test = TransitSamples.read(engine, LocalDate.of(2026, 11, 16), LocalDate.of(2026, 12, 1), "modax");
        }
        assertThat(train.rows()).hasSizeGreaterThan(2_000);
        assertThat(test.rows()).hasSizeGreaterThan(2_000);
        assertThat(train.unreadable()).as("every simulated province is read").isZero();
        assertThat(test.rows()).as("the carrier's first estimate comes along").anyMatch(r -> r.carrierEstimate() != null);

        Backtest.Result result = Backtest.run(train.samples(), test.rows(), EtaData.builtIn(), EtaModel.Settings.DEFAULT);

        assertThat(result.model().rows()).isEqualTo(test.rows().size());
        assertThat(result.model().onTimeRate()).as("the promise at 0.9").isGreaterThan(0.85);
        assertThat(result.modelSameRows().maeDays()).as("the most likely day is nearer than the carrier's estimate")
                .isLessThan(result.carrierEstimate().maeDays());
    }
}
