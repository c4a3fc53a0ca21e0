package io.kargotakip.carriers.ups;

import io.kargotakip.core.carrier.CarrierAdapter;
import io.kargotakip.core.carrier.CarrierRegistry;
import io.kargotakip.core.carrier.CarrierSettings;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UpsCarrierTest {

    @Test
    void isFoundByTheServiceLoader() {
        CarrierAdapter ups = CarrierRegistry.load().find("ups").orElseThrow();

        assertThat(ups).isInstanceOf(UpsCarrier.class);
        assertThat(ups.id()).isEqualTo("ups");
        assertThat(ups.displayName()).isEqualTo("UPS");
    }

    @Test
    void fallbackZoneSetting() {
        assertThat(UpsCarrier.fallbackZone(settings(Map.of()))).isEqualTo(ZoneId.of("Europe/Istanbul"));
        assertThat(UpsCarrier.fallbackZone(settings(Map.of("KARGO_CARRIER_UPS_FALLBACK_ZONE", "America/Chicago"))))
                .isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(UpsCarrier.fallbackZone(settings(Map.of("KARGO_CARRIER_UPS_FALLBACK_ZONE", "Mars/Olympus"))))
                .isEqualTo(ZoneId.of("Europe/Istanbul"));
    }

    private static CarrierSettings settings(Map<String, String> env) {
        return new CarrierSettings("ups", env::get);
    }
}
