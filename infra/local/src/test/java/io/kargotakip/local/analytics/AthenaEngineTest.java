package io.kargotakip.local.analytics;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.analytics.AthenaEngine;
import io.kargotakip.aws.analytics.Kpis;
import io.kargotakip.core.analytics.KpiReport;
import io.kargotakip.emulators.athena.AthenaSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.athena.AthenaClient;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The KPIs through Athena's API — the real SDK against the Athena stand-in, which runs the SQL on DuckDB — are the KPIs
 * of the local engine: the query started in the workgroup and database, waited for, its pages read with their types.
 */
class AthenaEngineTest {

    @TempDir
    Path dir;

    @Test
    void theKpisThroughAthenaAreTheLocalEnginesAndAFailedQueryNamesItsReason() throws Exception {
        SimulatedMonth.write(dir, SimulatedMonth.Config.modax().withOrders(1_500));
        LocalDate from = LocalDate.of(2026, 11, 2);
        LocalDate to = LocalDate.of(2026, 11, 29);
        try (DuckDbEngine duck = new DuckDbEngine(dir);
             AthenaSandbox athena = new AthenaSandbox(duck::query, "kargo-analytics", 3)) {
            KpiReport local = new Kpis(duck).compute(from, to, "modax", Kpis.Options.DEFAULT);
            AthenaEngine engine = new AthenaEngine(AwsClients.client(AthenaClient.builder(), athena.endpoint()), "kargo-analytics",
                    "kargo_modax", Duration.ofSeconds(20));
            KpiReport remote = new Kpis(engine).compute(from, to, "modax", Kpis.Options.DEFAULT);

            assertThat(remote).isEqualTo(local);
            assertThat(remote.carriers()).as("more rows than one page").hasSize(10);
            assertThat(athena.queries()).hasSize(12);
            assertThat(athena.databaseOf("")).contains("kargo_modax");

            assertThatThrownBy(() -> engine.query("SELECT * FROM no_such_table"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("FAILED").hasMessageContaining("no_such_table");
        }
    }
}
