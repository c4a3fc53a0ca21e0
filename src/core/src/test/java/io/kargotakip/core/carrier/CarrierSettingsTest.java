package io.kargotakip.core.carrier;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CarrierSettingsTest {

    @Test
    void keyIsLookedUpAsAnEnvironmentName() {
        List<String> asked = new ArrayList<>();
        CarrierSettings settings = new CarrierSettings("ups", name -> {
            asked.add(name);
            return "cid-123";
        });

        assertThat(settings.get("client-id")).contains("cid-123");
        assertThat(asked).containsExactly("KARGO_CARRIER_UPS_CLIENT_ID");
    }

    @Test
    void mapsEveryDashAndUpperCasesWithTheRootLocale() {
        CarrierSettings settings = CarrierSettings.of("ups", Map.of(
                "KARGO_CARRIER_UPS_MAX_CALLS_PER_SECOND", "5",
                "KARGO_CARRIER_UPS_BASE_URL", "https://onlinetools.ups.com",
                "KARGO_CARRIER_UPS_TIME_ZONE", "Europe/Istanbul"));

        assertThat(settings.get("max-calls-per-second")).contains("5");
        assertThat(settings.get("base-url")).contains("https://onlinetools.ups.com");
        // a Turkish default locale would turn "time" into "TİME"
        assertThat(settings.get("time-zone")).contains("Europe/Istanbul");
        assertThat(settings.carrier()).isEqualTo("ups");
    }

    @Test
    void blankCountsAsMissing() {
        CarrierSettings settings = CarrierSettings.of("ups", Map.of(
                "KARGO_CARRIER_UPS_CLIENT_ID", "",
                "KARGO_CARRIER_UPS_CLIENT_SECRET", "  \t"));

        assertThat(settings.get("client-id")).isEmpty();
        assertThat(settings.get("client-secret")).isEmpty();
        assertThat(settings.get("base-url")).isEmpty();
    }

    @Test
    void anotherCarriersSettingsAreNotRead() {
        CarrierSettings aras = CarrierSettings.of("aras", Map.of("KARGO_CARRIER_UPS_CLIENT_ID", "cid-123"));

        assertThat(aras.get("client-id")).isEmpty();
    }

    @Test
    void valuesAreReturnedAsGiven() {
        assertThat(CarrierSettings.of("ups", Map.of("KARGO_CARRIER_UPS_CLIENT_ID", " cid ")).get("client-id")).contains(" cid ");
    }
}
