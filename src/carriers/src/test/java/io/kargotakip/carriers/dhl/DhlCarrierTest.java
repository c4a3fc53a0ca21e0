package io.kargotakip.carriers.dhl;

import io.kargotakip.core.carrier.CarrierAdapter;
import io.kargotakip.core.carrier.CarrierProfile;
import io.kargotakip.core.carrier.CarrierRegistry;
import io.kargotakip.core.carrier.CarrierSettings;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DhlCarrierTest {

    private final DhlCarrier dhl = new DhlCarrier(ZoneOffset.UTC);

    @Test
    void isFoundByTheServiceLoader() {
        CarrierAdapter found = CarrierRegistry.load().find("dhl").orElseThrow();

        assertThat(found).isInstanceOf(DhlCarrier.class);
        assertThat(found.id()).isEqualTo("dhl");
        assertThat(found.displayName()).isEqualTo("DHL");
    }

    @Test
    void profileHasTheStarterPlanLimitOneNumberPerCallAndTheApiKey() {
        CarrierProfile profile = dhl.profile();

        assertThat(profile.pollable()).isTrue();
        assertThat(profile.poll()).get().asString().contains("/track/shipments");
        assertThat(profile.push()).get().asString().contains("api-key");
        assertThat(profile.batchSize()).isEqualTo(1);
        assertThat(profile.rateLimit()).isEqualTo(new CarrierProfile.RateLimit(1, 250));
        assertThat(profile.keyedBy()).isEqualTo("tracking number");
        assertThat(profile.settings()).containsExactly("api-key");
    }

    @Test
    void configuredOnlyWithTheApiKeyAndTheRateLimitIsOverridable() {
        CarrierProfile profile = dhl.profile();
        CarrierSettings none = settings(Map.of());
        CarrierSettings keyed = settings(Map.of("KARGO_CARRIER_DHL_API_KEY", "k", "KARGO_CARRIER_DHL_RATE_PER_DAY", "1000",
                "KARGO_CARRIER_DHL_RATE_PER_SECOND", "2"));

        assertThat(profile.configured(none)).isFalse();
        assertThat(profile.missing(none)).isEqualTo(List.of("KARGO_CARRIER_DHL_API_KEY"));
        assertThat(profile.configured(keyed)).isTrue();
        assertThat(profile.rateLimit().overriddenBy(keyed)).isEqualTo(new CarrierProfile.RateLimit(2, 1000));
    }

    @Test
    void trackingLinkEncodesTheNumber() {
        assertThat(dhl.trackingLink("1234567890"))
                .contains("https://www.dhl.com/tr-en/home/tracking.html?tracking-id=1234567890");
        assertThat(dhl.trackingLink("12 34&x")).get().asString().endsWith("tracking-id=12+34%26x");
    }

    @Test
    void noTrackingNumberFormat() {
        // 10-digit Express waybills look like several Turkish carriers' numbers
        assertThat(dhl.trackingNumberFormat()).isEmpty();
    }

    @Test
    void fallbackZoneSetting() {
        assertThat(DhlCarrier.fallbackZone(settings(Map.of()))).isEqualTo(ZoneOffset.UTC);
        assertThat(DhlCarrier.fallbackZone(settings(Map.of("KARGO_CARRIER_DHL_FALLBACK_ZONE", "Europe/Berlin"))))
                .isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(DhlCarrier.fallbackZone(settings(Map.of("KARGO_CARRIER_DHL_FALLBACK_ZONE", "Mars/Olympus"))))
                .isEqualTo(ZoneOffset.UTC);
    }

    private static CarrierSettings settings(Map<String, String> env) {
        return new CarrierSettings("dhl", env::get);
    }
}
