package io.kargotakip.carriers.trendyolexpress;

import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.carriers.trendyol.TrendyolCarrier;
import io.kargotakip.core.carrier.CarrierProfile;
import io.kargotakip.core.carrier.CarrierRegistry;
import io.kargotakip.core.marketplace.MarketplaceAdapter;
import io.kargotakip.core.shipment.TrackingEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.kargotakip.carriers.trendyol.TrendyolFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;

class TrendyolExpressCarrierTest {

    private final TrendyolExpressCarrier tex = new TrendyolExpressCarrier();

    @Test
    void isAPlainCarrierFoundByTheServiceLoader() {
        assertThat(CarrierRegistry.load().find("trendyol-express")).get().isInstanceOf(TrendyolExpressCarrier.class)
                .isNotInstanceOf(MarketplaceAdapter.class);
        assertThat(tex.displayName()).isEqualTo("Trendyol Express");
    }

    @Test
    void isKnownOnlyThroughTrendyol() {
        CarrierProfile profile = tex.profile();

        assertThat(profile.pollable()).isFalse();
        assertThat(profile.push()).contains("through Trendyol's webhooks and order API");
        assertThat(profile.keyedBy()).isEqualTo("tracking number");
        assertThat(profile.settings()).isEmpty();
        // only the package's own cargoTrackingLink is known, and it cannot be built from the number
        assertThat(tex.trackingLink("7280027504111111")).isEmpty();
        assertThat(tex.trackingNumberFormat()).isEmpty();
    }

    @Test
    void itsStatusTableIsTrendyols() {
        List<String> trendyol = MappingTable.load("trendyol").rows().stream().map(TrendyolExpressCarrierTest::row).toList();
        List<String> express = MappingTable.load("trendyol-express").rows().stream().map(TrendyolExpressCarrierTest::row).toList();

        assertThat(express).containsExactlyElementsOf(trendyol);
    }

    private static String row(MappingTable.Row r) {
        return String.join("|", r.field(), r.type(), r.code(), r.mapping().toString(), r.basis(), r.note());
    }

    @Test
    void keepsOnlyItsOwnPackagesWithTheEventsTrendyolGivesForThem() throws Exception {
        byte[] page = bytes("trendyolexpress", "trendyol-page-three-packages.json");
        List<TrackingEvent> viaTrendyol = new TrendyolCarrier().parse(page).stream()
                .filter(e -> e.carrier().equals("trendyol-express")).toList();

        // the page's TEX package has no tracking number yet; the Yurtiçi package is not TEX's
        assertThat(tex.parse(page)).isEmpty();
        assertThat(tex.packages(page)).singleElement().satisfies(p -> assertThat(p.packageId()).isEqualTo("3330222223"));
        assertThat(viaTrendyol).isEmpty();

        byte[] sample = bytes("trendyolexpress", "trendyol-getShipmentPackages-webhook-order-model.json");
        assertThat(tex.parse(sample)).hasSize(2).containsExactlyElementsOf(new TrendyolCarrier().parse(sample));
        assertThat(tex.parse(sample)).extracting(TrackingEvent::idempotencyKey)
                .containsExactlyElementsOf(new TrendyolCarrier().parse(sample).stream().map(TrackingEvent::idempotencyKey).toList());
    }
}
