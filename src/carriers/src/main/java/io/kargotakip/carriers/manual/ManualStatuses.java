package io.kargotakip.carriers.manual;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kargotakip.carriers.kit.StatusMapping;
import io.kargotakip.core.carrier.CarrierAdapter;
import io.kargotakip.core.carrier.CarrierProfile;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code manual} source: canonical events that come from no carrier API — a merchant's status upload
 * for a carrier without one ({@code ./kargo import-statuses}, {@code POST /statuses}) and the product's own
 * stall rule. They go through the same queue, dedup and ordering as any carrier's, so a status uploaded twice
 * is told once. The payload is {@code {"events":[{carrier, trackingNumber, status, reason, occurredAt,
 * location, carrierCode, description}]}}; each event belongs to the carrier it names.
 */
public final class ManualStatuses implements CarrierAdapter {

    public static final String ID = "manual";
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).maxStringLength(10_000).build());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Status upload and the product's rules";
    }

    @Override
    public CarrierProfile profile() {
        return CarrierProfile.pushOnly("POST /statuses and ./kargo import-statuses (orders API key)", "the named carrier's tracking number");
    }

    @Override
    public List<TrackingEvent> parse(byte[] payload) throws PayloadException {
        if (payload == null || payload.length == 0) {
            throw new PayloadException("manual payload is empty");
        }
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (IOException e) {
            throw new PayloadException("manual payload is not JSON");
        }
        if (root == null || !root.path("events").isArray()) {
            throw new PayloadException("manual payload has no events array");
        }
        List<TrackingEvent> events = new ArrayList<>();
        int index = 0;
        for (JsonNode e : root.path("events")) {
            events.add(event(e, index++));
        }
        return events;
    }

    private static TrackingEvent event(JsonNode e, int index) throws PayloadException {
        String where = "manual event " + index;
        String carrier = text(e, "carrier");
        String trackingNumber = text(e, "trackingNumber");
        String code = text(e, "carrierCode");
        if (carrier == null || trackingNumber == null || code == null) {
            throw new PayloadException(where + " lacks carrier, trackingNumber or carrierCode");
        }
        TrackingStatus status = TrackingStatus.fromWireName(text(e, "status"))
                .orElseThrow(() -> new PayloadException(where + " has no canonical status"));
        String reasonName = text(e, "reason");
        Reason reason = reasonName == null ? null
                : Reason.fromWireName(reasonName).orElseThrow(() -> new PayloadException(where + " has an unknown reason"));
        try {
            StatusMapping.of(status, reason); // the status dictionary's rule: a reason exactly with failures, delays, exceptions
        } catch (IllegalArgumentException ex) {
            throw new PayloadException(where + ": " + ex.getMessage());
        }
        OffsetDateTime at;
        LocalDate estimate;
        try {
            at = OffsetDateTime.parse(String.valueOf(text(e, "occurredAt")));
            String eta = text(e, "estimatedDelivery");
            estimate = eta == null ? null : LocalDate.parse(eta);
        } catch (DateTimeException ex) {
            throw new PayloadException(where + " has an unreadable time");
        }
        try {
            return new TrackingEvent(carrier, trackingNumber, status, reason, at, text(e, "location"), code, text(e, "description"), estimate);
        } catch (IllegalArgumentException ex) {
            throw new PayloadException(where + " names no shipment");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText().trim();
    }

    /** The payload of these events (what the status upload and the stall rule queue). */
    public static byte[] payload(List<TrackingEvent> events) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("events");
        for (TrackingEvent e : events) {
            ObjectNode o = list.addObject();
            o.put("carrier", e.carrier());
            o.put("trackingNumber", e.trackingNumber());
            o.put("status", e.status().wireName());
            if (e.reason() != null) {
                o.put("reason", e.reason().wireName());
            }
            o.put("occurredAt", e.occurredAt().toString());
            o.put("carrierCode", e.carrierCode());
            if (e.location() != null) {
                o.put("location", e.location());
            }
            if (e.description() != null) {
                o.put("description", e.description());
            }
            if (e.estimatedDelivery() != null) {
                o.put("estimatedDelivery", e.estimatedDelivery().toString());
            }
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
