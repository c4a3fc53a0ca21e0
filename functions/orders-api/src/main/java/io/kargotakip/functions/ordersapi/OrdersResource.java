package io.kargotakip.functions.ordersapi;

import io.kargotakip.aws.http.Headers;
import io.kargotakip.aws.http.Problem;
import io.kargotakip.aws.http.ProblemMapper;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.orders.OrderIntake;
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

import java.util.List;
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

    @Inject
    WebPushResource.WebPush webPush;

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response create(@Context HttpHeaders headers, byte[] body) {
        try {
            Map<String, String> lower = Headers.lowerCased(headers);
            String why = auth.rejectReason(lower, body == null ? new byte[0] : body, java.time.Instant.now());
            if (why != null) {
                return problem(Problem.of(401, "Unauthorized", why));
            }
            OrderIntake.Submission submission = intake.submit(lower.get("content-type"), body);
            if (submission instanceof OrderIntake.Submission.Stored stored) {
                Map<String, Object> answer = new java.util.LinkedHashMap<>();
                answer.put("orders", stored.orders());
                answer.put("shipments", stored.shipments());
                if (webPush.publicKey().isPresent()) {
                    // what the order page gives /webpush.js (data-order-token): the browser subscribes with it, not the API key
                    Map<String, String> tokens = new java.util.LinkedHashMap<>();
                    stored.orderIds().forEach(id -> tokens.put(id, webPush.links().webPushToken(id)));
                    answer.put("webPushTokens", tokens);
                }
                return Response.status(201).type(MediaType.APPLICATION_JSON).entity(answer).build();
            }
            if (submission instanceof OrderIntake.Submission.Unreadable unreadable) {
                return problem(Problem.of(400, "Unreadable orders", unreadable.detail()));
            }
            List<String> errors = ((OrderIntake.Submission.Rejected) submission).problems().stream().map(Object::toString).toList();
            return problem(Problem.withErrors(422, "Invalid orders", "nothing was imported; fix these and send again", errors));
        } finally {
            metrics.flush();
        }
    }

    private static Response problem(Problem problem) {
        return ProblemMapper.problem(problem);
    }
}
