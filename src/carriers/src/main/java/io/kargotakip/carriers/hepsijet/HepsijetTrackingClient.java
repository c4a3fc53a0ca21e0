package io.kargotakip.carriers.hepsijet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kargotakip.carriers.kit.CachedToken;
import io.kargotakip.carriers.kit.CarrierCall;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.kargotakip.core.carrier.TrackingClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Polls HepsiJET through {@link HepsijetTrackApi}: up to {@link HepsijetCarrier#BATCH_SIZE} barcodes
 * ({@code customerDeliveryNo}) per {@code POST /delivery/integration/track}, with the {@code X-Auth-Token} from
 * {@code GET /auth/getToken} (HTTP Basic, settings {@code user} and {@code password}).
 *
 * <p>Why this operation and not {@code GET /deliveryTransaction/getDeliveryTracking}: HepsiJET documents
 * {@code integration/track} (developers.hepsiburada.com, with a batch example and "no query limit"); the
 * getDeliveryTracking path and fields come from one third-party client and are unverified. The parser reads both.
 *
 * <ul>
 *   <li>The token: cached {@link #TOKEN_LIFETIME} (client codebases say it lasts 30–60 minutes; the answer carries no
 *       expiry we know of — an {@code expiresIn}/{@code expires_in} in seconds is honoured if present), renewed at once
 *       after a 401. The token call answering 401/403, or without a token, is {@link CarrierUnavailableException}:
 *       the credentials are refused, which an operator must fix.</li>
 *   <li>401 on the tracking call: the token is dropped, fetched again, and the call made once more; a second 401,
 *       or a 403, is {@link CarrierUnavailableException}.</li>
 *   <li>408, 429, 5xx, timeouts, I/O errors: retried by the API's fault tolerance, then {@link CarrierUnavailableException}.</li>
 *   <li>Any other answer, 2xx or 4xx: the body, for {@link HepsijetCarrier#parse}.</li>
 * </ul>
 * Nothing here logs, or puts into a message, the password, the token or a body.
 */
@ApplicationScoped
@Named(HepsijetCarrier.ID)
public class HepsijetTrackingClient implements TrackingClient {

    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(25);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    @RestClient
    HepsijetTrackApi api;

    @ConfigProperty(name = "KARGO_CARRIER_HEPSIJET_USER")
    Optional<String> user;

    @ConfigProperty(name = "KARGO_CARRIER_HEPSIJET_PASSWORD")
    Optional<String> password;

    private final Clock clock = Clock.systemUTC();
    private final CachedToken token = new CachedToken(this::newToken, Duration.ofSeconds(60), clock);

    @Override
    public boolean configured() {
        return user.filter(v -> !v.isBlank()).isPresent() && password.filter(v -> !v.isBlank()).isPresent();
    }

    @Override
    public int batchSize() {
        return HepsijetCarrier.BATCH_SIZE;
    }

    @Override
    public byte[] fetch(String barcode) throws CarrierUnavailableException {
        return fetchAll(List.of(barcode));
    }

    @Override
    public byte[] fetchAll(List<String> barcodes) throws CarrierUnavailableException {
        if (barcodes.isEmpty() || barcodes.size() > batchSize()) {
            throw new IllegalArgumentException("HepsiJET takes 1 to " + batchSize() + " barcodes per call");
        }
        ObjectNode request = JSON.createObjectNode();
        ArrayNode list = request.putArray("barcodes");
        for (String barcode : barcodes) {
            if (barcode == null || barcode.isBlank()) {
                throw new IllegalArgumentException("barcode is blank");
            }
            list.add(barcode.trim());
        }
        request.put("isTrackAdded", true);
        byte[] body = request.toString().getBytes(StandardCharsets.UTF_8);
        return CarrierCall.guarded("HepsiJET track", () -> {
            for (int attempt = 1; ; attempt++) {
                try (Response response = api.track(token.get(), body)) {
                    if (response.getStatus() == 401 && attempt == 1) {
                        token.invalidate(); // revoked or expired before our 25 minutes: fetch a new one, once
                        continue;
                    }
                    return CarrierCall.body("HepsiJET track", response);
                }
            }
        });
    }

    private CachedToken.Token newToken() throws CarrierUnavailableException {
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (user.orElse("") + ":" + password.orElse("")).getBytes(StandardCharsets.UTF_8));
        try (Response response = api.token(basic)) {
            int status = response.getStatus();
            if (CarrierCall.refused(status)) {
                throw new CarrierUnavailableException("HepsiJET refused the user name and password (HTTP " + status + ")");
            }
            if (status / 100 != 2) {
                throw new CarrierUnavailableException("HepsiJET token service answered HTTP " + status);
            }
            JsonNode answer = readJson(response.hasEntity() ? response.readEntity(byte[].class) : new byte[0]);
            JsonNode data = answer.path("data");
            String value = data.path("token").isTextual() ? data.path("token").asText().trim() : "";
            if (value.isEmpty()) {
                throw new CarrierUnavailableException("HepsiJET token answer has no token (credentials refused?)");
            }
            return new CachedToken.Token(value, clock.instant().plus(lifetime(answer, data)));
        }
    }

    /** 25 minutes, unless the answer says how many seconds the token lasts. */
    static Duration lifetime(JsonNode answer, JsonNode data) {
        for (JsonNode node : new JsonNode[] {data, answer}) {
            for (String field : new String[] {"expiresIn", "expires_in"}) {
                JsonNode value = node.path(field);
                long seconds = value.canConvertToLong() ? value.asLong() : value.isTextual() && value.asText().matches("\\d{1,9}")
                        ? Long.parseLong(value.asText()) : 0;
                if (seconds > 60) {
                    return Duration.ofSeconds(seconds);
                }
            }
        }
        return TOKEN_LIFETIME;
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
        throw new CarrierUnavailableException("HepsiJET token answer is not JSON");
    }
}
