package io.kargotakip.carriers.trendyol;

import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.carriers.kit.MarketplaceConformance;
import io.kargotakip.core.marketplace.MarketplaceAdapter;

import java.util.List;

import static io.kargotakip.carriers.trendyol.TrendyolFixtures.bytes;
import static io.kargotakip.carriers.trendyol.TrendyolFixtures.page;

/** Trendyol against the carrier kit's conformance suite, as a marketplace. */
class TrendyolConformanceTest extends MarketplaceConformance {

    private static final TrendyolCarrier TRENDYOL = new TrendyolCarrier();

    @Override
    protected MarketplaceAdapter adapter() {
        return TRENDYOL;
    }

    @Override
    protected List<Sample> samples() {
        return List.of(
                Sample.events("Trendyol's webhook model sample (getShipmentPackages page)",
                        bytes("trendyol", "trendyol-getShipmentPackages-webhook-order-model.json")),
                Sample.events("page of three packages", bytes("trendyol", "trendyol-page-three-packages.json")),
                Sample.events("webhook, a single package", bytes("trendyol", "trendyol-webhook-single-package.json")),
                Sample.notFound("page without packages", bytes("trendyol", "trendyol-page-not-found.json")),
                Sample.notFound("package of a carrier we do not track", page("Horoz Lojistik", "7280027504444444", "Shipped", 1762329600000L)),
                Sample.error("authentication refused", bytes("trendyol", "trendyol-error-authentication.json")),
                Sample.error("too many requests", bytes("trendyol", "trendyol-error-too-many-requests.json")));
    }

    /** A Yurtiçi package whose one history entry, and status, is the row's. */
    @Override
    protected byte[] payloadFor(MappingTable.Row row) {
        return page("Yurtiçi Kargo", "7330012345678", row.code(), 1762329600000L);
    }
}
