package io.kargotakip.carriers.ups;

import io.kargotakip.core.carrier.CarrierAdapter;
import io.kargotakip.core.carrier.CarrierRegistry;
import io.kargotakip.core.carrier.CarrierSettings;
import io.kargotakip.core.carrier.TrackingClient;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UpsCarrierTest {

    @Test
    void isFoundByTheServiceLoader() {
        CarrierAdapter ups = CarrierRegistry.load().find("ups").orElseThrow();

        assertThat(ups).isInstanceOf(UpsCarrier.class);
        assertThat(ups.id()).isEqualTo("ups");
        assertThat(ups.displayName()).isEqualTo("UPS");
    }

    @Test
    void noTrackingClientWithoutBothCredentials() {
        UpsCarrier ups = new UpsCarrier(ZoneId.of("UTC"));

        assertThat(ups.trackingClient(settings(Map.of()))).isEmpty();
        assertThat(ups.trackingClient(settings(Map.of("KARGO_CARRIER_UPS_CLIENT_ID", "id")))).isEmpty();
        assertThat(ups.trackingClient(settings(Map.of("KARGO_CARRIER_UPS_CLIENT_SECRET", "secret")))).isEmpty();
        assertThat(ups.trackingClient(settings(Map.of(
                "KARGO_CARRIER_UPS_CLIENT_ID", "id", "KARGO_CARRIER_UPS_CLIENT_SECRET", " ")))).isEmpty();
    }

    @Test
    void trackingClientWithCredentials() {
        UpsCarrier ups = new UpsCarrier(ZoneId.of("UTC"));

        assertThat(ups.trackingClient(settings(Map.of(
                "KARGO_CARRIER_UPS_CLIENT_ID", "id", "KARGO_CARRIER_UPS_CLIENT_SECRET", "secret"))))
                .containsInstanceOf(UpsTrackingClient.class);
    }

    @Test
    void theSameSettingsGiveTheSameClientSoTheTokenIsReused() {
        UpsCarrier ups = new UpsCarrier(ZoneId.of("UTC"));
        Map<String, String> env = Map.of("KARGO_CARRIER_UPS_CLIENT_ID", "id", "KARGO_CARRIER_UPS_CLIENT_SECRET", "secret");

        TrackingClient first = ups.trackingClient(settings(env)).orElseThrow();
        assertThat(ups.trackingClient(settings(env))).containsSame(first);
        assertThat(ups.trackingClient(settings(Map.of("KARGO_CARRIER_UPS_CLIENT_ID", "id",
                "KARGO_CARRIER_UPS_CLIENT_SECRET", "rotated")))).get().isNotSameAs(first);
    }

    @Test
    void configDescriptionLeavesTheSecretOut() {
        UpsTrackingClient.Config config = new UpsTrackingClient.Config("https://wwwcie.ups.com", "id", "secret", "kargo-takip");

        assertThat(config.toString()).doesNotContain("secret").contains("wwwcie.ups.com");
    }

    @Test
    void aBaseUrlThatIsNotHttpIsRejected() {
        UpsCarrier ups = new UpsCarrier(ZoneId.of("UTC"));

        assertThatThrownBy(() -> ups.trackingClient(settings(Map.of("KARGO_CARRIER_UPS_CLIENT_ID", "id",
                "KARGO_CARRIER_UPS_CLIENT_SECRET", "secret", "KARGO_CARRIER_UPS_BASE_URL", "ftp://example.test"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret");
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
