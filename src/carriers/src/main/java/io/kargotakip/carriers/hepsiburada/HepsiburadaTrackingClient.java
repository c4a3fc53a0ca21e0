package io.kargotakip.carriers.hepsiburada;

import io.kargotakip.carriers.kit.CarrierCall;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.kargotakip.core.carrier.TrackingClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Polls Hepsiburada by <em>package number</em>, the key of a shipment tracked through Hepsiburada: one call of the
 * OMS package cargo info, whose answer {@link HepsiburadaCarrier#packages} reads. What each answer means:
 * <ul>
 *   <li>2xx: the body.</li>
 *   <li>404 with Hepsiburada's code {@code 1004} ("cannot find package"): the body, which {@code parse} reads as
 *       "not found"; other 4xx (400 bad parameters, 405): the body, which {@code parse} rejects.</li>
 *   <li>401 or 403: {@link CarrierUnavailableException}: our credentials are refused, an operator must fix them.</li>
 *   <li>408, 429 (Hepsiburada: 1000 requests a second), 5xx, timeouts, I/O errors: retried by
 *       {@link HepsiburadaOmsApi}'s fault tolerance, then {@link CarrierUnavailableException}.</li>
 * </ul>
 * Settings {@code KARGO_CARRIER_HEPSIBURADA_MERCHANT_ID}, {@code _USER}, {@code _PASSWORD} (the HTTP Basic pair
 * Hepsiburada issues: the merchant's or its integrator's user and service key) and, optional,
 * {@code _USER_AGENT} (the integrator name Hepsiburada registered; default {@value #DEFAULT_USER_AGENT}); base URL
 * {@code KARGO_CARRIER_HEPSIBURADA_BASE_URL}. Nothing here logs, or puts into a message, the password or a body.
 */
@ApplicationScoped
@Named(HepsiburadaCarrier.ID)
public class HepsiburadaTrackingClient implements TrackingClient {

    static final String CALL = "Hepsiburada package";
    public static final String DEFAULT_USER_AGENT = "kargo-takip";

    @Inject
    @RestClient
    HepsiburadaOmsApi api;

    @ConfigProperty(name = "KARGO_CARRIER_HEPSIBURADA_MERCHANT_ID")
    Optional<String> merchantId;

    @ConfigProperty(name = "KARGO_CARRIER_HEPSIBURADA_USER")
    Optional<String> user;

    @ConfigProperty(name = "KARGO_CARRIER_HEPSIBURADA_PASSWORD")
    Optional<String> password;

    @ConfigProperty(name = "KARGO_CARRIER_HEPSIBURADA_USER_AGENT", defaultValue = DEFAULT_USER_AGENT)
    String userAgent;

    @Override
    public boolean configured() {
        return set(merchantId).isPresent() && set(user).isPresent() && set(password).isPresent();
    }

    @Override
    public byte[] fetch(String packageNumber) throws CarrierUnavailableException {
        if (packageNumber == null || packageNumber.isBlank()) {
            throw new IllegalArgumentException("package number is blank");
        }
        if (!configured()) {
            throw new CarrierUnavailableException("Hepsiburada API credentials are not configured");
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString((user.get().trim() + ":" + password.get().trim())
                .getBytes(StandardCharsets.UTF_8));
        return CarrierCall.guarded(CALL, () -> {
            try (Response response = api.packageCargo(merchantId.get().trim(), packageNumber.trim(), basic, userAgent)) {
                return CarrierCall.body(CALL, response);
            }
        });
    }

    private static Optional<String> set(Optional<String> value) {
        return value.filter(v -> !v.isBlank());
    }
}
