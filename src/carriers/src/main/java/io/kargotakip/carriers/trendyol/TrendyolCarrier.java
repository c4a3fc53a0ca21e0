package io.kargotakip.carriers.trendyol;

import io.kargotakip.carriers.marketplace.CarrierNames;
import io.kargotakip.core.carrier.CarrierProfile;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.marketplace.MarketplaceAdapter;
import io.kargotakip.core.marketplace.MarketplacePackage;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Trendyol, the marketplace: its order packages (getShipmentPackages pages and webhook bodies) parsed into
 * {@link MarketplacePackage}s whose events belong to the packages' carriers ({@code trendyol-express},
 * {@code yurtici}, …), keyed by Trendyol's {@code cargoTrackingNumber}. Polling is {@link TrendyolTrackingClient}.
 *
 * <p>A shipment tracked through Trendyol is keyed by the <em>Trendyol order number</em>: that is what the poller
 * hands {@link TrendyolTrackingClient#fetch}, and the answer holds every package of the order.
 */
public final class TrendyolCarrier implements MarketplaceAdapter {

    public static final String ID = "trendyol";
    /** The kinds of {@code carriers/trendyol/carriers.csv}: {@code cargoProviderName} values and provider codes. */
    public static final Set<String> NAME_KINDS = Set.of("name", "code");

    private final TrendyolPayloadParser parser;

    /** For {@link java.util.ServiceLoader}. */
    public TrendyolCarrier() {
        this.parser = new TrendyolPayloadParser(ID, TrendyolStatusMap.load(ID), carrierNames());
    }

    /** Trendyol's carrier names, shared with Trendyol Express (whose packages are Trendyol's). */
    public static CarrierNames carrierNames() {
        return Holder.NAMES;
    }

    private static final class Holder {
        static final CarrierNames NAMES = CarrierNames.load(ID, NAME_KINDS);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Trendyol";
    }

    @Override
    public List<MarketplacePackage> packages(byte[] payload) throws PayloadException {
        return parser.packages(payload);
    }

    /**
     * 1000 requests a minute is the getShipmentPackages reference page's published limit (carriers.md §11); one
     * order number per call (the orderNumber filter takes one).
     */
    @Override
    public CarrierProfile profile() {
        return new CarrierProfile(Optional.of("REST getShipmentPackages (GET /integration/order/sellers/{sellerId}/orders?orderNumber=)"),
                Optional.of("Trendyol webhooks (HTTP Basic or x-api-key header, as registered; no signature)"), 1,
                CarrierProfile.RateLimit.perMinute(1000), "HTTP Basic (API key:API secret) with User-Agent '<sellerId> - SelfIntegration'",
                "Trendyol order number", List.of("seller-id", "api-key", "api-secret"));
    }
}
