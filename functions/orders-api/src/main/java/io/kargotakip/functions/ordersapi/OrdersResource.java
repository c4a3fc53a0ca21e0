package io.kargotakip.functions.ordersapi;

import io.kargotakip.aws.Json;
import io.kargotakip.aws.http.Problem;
import io.kargotakip.aws.http.ProblemMapper;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.orders.OrderCsv;
import io.kargotakip.aws.orders.OrderIntake;
import io.kargotakip.aws.orders.OrderRequest;
import io.kargotakip.core.webhook.WebhookAuth;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /orders}: the merchant's ERP or shop sends orders (JSON, one or {@code {"orders":[...]}},
 * or CSV with {@code Content-Type: text/csv}). Authenticated with the merchant's API key. All or nothing:
 * any invalid order rejects the call with every problem listed.
 */
@Path("/orders")
public class OrdersResource {

    @Inject
    OrderIntake intake;

    @Inject
    @Named("orders-api-auth")
    WebhookAuth auth;

    @Inject
    Metrics metrics;

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response create(@Context HttpHeaders headers, byte[] body) {
        try {
            Map<String, String> lower = new HashMap<>();
            headers.getRequestHeaders().forEach((name, values) -> lower.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            String why = auth.rejectReason(lower, body == null ? new byte[0] : body, java.time.Instant.now());
            if (why != null) {
                return problem(Problem.of(401, "Unauthorized", why));
            }
            if (body == null || body.length == 0) {
                return problem(Problem.of(400, "Empty body", "send one order, {\"orders\":[...]} or a CSV file"));
            }
            String text = new String(body, StandardCharsets.UTF_8);
            String contentType = lower.getOrDefault("content-type", "application/json");
            OrderCsv.Read read;
            if (contentType.startsWith("text/csv")) {
                read = OrderCsv.read(new StringReader(text), java.time.Instant.now());
            } else {
                OrderRequest request;
                try {
                    request = Json.read(text, OrderRequest.class);
                } catch (IllegalArgumentException e) {
                    return problem(Problem.of(400, "Unreadable JSON", e.getMessage()));
                }
                read = request.toOrders(java.time.Instant.now());
            }
            OrderIntake.Result result = intake.accept(read.orders(), read.problems());
            if (!result.accepted()) {
                List<String> errors = result.problems().stream().map(Object::toString).toList();
                return problem(Problem.withErrors(422, "Invalid orders", "nothing was imported; fix these and send again", errors));
            }
            return Response.status(201).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("orders", result.orders(), "shipments", result.shipments())).build();
        } catch (IOException e) {
            return problem(Problem.of(400, "Unreadable CSV", e.getMessage()));
        } finally {
            metrics.flush();
        }
    }

    private static Response problem(Problem problem) {
        return ProblemMapper.problem(problem);
    }
}
