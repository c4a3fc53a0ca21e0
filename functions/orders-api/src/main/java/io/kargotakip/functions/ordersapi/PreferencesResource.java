package io.kargotakip.functions.ordersapi;

import io.kargotakip.aws.http.Headers;
import io.kargotakip.aws.http.Problem;
import io.kargotakip.aws.http.ProblemMapper;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.store.ConsentLedger;
import io.kargotakip.core.order.CustomerId;
import io.kargotakip.core.webhook.WebhookAuth;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET|PUT /customers/{id}/preferences}: a customer's consent per channel, read and changed by the merchant's
 * systems (a "my notifications" page), with the same API key as the orders API. A change is appended to the consent
 * ledger ({@code preference-api}) with the text the customer was shown, and counts from the next send on.
 */
@Path("/customers/{id}/preferences")
public class PreferencesResource {

    /** The channels a preference can name. */
    static final Set<String> CHANNELS = Set.of("email", "sms", "whatsapp", "push", "webpush");

    @RegisterForReflection
    public record Change(String channel, Boolean granted, String text) {
    }

    @Inject
    ConsentLedger ledger;

    @Inject
    @Named("orders-api-auth")
    WebhookAuth auth;

    @Inject
    Metrics metrics;

    @GET
    public Response read(@Context HttpHeaders headers, @PathParam("id") String id) {
        try {
            String why = auth.rejectReason(Headers.lowerCased(headers), new byte[0], Instant.now());
            if (why != null) {
                return ProblemMapper.problem(Problem.of(401, "Unauthorized", why));
            }
            List<ConsentLedger.Entry> history = CustomerId.isWellFormed(id) ? ledger.history(id) : List.of();
            if (history.isEmpty()) {
                return unknown(id);
            }
            return Response.ok(body(id, history)).type(MediaType.APPLICATION_JSON).build();
        } finally {
            metrics.flush();
        }
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    public Response change(@Context HttpHeaders headers, @PathParam("id") String id, byte[] body) {
        try {
            byte[] raw = body == null ? new byte[0] : body;
            String why = auth.rejectReason(Headers.lowerCased(headers), raw, Instant.now());
            if (why != null) {
                return ProblemMapper.problem(Problem.of(401, "Unauthorized", why));
            }
            Change change;
            try {
                change = raw.length == 0 ? null : io.kargotakip.aws.Json.read(new String(raw, java.nio.charset.StandardCharsets.UTF_8), Change.class);
            } catch (IllegalArgumentException e) {
                return ProblemMapper.problem(Problem.of(400, "Unreadable preference", e.getMessage()));
            }
            if (change == null) {
                return ProblemMapper.problem(Problem.of(400, "Unreadable preference",
                        "send {\"channel\":\"sms\",\"granted\":false,\"text\":\"the text the customer was shown\"}"));
            }
            List<String> errors = new ArrayList<>();
            if (change.channel() == null || !CHANNELS.contains(change.channel())) {
                errors.add("channel must be one of " + new java.util.TreeSet<>(CHANNELS));
            }
            if (change.granted() == null) {
                errors.add("granted must be true or false");
            }
            if (change.text() == null || change.text().isBlank()) {
                errors.add("text is required: what the customer was shown when choosing");
            }
            if (!errors.isEmpty()) {
                return ProblemMapper.problem(Problem.withErrors(422, "Invalid preference", "nothing was recorded", errors));
            }
            if (!CustomerId.isWellFormed(id) || ledger.history(id).isEmpty()) {
                return unknown(id);
            }
            ledger.append(id, new ConsentLedger.Entry(change.channel(), change.granted(), Instant.now(), ConsentLedger.PREFERENCE_API,
                    change.text().strip()));
            metrics.count("PreferencesChanged");
            return Response.ok(body(id, ledger.history(id))).type(MediaType.APPLICATION_JSON).build();
        } finally {
            metrics.flush();
        }
    }

    private static Response unknown(String id) {
        return ProblemMapper.problem(Problem.of(404, "Unknown customer",
                "no consent is recorded for this customer id (c- and 16 hex digits, derived from the customer's e-mail or phone)"));
    }

    private static Map<String, Object> body(String id, List<ConsentLedger.Entry> history) {
        Map<String, Object> current = new LinkedHashMap<>();
        ConsentLedger.current(history).forEach((channel, e) -> current.put(channel, entry(e)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("customerId", id);
        out.put("preferences", current);
        out.put("history", history.stream().map(PreferencesResource::entry).toList());
        return out;
    }

    private static Map<String, Object> entry(ConsentLedger.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channel", e.channel());
        m.put("granted", e.granted());
        m.put("at", e.at().toString());
        m.put("source", e.source());
        if (e.text() != null) {
            m.put("text", e.text());
        }
        return m;
    }
}
