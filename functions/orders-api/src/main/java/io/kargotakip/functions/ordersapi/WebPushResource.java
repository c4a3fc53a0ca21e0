package io.kargotakip.functions.ordersapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kargotakip.aws.http.Problem;
import io.kargotakip.aws.http.ProblemMapper;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.store.ConsentLedger;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.core.channel.ContactKind;
import io.kargotakip.core.channel.WebPushSubscription;
import io.kargotakip.core.order.CustomerId;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.template.Links;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Web push subscriptions, posted by the browser itself ({@code /webpush.js} on the merchant's page), so without the
 * orders API's key: the path carries the order's signed token ({@link Links#webPushToken}, {@code <orderId>.<signature>},
 * handed to the merchant in the answer of {@code POST /orders}), checked in constant time.
 * <ul>
 *   <li>{@code GET /webpush/key}: {@code {"publicKey"}}, the VAPID public key the page subscribes with.</li>
 *   <li>{@code POST /webpush/subscriptions/{token}} with {@code PushSubscription.toJSON()} and {@code "consentText"} (what
 *   the page showed, required, at most 500 characters): the subscription becomes the order customer's
 *   {@code webpush_subscription} contact, the order's consent allows {@code webpush} (so the rules store its fallback)
 *   and a {@code webpush} grant goes into the consent ledger ({@code browser-subscription}, that text). 201; 400 unreadable, 404 bad token or unknown order, 422 an invalid
 *   subscription or text, or a customer without e-mail or phone (the ledger keeps consent by those).</li>
 *   <li>{@code DELETE} the same path: the contact is removed, the order's consent withdrawn and an opt-out recorded. 204.</li>
 * </ul>
 * CORS: a request with an {@code Origin} gets {@code Access-Control-Allow-Origin} only when that origin is in
 * {@code KARGO_WEBPUSH_ALLOWED_ORIGINS}; another origin is refused with 403 before anything is read or written (none set:
 * every browser origin is refused); {@code OPTIONS} answers the preflight. A request without {@code Origin} (not a
 * browser) is taken: the token is the authentication.
 */
@Path("/webpush")
public class WebPushResource {

    private static final Logger LOG = Logger.getLogger(WebPushResource.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_CONSENT_TEXT = 500;
    /** Recorded with an unsubscribe that names no text. */
    static final String UNSUBSCRIBE_TEXT = "Tarayıcı bildirimleri kapatıldı.";

    @Inject
    WebPush webPush;

    @Inject
    Metrics metrics;

    /** What the endpoints need, built by {@link Wiring}; {@code publicKey} empty when web push is not set up. */
    record WebPush(Links links, OrderRepository orders, ConsentLedger ledger, Optional<String> publicKey, Set<String> allowedOrigins,
                   Clock clock) {

        /** {@code KARGO_WEBPUSH_ALLOWED_ORIGINS}: {@code https://www.modax.example,https://modax.example}, no trailing slash. */
        static Set<String> origins(String setting) {
            return setting == null ? Set.of() : Arrays.stream(setting.split(",")).map(String::strip).filter(o -> !o.isEmpty())
                    .map(o -> o.endsWith("/") ? o.substring(0, o.length() - 1) : o).collect(Collectors.toUnmodifiableSet());
        }
    }

    @GET
    @Path("/key")
    public Response key(@HeaderParam("Origin") String origin) {
        Response refused = refusedOrigin(origin);
        if (refused != null) {
            return refused;
        }
        if (webPush.publicKey().isEmpty()) {
            return cors(origin, problem(404, "Web push is not set up", "KARGO_WEBPUSH_VAPID_PUBLIC_KEY is not set here"));
        }
        return cors(origin, Response.ok(Map.of("publicKey", webPush.publicKey().get())).type(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "max-age=300"));
    }

    @OPTIONS
    @Path("/key")
    public Response keyPreflight(@HeaderParam("Origin") String origin) {
        return preflight(origin, "GET");
    }

    @OPTIONS
    @Path("/subscriptions/{token}")
    public Response subscriptionPreflight(@HeaderParam("Origin") String origin) {
        return preflight(origin, "POST, DELETE");
    }

    @POST
    @Path("/subscriptions/{token}")
    @Consumes(MediaType.WILDCARD)
    public Response subscribe(@PathParam("token") String token, @HeaderParam("Origin") String origin, byte[] body) {
        try {
            Response refused = refusedOrigin(origin);
            if (refused != null) {
                return refused;
            }
            Optional<String> orderId = webPush.links().webPushOrder(token);
            if (orderId.isEmpty()) {
                return cors(origin, unknownOrder());
            }
            JsonNode json = read(body);
            if (json == null) {
                return cors(origin, problem(400, "Unreadable subscription",
                        "send PushSubscription.toJSON() with \"consentText\": {\"endpoint\",\"keys\":{\"p256dh\",\"auth\"},\"consentText\"}"));
            }
            String endpoint = text(json.get("endpoint"));
            String p256dh = text(json.at("/keys/p256dh"));
            String auth = text(json.at("/keys/auth"));
            Optional<String> invalid = WebPushSubscription.problem(endpoint, p256dh, auth);
            if (invalid.isPresent()) {
                return cors(origin, problem(422, "Invalid subscription", invalid.get()));
            }
            String consentText = text(json.get("consentText"));
            if (consentText == null || consentText.isBlank() || consentText.length() > MAX_CONSENT_TEXT) {
                return cors(origin, problem(422, "Invalid subscription", "consentText (what the page asked the customer) is required, at most "
                        + MAX_CONSENT_TEXT + " characters"));
            }
            Optional<Order> order = webPush.orders().find(orderId.get());
            if (order.isEmpty()) {
                return cors(origin, unknownOrder());
            }
            Optional<String> customer = CustomerId.of(order.get().customer());
            if (customer.isEmpty()) {
                return cors(origin, problem(422, "No customer to keep the consent for",
                        "this order's customer has no e-mail or phone, by which the consent ledger keeps choices"));
            }
            WebPushSubscription subscription = new WebPushSubscription(endpoint, p256dh, auth);
            if (!webPush.orders().putContact(orderId.get(), ContactKind.WEB_PUSH_SUBSCRIPTION, subscription.json())) {
                return cors(origin, unknownOrder());
            }
            java.time.Instant now = webPush.clock().instant();
            // the order's consent too: the rules store a fallback of the chain only for a channel the order allows
            webPush.orders().putConsent(orderId.get(), "webpush", true, now);
            webPush.ledger().append(customer.get(), new ConsentLedger.Entry("webpush", true, now, ConsentLedger.BROWSER_SUBSCRIPTION,
                    consentText.strip()));
            metrics.count("WebPushSubscribed");
            // the endpoint identifies the browser: only the push service's host is logged
            LOG.infof("web push subscription stored for order %s (%s)", orderId.get(), ContactKind.WEB_PUSH_SUBSCRIPTION.mask(subscription.json()));
            return cors(origin, Response.status(201).type(MediaType.APPLICATION_JSON).entity(Map.of("orderId", orderId.get(), "channel", "webpush")));
        } finally {
            metrics.flush();
        }
    }

    @DELETE
    @Path("/subscriptions/{token}")
    @Consumes(MediaType.WILDCARD)
    public Response unsubscribe(@PathParam("token") String token, @HeaderParam("Origin") String origin, byte[] body) {
        try {
            Response refused = refusedOrigin(origin);
            if (refused != null) {
                return refused;
            }
            Optional<String> orderId = webPush.links().webPushOrder(token);
            Optional<Order> order = orderId.flatMap(webPush.orders()::find);
            if (order.isEmpty()) {
                return cors(origin, unknownOrder());
            }
            webPush.orders().removeContact(orderId.get(), ContactKind.WEB_PUSH_SUBSCRIPTION);
            webPush.orders().putConsent(orderId.get(), "webpush", false, webPush.clock().instant());
            JsonNode json = body == null || body.length == 0 ? null : read(body);
            String text = json == null ? null : text(json.get("consentText"));
            String shown = text == null || text.isBlank() ? UNSUBSCRIBE_TEXT : text.strip();
            CustomerId.of(order.get().customer()).ifPresent(customer -> webPush.ledger().append(customer, new ConsentLedger.Entry("webpush",
                    false, webPush.clock().instant(), ConsentLedger.BROWSER_SUBSCRIPTION,
                    shown.length() > MAX_CONSENT_TEXT ? shown.substring(0, MAX_CONSENT_TEXT) : shown)));
            metrics.count("WebPushUnsubscribed");
            LOG.infof("web push subscription removed for order %s", orderId.get());
            return cors(origin, Response.noContent());
        } finally {
            metrics.flush();
        }
    }

    private Response preflight(String origin, String methods) {
        Response refused = refusedOrigin(origin);
        if (refused != null || origin == null) {
            return refused != null ? refused : problem(400, "Not a preflight", "an OPTIONS preflight carries Origin").build();
        }
        return Response.noContent().header("Access-Control-Allow-Origin", origin).header("Access-Control-Allow-Methods", methods)
                .header("Access-Control-Allow-Headers", "Content-Type").header("Access-Control-Max-Age", "600").header("Vary", "Origin").build();
    }

    /** A browser request from an origin not allowed: 403, without the CORS header (so the page cannot read it either). */
    private Response refusedOrigin(String origin) {
        if (origin == null || webPush.allowedOrigins().contains(origin)) {
            return null;
        }
        return problem(403, "Origin not allowed", "this origin is not in KARGO_WEBPUSH_ALLOWED_ORIGINS").header("Vary", "Origin").build();
    }

    private static Response cors(String origin, Response.ResponseBuilder response) {
        if (origin != null) {
            response.header("Access-Control-Allow-Origin", origin).header("Vary", "Origin");
        }
        return response.build();
    }

    private static Response.ResponseBuilder unknownOrder() {
        // the same answer for a forged token and an order that is gone: a token tells nothing about other orders
        return problem(404, "Unknown order", "this web push link is not valid");
    }

    private static Response.ResponseBuilder problem(int status, String title, String detail) {
        return Response.fromResponse(ProblemMapper.problem(Problem.of(status, title, detail)));
    }

    private static JsonNode read(byte[] body) {
        try {
            JsonNode json = body == null || body.length == 0 ? null : JSON.readTree(body);
            return json != null && json.isObject() ? json : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }
}
