package io.kargotakip.carriers.trendyol;

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
 * Polls Trendyol by <em>order number</em>, the key of a shipment tracked through Trendyol: one getShipmentPackages
 * call filtered by {@code orderNumber}, first page of 200 (an order has a handful of packages), whose answer
 * {@link TrendyolCarrier#packages} reads. What each answer means:
 * <ul>
 *   <li>2xx: the page; an order Trendyol does not know is a page with an empty {@code content} (no events).</li>
 *   <li>401 ({@code ClientApiAuthenticationException}) or 403 (no or a wrong {@code User-Agent}):
 *       {@link CarrierUnavailableException}: an operator must fix the credentials; no retries.</li>
 *   <li>408, 429, 5xx, timeouts, I/O errors: retried by {@link TrendyolOrderApi}'s fault tolerance (429's
 *       {@code Retry-After} honoured), then {@link CarrierUnavailableException}.</li>
 *   <li>Any other 4xx: the body, which {@code parse} rejects as Trendyol's error.</li>
 * </ul>
 * Settings {@code KARGO_CARRIER_TRENDYOL_SELLER_ID}, {@code _API_KEY}, {@code _API_SECRET}; base URL
 * {@code KARGO_CARRIER_TRENDYOL_BASE_URL}. Nothing here logs, or puts into a message, the key, the secret or a body.
 */
@ApplicationScoped
@Named(TrendyolCarrier.ID)
public class TrendyolTrackingClient implements TrackingClient {

    static final String CALL = "Trendyol orders";

    @Inject
    @RestClient
    TrendyolOrderApi api;

    @ConfigProperty(name = "KARGO_CARRIER_TRENDYOL_SELLER_ID")
    Optional<String> sellerId;

    @ConfigProperty(name = "KARGO_CARRIER_TRENDYOL_API_KEY")
    Optional<String> apiKey;

    @ConfigProperty(name = "KARGO_CARRIER_TRENDYOL_API_SECRET")
    Optional<String> apiSecret;

    @Override
    public boolean configured() {
        return set(sellerId).isPresent() && set(apiKey).isPresent() && set(apiSecret).isPresent();
    }

    @Override
    public byte[] fetch(String orderNumber) throws CarrierUnavailableException {
        if (orderNumber == null || orderNumber.isBlank()) {
            throw new IllegalArgumentException("order number is blank");
        }
        if (!configured()) {
            throw new CarrierUnavailableException("Trendyol API credentials are not configured");
        }
        String seller = sellerId.get().trim();
        String basic = "Basic " + Base64.getEncoder().encodeToString((apiKey.get().trim() + ":" + apiSecret.get().trim())
                .getBytes(StandardCharsets.UTF_8));
        return CarrierCall.guarded(CALL, () -> {
            try (Response response = api.orders(seller, orderNumber.trim(), null, null, null, 0, TrendyolOrderApi.MAX_PAGE_SIZE,
                    basic, seller + " - SelfIntegration")) {
                return CarrierCall.body(CALL, response);
            }
        });
    }

    private static Optional<String> set(Optional<String> value) {
        return value.filter(v -> !v.isBlank());
    }
}
