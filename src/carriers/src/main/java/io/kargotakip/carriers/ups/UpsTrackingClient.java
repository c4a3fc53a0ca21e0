package io.kargotakip.carriers.ups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kargotakip.core.carrier.CarrierSettings;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.kargotakip.core.carrier.TrackingClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Polls the UPS Tracking API v1 ({@code GET /api/track/v1/details/{inquiryNumber}}) with an
 * OAuth client-credentials token ({@code POST /security/v1/oauth/token}, HTTP Basic).
 *
 * <p>What {@link #fetch} does with each answer:
 * <ul>
 *   <li>2xx: the body.</li>
 *   <li>401: the cached token is dropped, a new one fetched and the call repeated once; a second
 *       401, or a 403 ("blocked merchant"), is {@link CarrierUnavailableException}: our
 *       credentials are refused, which an operator must fix, and the poll is retried later.</li>
 *   <li>408, 429, 5xx, timeouts and I/O errors (on the token call as well): up to
 *       {@value #MAX_ATTEMPTS} attempts, waiting 200 ms then 400 ms, or the {@code Retry-After}
 *       seconds when given, never more than 2 s per wait; then {@link CarrierUnavailableException}.</li>
 *   <li>Any other 4xx, including 404: the body, unchanged. These are permanent answers about
 *       the tracking number, not outages: UPS sends "not found" as a 404 whose body is the
 *       {@code TW0001} warning, which {@link UpsCarrier#parse} turns into no events, and an
 *       invalid number as a 400 {@code TV1002} error body, which {@code parse} rejects with a
 *       {@code PayloadException}. Throwing {@code CarrierUnavailableException} there would make
 *       the poller retry a number that can never succeed.</li>
 * </ul>
 *
 * <p>The token is cached until 60 s before UPS's {@code expires_in}. One instance is meant to be
 * kept and reused; it is safe to share between threads. Nothing here logs or puts into exception
 * messages the client secret, the token or the response body.
 */
public final class UpsTrackingClient implements TrackingClient {

    public static final String DEFAULT_BASE_URL = "https://onlinetools.ups.com";
    public static final String DEFAULT_TRANSACTION_SRC = "kargo-takip";

    static final int MAX_ATTEMPTS = 3;
    static final Duration BASE_BACKOFF = Duration.ofMillis(200);
    static final Duration MAX_WAIT = Duration.ofSeconds(2);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final Duration TOKEN_MARGIN = Duration.ofSeconds(60);

    private static final String TRACK_QUERY = "?locale=en_US&returnSignature=false&returnMilestones=false&returnPOD=false";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Waits between attempts; replaced in tests so they do not sleep. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** What a client is built from; a record so {@link UpsCarrier} can tell whether the settings changed. */
    record Config(String baseUrl, String clientId, String clientSecret, String transactionSrc) {
        Config {
            baseUrl = checkedBaseUrl(baseUrl);
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
            Objects.requireNonNull(transactionSrc, "transactionSrc");
        }

        /** Empty when {@code client-id} or {@code client-secret} is not set. */
        static Optional<Config> from(CarrierSettings settings) {
            Optional<String> clientId = settings.get("client-id");
            Optional<String> clientSecret = settings.get("client-secret");
            if (clientId.isEmpty() || clientSecret.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Config(
                    settings.get("base-url").orElse(DEFAULT_BASE_URL),
                    clientId.get().trim(),
                    clientSecret.get().trim(),
                    settings.get("transaction-src").orElse(DEFAULT_TRANSACTION_SRC).trim()));
        }

        @Override
        public String toString() {
            return "UpsTrackingClient.Config[baseUrl=" + baseUrl + ", transactionSrc=" + transactionSrc + "]";
        }
    }

    private final Config config;
    private final String baseUrl;
    private final String basicAuthorization;
    private final String transactionSrc;
    private final HttpClient http;
    private final Clock clock;
    private final Sleeper sleeper;

    private CachedToken token; // guarded by this

    public UpsTrackingClient(String baseUrl, String clientId, String clientSecret, String transactionSrc) {
        this(new Config(baseUrl, clientId, clientSecret, transactionSrc));
    }

    UpsTrackingClient(Config config) {
        this(config, defaultHttpClient(), Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis()));
    }

    UpsTrackingClient(Config config, HttpClient http, Clock clock, Sleeper sleeper) {
        this.config = Objects.requireNonNull(config, "config");
        this.baseUrl = config.baseUrl();
        this.basicAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((config.clientId() + ":" + config.clientSecret()).getBytes(StandardCharsets.UTF_8));
        this.transactionSrc = config.transactionSrc();
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** Empty when {@code client-id} or {@code client-secret} is not set. */
    public static Optional<UpsTrackingClient> fromSettings(CarrierSettings settings) {
        return Config.from(settings).map(UpsTrackingClient::new);
    }

    Config config() {
        return config;
    }

    static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                // UPS is reached over TLS; HTTP/1.1 avoids h2c upgrade requests against plain-http stubs.
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public byte[] fetch(String trackingNumber) throws CarrierUnavailableException {
        if (trackingNumber == null || trackingNumber.isBlank()) {
            throw new IllegalArgumentException("tracking number is blank");
        }
        URI uri = URI.create(baseUrl + "/api/track/v1/details/" + pathSegment(trackingNumber.trim()) + TRACK_QUERY);
        boolean tokenRenewed = false;
        int attempt = 0;
        while (true) {
            attempt++;
            String failure;
            Duration retryAfter;
            try {
                String accessToken = accessToken();
                HttpResponse<byte[]> response = send(trackRequest(uri, accessToken));
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return response.body();
                }
                if (status == 401 && !tokenRenewed) {
                    // Tokens can be revoked before expires_in; a fresh one gets one more try, outside the retry budget.
                    tokenRenewed = true;
                    forget(accessToken);
                    attempt--;
                    continue;
                }
                if (status == 401 || status == 403) {
                    throw new CarrierUnavailableException("UPS track refused our credentials (HTTP " + status + ")");
                }
                if (!isTransient(status)) {
                    if (status / 100 == 4) {
                        return response.body();
                    }
                    throw new CarrierUnavailableException("UPS track answered unexpected HTTP " + status);
                }
                failure = "HTTP " + status;
                retryAfter = retryAfter(response);
            } catch (TransientFailure e) {
                failure = e.getMessage();
                retryAfter = e.retryAfter;
            }
            if (attempt >= MAX_ATTEMPTS) {
                throw new CarrierUnavailableException("UPS track unavailable after " + attempt + " attempts, last: " + failure);
            }
            pause(attempt, retryAfter);
        }
    }

    // ---- OAuth ----------------------------------------------------------------------------

    private synchronized String accessToken() throws TransientFailure, CarrierUnavailableException {
        Instant now = clock.instant();
        if (token != null && now.isBefore(token.refreshAt)) {
            return token.value;
        }
        HttpResponse<byte[]> response = send(tokenRequest());
        int status = response.statusCode();
        if (isTransient(status)) {
            throw new TransientFailure("token HTTP " + status, retryAfter(response));
        }
        if (status != 200) {
            throw new CarrierUnavailableException("UPS refused the OAuth client credentials (HTTP " + status + ")");
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new CarrierUnavailableException("UPS token response is not JSON");
        }
        String value = body == null ? null : body.path("access_token").asText(null);
        if (value == null || value.isBlank()) {
            throw new CarrierUnavailableException("UPS token response has no access_token");
        }
        // expires_in is a string of seconds in UPS's answer; unreadable means "use it for this call only".
        long expiresIn = seconds(body.path("expires_in").asText(""));
        Duration lifetime = Duration.ofSeconds(Math.max(0, expiresIn - TOKEN_MARGIN.getSeconds()));
        token = new CachedToken(value, now.plus(lifetime));
        return value;
    }

    private synchronized void forget(String accessToken) {
        if (token != null && token.value.equals(accessToken)) {
            token = null;
        }
    }

    private HttpRequest tokenRequest() {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/security/v1/oauth/token"))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", basicAuthorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
    }

    private HttpRequest trackRequest(URI uri, String accessToken) {
        return HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + accessToken)
                .header("transId", UUID.randomUUID().toString().replace("-", ""))
                .header("transactionSrc", transactionSrc)
                .header("Accept", "application/json")
                .GET()
                .build();
    }

    // ---- plumbing -------------------------------------------------------------------------

    private HttpResponse<byte[]> send(HttpRequest request) throws TransientFailure, CarrierUnavailableException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new TransientFailure("timeout", null);
        } catch (IOException e) {
            throw new TransientFailure("I/O error " + e.getClass().getSimpleName(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CarrierUnavailableException("UPS call interrupted");
        }
    }

    private void pause(int attempt, Duration retryAfter) throws CarrierUnavailableException {
        Duration wait = retryAfter != null ? retryAfter : BASE_BACKOFF.multipliedBy(1L << (attempt - 1));
        if (wait.compareTo(MAX_WAIT) > 0) {
            wait = MAX_WAIT;
        }
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CarrierUnavailableException("UPS call interrupted");
        }
    }

    static boolean isTransient(int status) {
        return status == 408 || status == 429 || (status >= 500 && status <= 599);
    }

    /** Only the delay-seconds form; an HTTP-date falls back to the exponential backoff. */
    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After")
                .map(String::trim)
                .filter(v -> v.matches("\\d{1,6}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v)))
                .orElse(null);
    }

    private static long seconds(String value) {
        String trimmed = value.trim();
        return trimmed.matches("\\d{1,9}") ? Long.parseLong(trimmed) : 0;
    }

    /** Percent-encodes all but unreserved characters, so a tracking number cannot change the path. */
    static String pathSegment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String checkedBaseUrl(String baseUrl) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String trimmed = baseUrl.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("UPS base-url is not a URL");
        }
        if (uri.getHost() == null || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException("UPS base-url must be an http(s) URL");
        }
        return trimmed;
    }

    /** No toString on purpose: the token must not end up in logs. */
    private static final class CachedToken {
        final String value;
        final Instant refreshAt;

        CachedToken(String value, Instant refreshAt) {
            this.value = value;
            this.refreshAt = refreshAt;
        }
    }

    /** A failure worth another attempt; internal only, so no stack trace is kept. */
    private static final class TransientFailure extends Exception {
        final transient Duration retryAfter;

        TransientFailure(String message, Duration retryAfter) {
            super(message, null, false, false);
            this.retryAfter = retryAfter;
        }
    }
}
