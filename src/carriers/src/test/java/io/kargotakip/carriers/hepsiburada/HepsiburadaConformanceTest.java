package io.kargotakip.carriers.hepsiburada;

import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.carriers.kit.MarketplaceConformance;
import io.kargotakip.carriers.kit.TextPatterns;
import io.kargotakip.core.marketplace.MarketplaceAdapter;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static io.kargotakip.carriers.trendyol.TrendyolFixtures.bytes;
import static io.kargotakip.carriers.trendyol.TrendyolFixtures.json;

/** Hepsiburada against the carrier kit's conformance suite, as a marketplace. */
class HepsiburadaConformanceTest extends MarketplaceConformance {

    private static final HepsiburadaCarrier HEPSIBURADA = new HepsiburadaCarrier(
            Clock.fixed(Instant.parse("2026-11-27T09:00:00Z"), ZoneOffset.UTC));

    @Override
    protected MarketplaceAdapter adapter() {
        return HEPSIBURADA;
    }

    /** The deliver, undeliver and unpack webhooks name no carrier: their events are of the Hepsiburada package. */
    @Override
    protected boolean tracksPackagesItself() {
        return true;
    }

    @Override
    protected List<Sample> samples() {
        return List.of(
                Sample.events("intransit webhook (Hepsiburada's sample)", bytes("hepsiburada", "hepsiburada-webhook-package-intransit.json")),
                Sample.events("deliver webhook", bytes("hepsiburada", "hepsiburada-webhook-package-deliver.json")),
                Sample.events("undeliver webhook", bytes("hepsiburada", "hepsiburada-webhook-package-undeliver.json")),
                Sample.events("unpack webhook", bytes("hepsiburada", "hepsiburada-webhook-package-unpack.json")),
                Sample.events("package cargo info", bytes("hepsiburada", "hepsiburada-package-cargo-info.json")),
                Sample.notFound("package cargo info, 404 cannot find package", bytes("hepsiburada", "hepsiburada-package-not-found.json")),
                Sample.notFound("line cancelled before packing", bytes("hepsiburada", "hepsiburada-webhook-lineitem-cancel.json")),
                Sample.notFound("quick-commerce order undelivered", bytes("hepsiburada", "hepsiburada-quick-commerce-order-undelivered.json")),
                Sample.error("401", bytes("hepsiburada", "hepsiburada-error-unauthorized.json")),
                Sample.error("400", json("{\"statusCode\": 400, \"code\": \"400\", \"message\": \"Bad Request\"}")));
    }

    /** A status row: the package API's answer with that status. A text row: an undeliver webhook with that reason. */
    @Override
    protected byte[] payloadFor(MappingTable.Row row) {
        if (row.field().equals(TextPatterns.FIELD)) {
            return json("""
                    {"merchantId": "m", "undeliveredDate": "2026-11-20T11:13:30.230Z", "undeliveredReason": "%s",
                     "packageNumber": "013105889", "barcode": "6220131054891"}""".formatted(row.code().replace("\"", "\\\"")));
        }
        return json("""
                [{"packageNumber": "5000031669", "barcode": "623333333333", "status": "%s", "cargoCompany": "Yurtiçi Kargo",
                  "trackingInfoCode": "176162533695", "trackingInfoUrl": "http://selfservis.yurticikargo.com/x"}]""".formatted(row.code()));
    }
}
