package io.kargotakip.carriers.ups;

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
import java.util.UUID;

/**
 * Polls UPS through {@link UpsTrackApi} and says what each answer means for the poller:
 * <ul>
 *   <li>2xx: the body.</li>
 *   <li>The token call refused or failing: {@link CarrierUnavailableException}, at once (retrying refused credentials
 *       only adds calls).</li>
 *   <li>401: the OAuth filter renews the token and the call is made once more; a second 401, or a 403
 *       ("blocked merchant"), is {@link CarrierUnavailableException}: our credentials are refused, which an
 *       operator must fix, and the poll is retried later.</li>
 *   <li>408, 429, 5xx, timeouts and I/O errors: retried by {@link UpsTrackApi}'s fault tolerance; what is left
 *       after that, or an open circuit, is {@link CarrierUnavailableException}.</li>
 *   <li>Any other 4xx, including 404: the body, unchanged. UPS sends "not found" as a 404 whose body is the
 *       {@code TW0001} warning, which {@link UpsCarrier#parse} turns into no events, and an invalid number as a
 *       400 {@code TV1002} error, which {@code parse} rejects. These are permanent answers about the tracking
 *       number; calling them outages would make the poller retry a number that can never succeed.</li>
 * </ul>
 * Nothing here logs, or puts into exception messages, the client secret, the token or the body.
 */
@ApplicationScoped
@Named(UpsCarrier.ID)
public class UpsTrackingClient implements TrackingClient {

    public static final String DEFAULT_TRANSACTION_SRC = "kargo-takip";

    @Inject
    @RestClient
    UpsTrackApi api;

    @ConfigProperty(name = "KARGO_CARRIER_UPS_CLIENT_ID")
    Optional<String> clientId;

    @ConfigProperty(name = "KARGO_CARRIER_UPS_CLIENT_SECRET")
    Optional<String> clientSecret;

    @ConfigProperty(name = "KARGO_CARRIER_UPS_TRANSACTION_SRC", defaultValue = DEFAULT_TRANSACTION_SRC)
    String transactionSrc;

    /** Both OAuth credentials set: without them UPS is push-only (Track Alert). */
    @Override
    public boolean configured() {
        return clientId.filter(v -> !v.isBlank()).isPresent() && clientSecret.filter(v -> !v.isBlank()).isPresent();
    }

    @Override
    public byte[] fetch(String trackingNumber) throws CarrierUnavailableException {
        if (trackingNumber == null || trackingNumber.isBlank()) {
            throw new IllegalArgumentException("tracking number is blank");
        }
        return CarrierCall.guarded("UPS track", () -> {
            for (int attempt = 1; ; attempt++) {
                try (Response response = api.details(trackingNumber.trim(), "en_US", false, false, false,
                        UUID.randomUUID().toString().replace("-", ""), transactionSrc)) {
                    if (response.getStatus() == 401 && attempt == 1) {
                        continue; // tokens can be revoked before expires_in; the filter fetches a new one
                    }
                    return CarrierCall.body("UPS track", response);
                }
            }
        });
    }
}
