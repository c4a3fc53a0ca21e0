package io.kargotakip.functions.ordersapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kargotakip.aws.http.Headers;
import io.kargotakip.aws.http.Problem;
import io.kargotakip.aws.http.ProblemMapper;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.core.webhook.WebhookAuth;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.util.Map;

/**
 * {@code PUT /orders/{orderId}/devices} with {@code {"platform":"fcm|apns|apns_sandbox","token":"..."}}: the
 * customer's app (through the merchant's backend, which holds the orders API key) registers its device for push
 * notifications of this order ({@link DeviceRegistration}). 200 with the endpoint ARN; 400 unreadable, 404 no such
 * order, 422 unknown or unconfigured platform or a bad token, as RFC 9457 problems.
 */
@Path("/orders/{orderId}/devices")
public class DevicesResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DeviceRegistration registration;

    @Inject
    @Named("orders-api-auth")
    WebhookAuth auth;

    @Inject
    Metrics metrics;

    @PUT
    @Consumes(MediaType.WILDCARD)
    public Response register(@PathParam("orderId") String orderId, @Context HttpHeaders headers, byte[] body) {
        try {
            Map<String, String> lower = Headers.lowerCased(headers);
            byte[] bytes = body == null ? new byte[0] : body;
            String why = auth.rejectReason(lower, bytes, java.time.Instant.now());
            if (why != null) {
                return ProblemMapper.problem(Problem.of(401, "Unauthorized", why));
            }
            JsonNode json;
            try {
                json = bytes.length == 0 ? null : JSON.readTree(bytes);
            } catch (IOException e) {
                json = null;
            }
            if (json == null || !json.isObject()) {
                return ProblemMapper.problem(Problem.of(400, "Unreadable device", "send JSON {\"platform\":\"fcm|apns|apns_sandbox\",\"token\":\"...\"}"));
            }
            String platform = json.path("platform").isTextual() ? json.get("platform").asText() : null;
            String token = json.path("token").isTextual() ? json.get("token").asText() : null;
            if (platform == null || token == null) {
                return ProblemMapper.problem(Problem.of(422, "Invalid device", "platform and token are required strings"));
            }
            DeviceRegistration.Result result = registration.register(orderId, platform, token);
            if (result instanceof DeviceRegistration.Result.Registered ok) {
                metrics.count("DevicesRegistered");
                return Response.ok(Map.of("orderId", ok.orderId(), "platform", ok.platform().wireName(), "endpointArn", ok.endpointArn()))
                        .type(MediaType.APPLICATION_JSON).build();
            }
            DeviceRegistration.Result.Refused refused = (DeviceRegistration.Result.Refused) result;
            return ProblemMapper.problem(Problem.of(refused.status(), refused.title(), refused.detail()));
        } finally {
            metrics.flush();
        }
    }
}
