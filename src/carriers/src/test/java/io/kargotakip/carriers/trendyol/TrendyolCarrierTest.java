package io.kargotakip.carriers.trendyol;

import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.carriers.kit.MappingTable.MappingTableException;
import io.kargotakip.core.carrier.CarrierProfile;
import io.kargotakip.core.carrier.CarrierRegistry;
import io.kargotakip.core.carrier.CarrierSettings;
import io.kargotakip.core.marketplace.MarketplaceAdapter;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrendyolCarrierTest {

    private final TrendyolCarrier trendyol = new TrendyolCarrier();

    @Test
    void isAMarketplaceFoundByTheServiceLoader() {
        assertThat(CarrierRegistry.load().find("trendyol")).get().isInstanceOf(TrendyolCarrier.class)
                .isInstanceOf(MarketplaceAdapter.class);
        assertThat(trendyol.displayName()).isEqualTo("Trendyol");
    }

    @Test
    void profile() {
        CarrierProfile profile = trendyol.profile();

        assertThat(profile.poll()).get().asString().contains("/integration/order/sellers/{sellerId}/orders");
        assertThat(profile.push()).get().asString().contains("x-api-key");
        assertThat(profile.batchSize()).isEqualTo(1);
        assertThat(profile.rateLimit().perSecond()).isEqualTo(1000 / 60.0);
        assertThat(profile.keyedBy()).isEqualTo("Trendyol order number");
        assertThat(profile.settings()).containsExactly("seller-id", "api-key", "api-secret");
        CarrierSettings none = CarrierSettings.of("trendyol", Map.of());
        assertThat(profile.missing(none)).containsExactly("KARGO_CARRIER_TRENDYOL_SELLER_ID", "KARGO_CARRIER_TRENDYOL_API_KEY",
                "KARGO_CARRIER_TRENDYOL_API_SECRET");
        assertThat(trendyol.trackingLink("7280027504111111")).isEmpty();
        assertThat(trendyol.trackingNumberFormat()).isEmpty();
        assertThat(trendyol.pushAcknowledgement()).isEmpty();
    }

    @Test
    void theStatusTableIsOnlyStatusRowsWithoutRepeats() throws Exception {
        String header = "field,type,code,status,reason,basis,note\n";
        assertThatThrownBy(() -> TrendyolStatusMap.of(MappingTable.parse("trendyol", new StringReader(header
                + "status,,Shipped,in_transit,,doc,\nstatus,,SHIPPED,delivered,,doc,\n"))))
                .isInstanceOf(MappingTableException.class).hasMessageContaining("duplicate status SHIPPED");
        assertThatThrownBy(() -> TrendyolStatusMap.of(MappingTable.parse("trendyol", new StringReader(header
                + "lineStatus,,Shipped,in_transit,,doc,\n"))))
                .isInstanceOf(MappingTableException.class).hasMessageContaining("unknown field lineStatus");
    }

    @Test
    void inferredRowsAreMarked() {
        assertThat(MappingTable.load("trendyol").rows()).filteredOn(r -> r.mapping().status().phase() == 0)
                .isNotEmpty().allSatisfy(r -> assertThat(r.basis()).isEqualTo("inf"));
    }
}
