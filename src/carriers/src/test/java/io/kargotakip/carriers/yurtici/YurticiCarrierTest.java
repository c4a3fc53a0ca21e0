package io.kargotakip.carriers.yurtici;

import io.kargotakip.core.carrier.CarrierAdapter;
import io.kargotakip.core.carrier.CarrierProfile;
import io.kargotakip.core.carrier.CarrierRegistry;
import io.kargotakip.core.carrier.CarrierSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class YurticiCarrierTest {

    private final YurticiCarrier yurtici = new YurticiCarrier();

    @Test
    void isFoundByTheServiceLoader() {
        CarrierAdapter adapter = CarrierRegistry.load().find("yurtici").orElseThrow();

        assertThat(adapter).isInstanceOf(YurticiCarrier.class);
        assertThat(adapter.displayName()).isEqualTo("Yurtiçi Kargo");
    }

    @Test
    void profile() {
        CarrierProfile profile = yurtici.profile();

        assertThat(profile.poll()).get().asString().startsWith("SOAP queryShipment");
        assertThat(profile.push()).isEmpty();
        assertThat(profile.batchSize()).isEqualTo(20);
        assertThat(profile.rateLimit()).isEqualTo(CarrierProfile.RateLimit.perSecond(1));
        assertThat(profile.keyedBy()).isEqualTo("cargoKey");
        assertThat(profile.settings()).containsExactly("user", "password");
    }

    @Test
    void configuredOnceUserAndPasswordAreSet() {
        CarrierSettings none = CarrierSettings.of("yurtici", Map.of());
        CarrierSettings both = CarrierSettings.of("yurtici", Map.of("KARGO_CARRIER_YURTICI_USER", "u", "KARGO_CARRIER_YURTICI_PASSWORD", "p"));

        assertThat(yurtici.profile().configured(none)).isFalse();
        assertThat(yurtici.profile().missing(none)).isEqualTo(List.of("KARGO_CARRIER_YURTICI_USER", "KARGO_CARRIER_YURTICI_PASSWORD"));
        assertThat(yurtici.profile().configured(both)).isTrue();
    }

    @Test
    void theTrackingLinkTakesYksOwnNumber() {
        assertThat(yurtici.trackingLink("100365926603"))
                .contains("http://selfservis.yurticikargo.com/reports/SSWDocumentDetail.aspx?DocId=100365926603");
        assertThat(yurtici.trackingLink("1 2&x")).get().asString().endsWith("DocId=1+2%26x");
        assertThat(yurtici.trackingLink(" ")).isEmpty();
    }

    @Test
    void noTrackingNumberFormat() {
        // cargoKey is the merchant's own string and YK documents no format for docId
        assertThat(yurtici.trackingNumberFormat()).isEmpty();
    }
}
