package io.kargotakip.carriers.ups;

import io.kargotakip.core.carrier.CarrierAdapter;
import io.kargotakip.core.carrier.CarrierSettings;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.carrier.TrackingClient;
import io.kargotakip.core.shipment.TrackingEvent;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * UPS: Tracking API v1 polling and Track Alert pushes.
 *
 * <p>Settings ({@code KARGO_CARRIER_UPS_<KEY>}): {@code client-id}, {@code client-secret},
 * {@code base-url} (default {@value UpsTrackingClient#DEFAULT_BASE_URL}), {@code transaction-src}
 * (default {@value UpsTrackingClient#DEFAULT_TRANSACTION_SRC}) and {@code fallback-zone}
 * (default {@code Europe/Istanbul}): the zone for local-only UPS times, which carry no offset.
 */
public final class UpsCarrier implements CarrierAdapter {

    public static final String ID = "ups";
    public static final ZoneId DEFAULT_FALLBACK_ZONE = ZoneId.of("Europe/Istanbul");

    private static final System.Logger LOG = System.getLogger(UpsCarrier.class.getName());

    private final UpsPayloadParser parser;
    private UpsTrackingClient client; // guarded by this

    /** For {@link java.util.ServiceLoader}: the fallback zone comes from {@code KARGO_CARRIER_UPS_FALLBACK_ZONE}. */
    public UpsCarrier() {
        this(fallbackZone(CarrierSettings.fromEnvironment(ID)));
    }

    public UpsCarrier(ZoneId fallbackZone) {
        this.parser = new UpsPayloadParser(Objects.requireNonNull(fallbackZone, "fallbackZone"), UpsStatusMap.standard());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "UPS";
    }

    @Override
    public List<TrackingEvent> parse(byte[] payload) throws PayloadException {
        return parser.parse(payload);
    }

    /**
     * Empty when the client id or secret is not configured. The same client comes back while the
     * settings stay the same, so its OAuth token is reused across polls even by a caller that asks
     * for the client once per shipment.
     *
     * @throws IllegalArgumentException when {@code base-url} is set but is not an http(s) URL
     */
    @Override
    public Optional<TrackingClient> trackingClient(CarrierSettings settings) {
        Optional<UpsTrackingClient.Config> config = UpsTrackingClient.Config.from(settings);
        if (config.isEmpty()) {
            return Optional.empty();
        }
        synchronized (this) {
            if (client == null || !client.config().equals(config.get())) {
                client = new UpsTrackingClient(config.get());
            }
            return Optional.of(client);
        }
    }

    /**
     * A bad zone must not stop the ServiceLoader from building every other carrier, so it falls
     * back to the default with a warning instead of throwing.
     */
    static ZoneId fallbackZone(CarrierSettings settings) {
        Optional<String> configured = settings.get("fallback-zone");
        if (configured.isEmpty()) {
            return DEFAULT_FALLBACK_ZONE;
        }
        try {
            return ZoneId.of(configured.get().trim());
        } catch (DateTimeException e) {
            LOG.log(System.Logger.Level.WARNING, "KARGO_CARRIER_UPS_FALLBACK_ZONE is not a zone id; using {0}",
                    DEFAULT_FALLBACK_ZONE);
            return DEFAULT_FALLBACK_ZONE;
        }
    }
}
