package io.kargotakip.carriers.kit;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.kargotakip.core.carrier.PayloadException;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The JSON reading every JSON carrier and marketplace parser shares: Jackson's tree model only (nothing to
 * register for a native image), limits well above any real answer or order page, no trailing tokens, and errors
 * that name the carrier and never quote the payload.
 */
public final class CarrierJson {

    // Order pages hold up to 200 packages with addresses and lines: a few MB at most; nothing real nests deeper than ~10.
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(64).maxStringLength(1_000_000).maxNumberLength(64).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private static final Pattern SHORT_CODE = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

    private CarrierJson() {
    }

    /** The payload as a JSON tree; {@code who} names the marketplace in the message. */
    public static JsonNode read(byte[] payload, String who) throws PayloadException {
        if (payload == null || payload.length == 0) {
            throw new PayloadException(who + " payload is empty");
        }
        try {
            JsonNode root = JSON.readTree(payload);
            if (root == null || root.isMissingNode()) {
                throw new PayloadException(who + " payload is empty");
            }
            return root;
        } catch (JacksonException e) {
            // the cause is dropped on purpose: Jackson's message can quote the payload
            throw new PayloadException(who + " payload is not valid JSON");
        } catch (IOException e) {
            throw new PayloadException(who + " payload could not be read");
        }
    }

    /** The payload as a JSON object (the shape every carrier answer and push has). */
    public static JsonNode readObject(byte[] payload, String who) throws PayloadException {
        JsonNode root = read(payload, who);
        if (!root.isObject()) {
            throw new PayloadException(who + " payload is not a JSON object");
        }
        return root;
    }

    /** A scalar field, trimmed; null when missing, null, blank or not a scalar. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isValueNode() || value.isNull()) {
            return null;
        }
        String text = value.asText().trim();
        return text.isEmpty() ? null : text;
    }

    /**
     * An identifier (order, package or tracking number) that may come as a string or an integral number
     * ({@code "cargoTrackingNumber": 7280027504111111}): its digits exactly; null when missing, blank, zero or
     * not an identifier (a fraction, an object).
     */
    public static String identifier(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isTextual()) {
            String text = value.asText().trim();
            return text.isEmpty() ? null : text;
        }
        if (value.isIntegralNumber()) {
            BigInteger number = value.bigIntegerValue();
            return number.signum() <= 0 ? null : number.toString();
        }
        return null;
    }

    /** Epoch milliseconds of an integral number field; null when missing or not one. */
    public static Long epochMillis(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual() && value.asText().trim().matches("\\d{1,15}")) {
            return Long.parseLong(value.asText().trim());
        }
        return null;
    }

    /** The elements of an array; a lone object is one element; anything else none. */
    public static List<JsonNode> elements(JsonNode node) {
        if (node.isArray()) {
            List<JsonNode> list = new ArrayList<>(node.size());
            node.forEach(list::add);
            return list;
        }
        return node.isObject() ? List.of(node) : List.of();
    }

    /**
     * An error code fit to put in a message: short and plain, so it cannot carry payload text (a longer one is
     * left out; the conformance suite checks 16-character windows).
     */
    public static String shortCode(String code) {
        return code != null && SHORT_CODE.matcher(code).matches() ? code : null;
    }
}
