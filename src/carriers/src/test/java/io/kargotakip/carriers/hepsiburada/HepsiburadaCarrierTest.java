package io.kargotakip.carriers.hepsiburada;

import io.kargotakip.core.carrier.CarrierProfile;
import io.kargotakip.core.carrier.CarrierRegistry;
import io.kargotakip.core.carrier.PushAcknowledgement;
import io.kargotakip.core.marketplace.MarketplaceAdapter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HepsiburadaCarrierTest {

    private final HepsiburadaCarrier hepsiburada = new HepsiburadaCarrier();

    @Test
    void isAMarketplaceFoundByTheServiceLoader() {
        assertThat(CarrierRegistry.load().find("hepsiburada")).get().isInstanceOf(HepsiburadaCarrier.class)
                .isInstanceOf(MarketplaceAdapter.class);
        assertThat(hepsiburada.displayName()).isEqualTo("Hepsiburada");
    }

    @Test
    void acknowledgesAPushWith204AndNoBody() {
        PushAcknowledgement ack = hepsiburada.pushAcknowledgement().orElseThrow();

        assertThat(ack.status()).isEqualTo(204);
        assertThat(ack.body()).isEmpty();
        assertThat(ack.contentType()).isNull();
    }

    @Test
    void profile() {
        CarrierProfile profile = hepsiburada.profile();

        assertThat(profile.poll()).get().asString().contains("/packages/merchantid/{merchantId}/packagenumber/{packageNumber}");
        assertThat(profile.push()).get().asString().contains("HTTP Basic").contains("204");
        assertThat(profile.batchSize()).isEqualTo(1);
        assertThat(profile.rateLimit().perSecond()).isEqualTo(1000.0);
        assertThat(profile.keyedBy()).isEqualTo("Hepsiburada package number");
        assertThat(profile.settings()).containsExactly("merchant-id", "user", "password");
        assertThat(hepsiburada.trackingLink("013105889")).isEmpty();
        assertThat(hepsiburada.trackingNumberFormat()).isEmpty();
    }
}
