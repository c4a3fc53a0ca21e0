package io.kargotakip.carriers.trendyolexpress;

import io.kargotakip.carriers.kit.CarrierConformance;
import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.core.carrier.CarrierAdapter;

import java.util.List;

import static io.kargotakip.carriers.trendyol.TrendyolFixtures.bytes;
import static io.kargotakip.carriers.trendyol.TrendyolFixtures.page;

/** Trendyol Express against the carrier kit's conformance suite: a carrier whose payloads are Trendyol's. */
class TrendyolExpressConformanceTest extends CarrierConformance {

    private static final TrendyolExpressCarrier TEX = new TrendyolExpressCarrier();

    @Override
    protected CarrierAdapter adapter() {
        return TEX;
    }

    @Override
    protected List<Sample> samples() {
        return List.of(
                Sample.events("Trendyol's webhook model sample", bytes("trendyolexpress", "trendyol-getShipmentPackages-webhook-order-model.json")),
                Sample.notFound("page without packages", bytes("trendyolexpress", "trendyol-page-not-found.json")),
                Sample.notFound("a Yurtiçi package (not ours)", page("Yurtiçi Kargo", "7330012345678", "Shipped", 1762329600000L)),
                Sample.error("authentication refused", bytes("trendyolexpress", "trendyol-error-authentication.json")));
    }

    @Override
    protected byte[] payloadFor(MappingTable.Row row) {
        return page("Trendyol Express", "7280027504111111", row.code(), 1762329600000L);
    }
}
