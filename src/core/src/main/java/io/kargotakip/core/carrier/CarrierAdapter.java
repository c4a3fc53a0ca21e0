package io.kargotakip.core.carrier;

import io.kargotakip.core.shipment.TrackingEvent;

import java.util.List;

/**
 * One carrier: turns its payloads into canonical events. Adapters are found with
 * {@link java.util.ServiceLoader}, so a carrier plugs in by adding a package and a
 * {@code META-INF/services} line. A carrier with a tracking API also has a {@link TrackingClient}
 * in its package: a CDI bean named by the carrier's id, which the poller looks up.
 */
public interface CarrierAdapter {

    /** Stable id used in configuration, webhook paths and shipment ids, e.g. {@code ups}. */
    String id();

    /** Name shown to customers, e.g. {@code UPS}. */
    String displayName();

    /**
     * Parses one payload: a tracking API response or a push body, recognised by its shape.
     * Events whose code is not mapped come back with status {@code unknown}.
     *
     * @throws PayloadException when the payload is not one this carrier sends
     */
    List<TrackingEvent> parse(byte[] payload) throws PayloadException;

    /**
     * Parses a payload whose HTTP content type is known (a push, a poll answer): a carrier whose answers
     * may come in a legacy charset (windows-1254, ISO-8859-9) without saying so in the body reads it
     * from here. By default the body alone decides.
     */
    default List<TrackingEvent> parse(byte[] payload, String contentType) throws PayloadException {
        return parse(payload);
    }

    /**
     * Parses a push with the request headers this adapter declared ({@link #payloadHeaders()}) and, under
     * {@link #PUSH_PATH}, the part of the webhook path after {@code /webhooks/<source>/} — Hepsiburada says what
     * happened only in the path it calls ({@code …/packages/{packageNumber}/intransit}). By default the body and
     * its content type alone decide.
     */
    default List<TrackingEvent> parse(byte[] payload, String contentType, java.util.Map<String, String> headers) throws PayloadException {
        return parse(payload, contentType);
    }

    /** The pseudo-header carrying the webhook path's tail; set by the webhook receiver only, never taken from the caller. */
    String PUSH_PATH = "x-kargo-push-path";

    /** What the carrier offers and needs: poll, push, batch size, rate limit, auth, key, settings. */
    CarrierProfile profile();

    /**
     * The carrier's public tracking page for this number (its own tracking number, which for a shipment
     * keyed by the merchant's reference is the event's {@link TrackingEvent#alternateNumber()}), where one exists.
     */
    default java.util.Optional<String> trackingLink(String trackingNumber) {
        return java.util.Optional.empty();
    }

    /**
     * The carrier's tracking-number format where it is distinctive enough to tell the carrier from the
     * number alone (UPS {@code 1Z…}); empty where numbers of several carriers look alike.
     */
    default java.util.Optional<java.util.regex.Pattern> trackingNumberFormat() {
        return java.util.Optional.empty();
    }

    /**
     * The request headers of a push this carrier's parsing needs (e.g. a SOAP action or a charset-bearing
     * header); the webhook keeps only these, with the content type, on the raw event. None by default.
     */
    default java.util.Set<String> payloadHeaders() {
        return java.util.Set.of();
    }

    /**
     * For a sender that puts a user name and password inside the push body instead of a header (Aras's
     * callback): the two as the body carries them, or empty when absent or unreadable. The webhook compares
     * them in constant time with {@code KARGO_WEBHOOK_<SOURCE>_SECRET} ({@code user:password}, scheme
     * {@code body-credentials}) before anything is queued. Must not throw.
     */
    default java.util.Optional<java.util.Map.Entry<String, String>> pushCredentials(byte[] payload) {
        return java.util.Optional.empty();
    }

    /**
     * The push as it is queued once its body credentials were checked: without them (they would otherwise rest on
     * the queue and its DLQ), still a payload this adapter parses to the same events. Unchanged by default.
     */
    default byte[] withoutCredentials(byte[] payload) {
        return payload;
    }

    /** The answer this carrier expects to an accepted push, when it is not our default 202 JSON. */
    default java.util.Optional<PushAcknowledgement> pushAcknowledgement() {
        return java.util.Optional.empty();
    }
}
