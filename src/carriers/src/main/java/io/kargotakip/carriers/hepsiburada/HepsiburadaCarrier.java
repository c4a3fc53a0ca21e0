package io.kargotakip.carriers.hepsiburada;

import io.kargotakip.carriers.marketplace.CarrierNames;
import io.kargotakip.core.carrier.CarrierProfile;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.carrier.PushAcknowledgement;
import io.kargotakip.core.marketplace.MarketplaceAdapter;
import io.kargotakip.core.marketplace.MarketplacePackage;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Hepsiburada, the marketplace: its package webhooks and the OMS package API's answers, parsed into
 * {@link MarketplacePackage}s (see {@link HepsiburadaPayloadParser} for whose events they are). Polling is
 * {@link HepsiburadaTrackingClient}.
 *
 * <p>A shipment tracked through Hepsiburada is keyed by the Hepsiburada <em>package number</em>: that is what the
 * poller hands {@link HepsiburadaTrackingClient#fetch}, and what the webhooks name.
 */
public final class HepsiburadaCarrier implements MarketplaceAdapter {

    public static final String ID = "hepsiburada";
    /** The kinds of {@code carriers/hepsiburada/carriers.csv}: {@code cargoCompany} names and tracking-URL domains. */
    public static final Set<String> NAME_KINDS = Set.of("name", "domain");

    private final HepsiburadaPayloadParser parser;

    /** For {@link java.util.ServiceLoader}. */
    public HepsiburadaCarrier() {
        this(Clock.systemUTC());
    }

    /** @param clock stamps the package API's answers, which carry no time */
    public HepsiburadaCarrier(Clock clock) {
        this.parser = new HepsiburadaPayloadParser(HepsiburadaStatusMap.standard(), carrierNames(), Objects.requireNonNull(clock, "clock"));
    }

    static CarrierNames carrierNames() {
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
        return "Hepsiburada";
    }

    /** The package API answers by package number. */
    @Override
    public String pollKey(MarketplacePackage p) {
        return p.packageId() != null ? p.packageId() : p.orderNumber();
    }

    @Override
    public List<MarketplacePackage> packages(byte[] payload) throws PayloadException {
        return parser.packages(payload);
    }

    /** Hepsiburada's package webhooks expect {@code 204 No Content}. */
    @Override
    public Optional<PushAcknowledgement> pushAcknowledgement() {
        return Optional.of(new PushAcknowledgement(204, null, null));
    }

    /** 1000 requests a second is Hepsiburada's published order-integration limit (429 beyond it). */
    @Override
    public CarrierProfile profile() {
        return new CarrierProfile(
                Optional.of("REST OMS package cargo info (GET /packages/merchantid/{merchantId}/packagenumber/{packageNumber})"),
                Optional.of("Hepsiburada package webhooks (PUT …/packages/{packageNumber}/intransit|deliver|undeliver|unpack; HTTP Basic "
                        + "credentials registered with Hepsiburada by ticket; no signature; answered 204)"),
                1, CarrierProfile.RateLimit.perSecond(1000), "HTTP Basic (user:password) with a User-Agent header",
                "Hepsiburada package number", List.of("merchant-id", "user", "password"));
    }
}
