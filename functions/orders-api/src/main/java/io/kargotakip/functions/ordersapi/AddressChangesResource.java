package io.kargotakip.functions.ordersapi;

import io.kargotakip.aws.http.Headers;
import io.kargotakip.aws.http.Problem;
import io.kargotakip.aws.http.ProblemMapper;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.store.SelfServiceLog;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.webhook.WebhookAuth;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The new delivery addresses customers gave on the tracking page, for operations, with the orders API's key:
 * {@code GET /shipments/{shipmentId}/address} lists a shipment's changes (the current one last), and
 * {@code POST /shipments/{shipmentId}/address/confirmation} marks the current one confirmed once the carrier took it
 * (none of the carriers here takes an address change through its API, so operations pass it on); the page then shows
 * it confirmed instead of pending. {@code shipmentId} is {@code <carrier>:<tracking number>}.
 */
@Path("/")
public class AddressChangesResource {

    @Inject
    SelfServiceLog log;

    @Inject
    @Named("orders-api-auth")
    WebhookAuth auth;

    @Inject
    Metrics metrics;

    @GET
    @Path("shipments/{shipmentId}/address")
    public Response history(@Context HttpHeaders headers, @PathParam("shipmentId") String shipmentId) {
        try {
            Response refused = refused(headers, shipmentId);
            if (refused != null) {
                return refused;
            }
            List<SelfServiceLog.AddressChange> changes = log.addressHistory(ShipmentId.parse(shipmentId), Instant.now());
            if (changes.isEmpty()) {
                return ProblemMapper.problem(Problem.of(404, "Not found", "no address change of " + shipmentId + " is stored"));
            }
            return Response.ok(Map.of("shipmentId", shipmentId, "changes", changes.stream().map(AddressChangesResource::json).toList()))
                    .type(MediaType.APPLICATION_JSON).header("Cache-Control", "no-store").build();
        } finally {
            metrics.flush();
        }
    }

    @POST
    @Path("shipments/{shipmentId}/address/confirmation")
    public Response confirm(@Context HttpHeaders headers, @PathParam("shipmentId") String shipmentId) {
        try {
            Response refused = refused(headers, shipmentId);
            if (refused != null) {
                return refused;
            }
            return log.confirmAddress(ShipmentId.parse(shipmentId), Instant.now())
                    .map(c -> {
                        metrics.count("AddressChangesConfirmed");
                        return Response.ok(json(c)).type(MediaType.APPLICATION_JSON).build();
                    })
                    .orElseGet(() -> ProblemMapper.problem(Problem.of(409, "Nothing to confirm",
                            "no address change of " + shipmentId + " is pending, or the customer changed it again: read it anew")));
        } finally {
            metrics.flush();
        }
    }

    private Response refused(HttpHeaders headers, String shipmentId) {
        String why = auth.rejectReason(Headers.lowerCased(headers), new byte[0], Instant.now());
        if (why != null) {
            return ProblemMapper.problem(Problem.of(401, "Unauthorized", why));
        }
        try {
            ShipmentId.parse(shipmentId);
            return null;
        } catch (IllegalArgumentException e) {
            return ProblemMapper.problem(Problem.of(400, "Bad shipment", "a shipment is <carrier>:<tracking number>, e.g. ups:1Z999AA10123456784"));
        }
    }

    private static Map<String, Object> json(SelfServiceLog.AddressChange c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("number", c.number());
        out.put("state", c.state());
        out.put("at", c.at().toString());
        out.put("confirmedAt", c.confirmedAt() == null ? null : c.confirmedAt().toString());
        out.put("address", c.address().oneLine());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("province", c.address().province());
        fields.put("district", c.address().district());
        fields.put("neighbourhood", c.address().neighbourhood());
        fields.put("postalCode", c.address().postalCode());
        fields.put("line", c.address().line());
        fields.put("building", c.address().building());
        out.put("fields", fields);
        return out;
    }
}
