package io.kargotakip.carriers.dhl;

import io.kargotakip.carriers.kit.CarrierCall;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.kargotakip.core.carrier.TrackingClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.Optional;

/**
 * Polls DHL through {@link DhlTrackApi}, one tracking number per call (the Unified API documents
 * {@code trackingNumber} as a single number), and says what each answer means for the poller:
 * <ul>
 *   <li>2xx: the body.</li>
 *   <li>401 or 403: {@link CarrierUnavailableException}, at once: the API key is refused (or not subscribed to the
 *       Unified API), which an operator must fix, and the poll is retried later.</li>
 *   <li>408, 429 (rate limit or daily quota spent), 5xx, timeouts and I/O errors: retried by {@link DhlTrackApi}'s
 *       fault tolerance, honouring {@code Retry-After}; what is left after that, or an open circuit, is
 *       {@link CarrierUnavailableException}.</li>
 *   <li>Any other 4xx, including 404: the body, unchanged. DHL answers an unknown number with a 404 RFC 7807
 *       problem, which {@link DhlCarrier#parse} turns into no events; other problems (400) it rejects. These are
 *       permanent answers about the number; calling them outages would make the poller retry them for ever.</li>
 * </ul>
 * Settings: {@code KARGO_CARRIER_DHL_API_KEY} (required), {@code KARGO_CARRIER_DHL_SERVICE} (optional; DHL asks for it
 * whenever known, since without it the answer may be another division's record of the shipment, e.g.
 * {@code express}, {@code parcel-de}, {@code ecommerce}), {@code KARGO_CARRIER_DHL_LANGUAGE} (default {@code en}: the
 * language of the texts the status map reads). Nothing here logs, or puts into exception messages, the key or a body.
 */
@ApplicationScoped
@Named(DhlCarrier.ID)
public class DhlTrackingClient implements TrackingClient {

    public static final String DEFAULT_LANGUAGE = "en";

    @Inject
    @RestClient
    DhlTrackApi api;

    @ConfigProperty(name = "KARGO_CARRIER_DHL_API_KEY")
    Optional<String> apiKey;

    @ConfigProperty(name = "KARGO_CARRIER_DHL_SERVICE")
    Optional<String> service;

    @ConfigProperty(name = "KARGO_CARRIER_DHL_LANGUAGE", defaultValue = DEFAULT_LANGUAGE)
    String language;

    /** The API key set: without it DHL is push-only (Unified Push). */
    @Override
    public boolean configured() {
        return apiKey.filter(v -> !v.isBlank()).isPresent();
    }

    @Override
    public byte[] fetch(String trackingNumber) throws CarrierUnavailableException {
        if (trackingNumber == null || trackingNumber.isBlank()) {
            throw new IllegalArgumentException("tracking number is blank");
        }
        if (!configured()) {
            throw new CarrierUnavailableException("DHL track: KARGO_CARRIER_DHL_API_KEY is not set");
        }
        String key = apiKey.get().trim();
        String serviceHint = service.map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        String lang = language == null || language.isBlank() ? DEFAULT_LANGUAGE : language.trim();
        return CarrierCall.guarded("DHL track", () -> {
            try (Response response = api.shipments(trackingNumber.trim(), serviceHint, lang, key)) {
                return CarrierCall.body("DHL track", response);
            }
        });
    }
}
