package io.kargotakip.carriers.trendyol;

import io.kargotakip.carriers.kit.CarrierCall;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.kargotakip.core.carrier.TrackingClient;
import io.kargotakip.core.marketplace.OrderFeed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
 * <p>It is also Trendyol's {@link OrderFeed}: the packages changed in a window, page by page, for the periodic sync
 * that catches what a webhook missed (Trendyol disables a webhook after its retries fail).
 *
 * <p>Settings {@code KARGO_CARRIER_TRENDYOL_SELLER_ID}, {@code _API_KEY}, {@code _API_SECRET}; base URL
 * {@code KARGO_CARRIER_TRENDYOL_BASE_URL}. Nothing here logs, or puts into a message, the key, the secret or a body.
 */
@ApplicationScoped
@Named(TrendyolCarrier.ID)
public class TrendyolTrackingClient implements TrackingClient, OrderFeed {

    static final String CALL = "Trendyol orders";
    static final String SYNC_CALL = "Trendyol changed packages";
    /**
     * 1000 requests a minute and 3 months back are published; a window of a day keeps a page walk far under the
     * 10,000 records a query reaches; 50 packages a page (Trendyol's default) stay well under a queue message.
     */
    static final Limits LIMITS = new Limits(50, Duration.ofDays(1), Duration.ZERO, Duration.ofMinutes(5), 40);
    private static final ObjectMapper JSON = new ObjectMapper();

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
    public String marketplace() {
        return TrendyolCarrier.ID;
    }

    @Override
    public Limits limits() {
        return LIMITS;
    }

    /** Pages are numbered from 0; the token is the next page's number, while {@code totalPages} says there is one. */
    @Override
    public Page changed(Instant from, Instant to, String token, int size) throws CarrierUnavailableException {
        if (!configured()) {
            throw new CarrierUnavailableException("Trendyol API credentials are not configured");
        }
        int page = token == null ? 0 : Integer.parseInt(token);
        String seller = sellerId.get().trim();
        byte[] body = CarrierCall.guarded(SYNC_CALL, () -> {
            try (Response response = api.changed(seller, from.toEpochMilli(), to.toEpochMilli(), page, size,
                    "PackageLastModifiedDate", "ASC", basic(), userAgent())) {
                return CarrierCall.body(SYNC_CALL, response);
            }
        });
        return new Page(body, "application/json", nextPage(body, page, size));
    }

    /** The next page's number, from the answer's {@code totalPages}, else from a full {@code content}. */
    static Optional<String> nextPage(byte[] body, int page, int size) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return Optional.empty(); // not a page: the adapter reports it, and there is nothing after it
        }
        if (root == null || !root.path("content").isArray()) {
            return Optional.empty();
        }
        JsonNode total = root.path("totalPages");
        boolean more = total.canConvertToInt() ? page + 1 < total.asInt() : root.get("content").size() >= size;
        return more ? Optional.of(Integer.toString(page + 1)) : Optional.empty();
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
        return CarrierCall.guarded(CALL, () -> {
            try (Response response = api.orders(seller, orderNumber.trim(), null, null, null, 0, TrendyolOrderApi.MAX_PAGE_SIZE,
                    basic(), userAgent())) {
                return CarrierCall.body(CALL, response);
            }
        });
    }

    private String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((apiKey.get().trim() + ":" + apiSecret.get().trim())
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Trendyol answers 403 without it. */
    private String userAgent() {
        return sellerId.get().trim() + " - SelfIntegration";
    }

    private static Optional<String> set(Optional<String> value) {
        return value.filter(v -> !v.isBlank());
    }
}
