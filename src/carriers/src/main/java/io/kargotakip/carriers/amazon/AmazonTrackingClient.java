package io.kargotakip.carriers.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kargotakip.carriers.kit.CachedToken;
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

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Polls Amazon Shipping: {@code GET /shipping/v2/tracking?trackingId=<key>&carrierId=<carrier-id>} through
 * {@link AmazonTrackApi}, with the Login with Amazon access token from {@link AmazonLwaApi}.
 *
 * <p>Settings ({@code KARGO_CARRIER_AMAZON_*}): {@code client-id}, {@code client-secret}, {@code refresh-token}
 * (required: the SP-API app's LWA credentials and the seller's authorisation); {@code region} ({@code eu} by default,
 * {@code na}, {@code fe}: picks {@code sellingpartnerapi-<region>.amazon.com}); {@code business-id}
 * ({@code x-amzn-shipping-business-id}, e.g. {@code AmazonShipping_IT}; unset, Amazon assumes {@code AmazonShipping_UK});
 * {@code carrier-id} (getTracking needs the carrierId getRates gave for the label; default {@value #DEFAULT_CARRIER_ID},
 * Amazon Shipping's own carrier id in shippingV2.json's example, which matches the default business — a merchant
 * shipping elsewhere sets theirs).
 *
 * <ul>
 *   <li>The access token: cached until 60 s before {@code expires_in} (an hour by default), renewed after a 401/403.
 *       LWA refusing the grant (400 {@code invalid_grant}, 401 {@code invalid_client}) is
 *       {@link CarrierUnavailableException}: the credentials must be fixed by an operator.</li>
 *   <li>401, or 403 (SP-API answers an expired or revoked token with 403 "Unauthorized"), on a call: the token is
 *       dropped and the call made once more; a second refusal is {@link CarrierUnavailableException}.</li>
 *   <li>408, 429, 5xx, timeouts, I/O errors: retried by fault tolerance, then {@link CarrierUnavailableException}.</li>
 *   <li>Any other answer, including a 404 {@code NotFound} or a 400 {@code InvalidRequest}: the body, for
 *       {@link AmazonCarrier#parse}.</li>
 * </ul>
 * <p>It is also Amazon's {@link OrderFeed}: {@link #changed} pages through searchOrders for the periodic sync, and
 * {@link #order} is getOrder, which confirms an SP-API ORDER_CHANGE notification. {@code marketplace-ids}
 * ({@code KARGO_CARRIER_AMAZON_MARKETPLACE_IDS}, comma-separated, e.g. {@code A33AVAJ2PDY3EV} for amazon.com.tr) narrows
 * the sync to those marketplaces; unset, every marketplace of the seller. Nothing here logs, or puts into a message, a
 * secret, a token or a body.
 */
@ApplicationScoped
@Named(AmazonCarrier.ID)
public class AmazonTrackingClient implements TrackingClient, OrderFeed {

    public static final String DEFAULT_CARRIER_ID = "AMZN_UK";
    static final Set<String> REGIONS = Set.of("na", "eu", "fe");
    static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * searchOrders' usage plan, 0.0056 requests a second with a burst of 20: four pages every 15 minutes stay inside
     * the sustained rate; 20 orders with packages and buyer a page stay well under a queue message. Orders v0 lists a
     * change two minutes after it happens; 2026-01-01 does not say, so the window ends two minutes back [I].
     */
    static final Limits LIMITS = new Limits(20, Duration.ofDays(1), Duration.ofMinutes(2), Duration.ofMinutes(15), 4);
    private static final System.Logger LOG = System.getLogger(AmazonTrackingClient.class.getName());

    @Inject
    @RestClient
    AmazonTrackApi api;

    @Inject
    @RestClient
    AmazonLwaApi lwa;

    @ConfigProperty(name = "KARGO_CARRIER_AMAZON_CLIENT_ID")
    Optional<String> clientId;

    @ConfigProperty(name = "KARGO_CARRIER_AMAZON_CLIENT_SECRET")
    Optional<String> clientSecret;

    @ConfigProperty(name = "KARGO_CARRIER_AMAZON_REFRESH_TOKEN")
    Optional<String> refreshToken;

    @ConfigProperty(name = "KARGO_CARRIER_AMAZON_REGION", defaultValue = "eu")
    String region;

    @ConfigProperty(name = "KARGO_CARRIER_AMAZON_BUSINESS_ID")
    Optional<String> businessId;

    @ConfigProperty(name = "KARGO_CARRIER_AMAZON_CARRIER_ID", defaultValue = DEFAULT_CARRIER_ID)
    String carrierId;

    @ConfigProperty(name = "KARGO_CARRIER_AMAZON_MARKETPLACE_IDS")
    Optional<String> marketplaceIds;

    private final Clock clock = Clock.systemUTC();
    private final CachedToken accessToken = new CachedToken(this::newAccessToken, Duration.ofSeconds(60), clock);

    /** The three LWA settings set, and a region Amazon has (a typo would send every call to a host that does not exist). */
    @Override
    public boolean configured() {
        boolean credentials = set(clientId) && set(clientSecret) && set(refreshToken);
        if (credentials && !REGIONS.contains(region.trim())) {
            LOG.log(System.Logger.Level.WARNING, "KARGO_CARRIER_AMAZON_REGION must be na, eu or fe: Amazon is not polled");
            return false;
        }
        return credentials;
    }

    @Override
    public byte[] fetch(String trackingId) throws CarrierUnavailableException {
        if (trackingId == null || trackingId.isBlank()) {
            throw new IllegalArgumentException("tracking id is blank");
        }
        String business = businessId.filter(v -> !v.isBlank()).map(String::trim).orElse(null);
        return call("Amazon Shipping tracking", token -> api.tracking(trackingId.trim(), carrierId.trim(), token, business));
    }

    @Override
    public String marketplace() {
        return AmazonCarrier.ID;
    }

    @Override
    public Limits limits() {
        return LIMITS;
    }

    /** The order with its packages and buyer ({@code includedData=PACKAGES,BUYER}), for {@link AmazonCarrier#packages}. */
    @Override
    public Page order(String orderId) throws CarrierUnavailableException {
        if (orderId == null || orderId.isBlank()) {
            throw new IllegalArgumentException("order id is blank");
        }
        byte[] body = call("Amazon Orders getOrder", token -> api.order(orderId.trim(), INCLUDED, token));
        return new Page(body, "application/json", Optional.empty());
    }

    /** Merchant-fulfilled orders updated in the window; the token is searchOrders' {@code pagination.nextToken}. */
    @Override
    public Page changed(Instant from, Instant to, String token, int size) throws CarrierUnavailableException {
        String marketplaces = marketplaceIds.map(v -> v.replace(" ", "")).filter(v -> !v.isEmpty()).orElse(null);
        byte[] body = call("Amazon Orders searchOrders", accessToken -> api.searchOrders(from.toString(), to.toString(), marketplaces,
                "MERCHANT", INCLUDED, Math.max(1, Math.min(100, size)), token, accessToken));
        return new Page(body, "application/json", nextToken(body));
    }

    private static final String INCLUDED = "PACKAGES,BUYER";

    @Override
    public Optional<String> notifiedOrder(byte[] notification) throws io.kargotakip.core.carrier.PayloadException {
        return AmazonNotifications.orderId(notification);
    }

    static Optional<String> nextToken(byte[] body) {
        try {
            JsonNode next = JSON.readTree(body).path("pagination").path("nextToken");
            return next.isTextual() && !next.asText().isBlank() ? Optional.of(next.asText()) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not a page: the adapter reports it, and there is nothing after it
        }
    }

    @FunctionalInterface
    private interface Call {
        Response with(String accessToken);
    }

    private byte[] call(String what, Call call) throws CarrierUnavailableException {
        return CarrierCall.guarded(what, () -> {
            for (int attempt = 1; ; attempt++) {
                try (Response response = call.with(accessToken.get())) {
                    if (CarrierCall.refused(response.getStatus()) && attempt == 1) {
                        accessToken.invalidate(); // expired or revoked before expires_in: a new one, once
                        continue;
                    }
                    return CarrierCall.body(what, response);
                }
            }
        });
    }

    private CachedToken.Token newAccessToken() throws CarrierUnavailableException {
        try (Response response = lwa.token("refresh_token", refreshToken.orElse("").trim(), clientId.orElse("").trim(),
                clientSecret.orElse("").trim())) {
            int status = response.getStatus();
            if (status == 400 || CarrierCall.refused(status)) {
                throw new CarrierUnavailableException("Amazon LWA refused the refresh token or client credentials (HTTP " + status + ")");
            }
            if (status / 100 != 2) {
                throw new CarrierUnavailableException("Amazon LWA answered HTTP " + status);
            }
            JsonNode answer = readJson(response.hasEntity() ? response.readEntity(byte[].class) : new byte[0]);
            String token = answer.path("access_token").isTextual() ? answer.path("access_token").asText().trim() : "";
            if (token.isEmpty()) {
                throw new CarrierUnavailableException("Amazon LWA answer has no access token");
            }
            return new CachedToken.Token(token, clock.instant().plus(lifetime(answer)));
        }
    }

    /** {@code expires_in} seconds (LWA gives 3600); an hour when absent or unusable. */
    static Duration lifetime(JsonNode answer) {
        JsonNode value = answer.path("expires_in");
        long seconds = value.canConvertToLong() ? value.asLong()
                : value.isTextual() && value.asText().matches("\\d{1,9}") ? Long.parseLong(value.asText()) : 0;
        return seconds > 60 ? Duration.ofSeconds(seconds) : DEFAULT_TOKEN_LIFETIME;
    }

    private static JsonNode readJson(byte[] body) throws CarrierUnavailableException {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // falls through: the message must not quote the body
        }
        throw new CarrierUnavailableException("Amazon LWA answer is not JSON");
    }

    private static boolean set(Optional<String> value) {
        return value.filter(v -> !v.isBlank()).isPresent();
    }
}
