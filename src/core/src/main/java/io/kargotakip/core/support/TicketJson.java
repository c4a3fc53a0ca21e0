package io.kargotakip.core.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the ticket parsers share: reading the JSON, and the fields' forms, with messages that name the field only. */
final class TicketJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TicketJson() {
    }

    static JsonNode object(byte[] body, String what) throws TicketPayloadException {
        if (body == null || body.length == 0) {
            throw new TicketPayloadException("the " + what + " body is empty");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new TicketPayloadException("the " + what + " body is not JSON");
        } catch (java.io.IOException e) {
            throw new TicketPayloadException("the " + what + " body cannot be read");
        }
        if (root == null || !root.isObject()) {
            throw new TicketPayloadException("the " + what + " body is not a JSON object");
        }
        return root;
    }

    /** A string or a number as text; null when absent, JSON null or blank. */
    static String text(JsonNode node, String field) throws TicketPayloadException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw new TicketPayloadException("'" + field + "' must be a string");
        }
        String s = v.asText();
        return s.isBlank() ? null : s.strip();
    }

    static String required(JsonNode node, String field, String where) throws TicketPayloadException {
        String v = text(node, field);
        if (v == null) {
            throw new TicketPayloadException("'" + where + field + "' is missing");
        }
        return v;
    }

    /** Tags as a JSON array, or as one string separated by commas or spaces (Freshdesk's {@code {{ticket.tags}}}). */
    static List<String> tags(JsonNode node, String field) throws TicketPayloadException {
        JsonNode v = node.get(field);
        List<String> tags = new ArrayList<>();
        if (v == null || v.isNull()) {
            return tags;
        }
        if (v.isArray()) {
            for (JsonNode t : v) {
                if (!t.isValueNode()) {
                    throw new TicketPayloadException("'" + field + "' must be a list of strings");
                }
                tags.add(t.asText());
            }
            return tags;
        }
        if (v.isTextual()) {
            for (String t : v.asText().split("[,;]")) {
                if (!t.isBlank()) {
                    tags.add(t.strip());
                }
            }
            return tags;
        }
        throw new TicketPayloadException("'" + field + "' must be a list of strings");
    }

    /** Form fields: an object of names to strings (numbers and booleans as their text). */
    static Map<String, String> fields(JsonNode node, String field) throws TicketPayloadException {
        JsonNode v = node.get(field);
        Map<String, String> fields = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return fields;
        }
        if (!v.isObject()) {
            throw new TicketPayloadException("'" + field + "' must be an object of names to values");
        }
        var it = v.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getValue().isValueNode() && !e.getValue().isNull() && !e.getValue().asText().isBlank()) {
                fields.put(e.getKey(), e.getValue().asText().strip());
            }
        }
        return fields;
    }

    /** An ISO-8601 instant with its offset ({@code 2026-12-01T10:00:00Z}, {@code …+03:00}); a time without one is ambiguous. */
    static Instant instant(String value, String field) throws TicketPayloadException {
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new TicketPayloadException("'" + field + "' is not an ISO-8601 time with an offset (e.g. 2026-12-01T10:00:00Z)");
        }
    }
}
