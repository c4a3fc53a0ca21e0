package io.kargotakip.aws.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem body ({@code application/problem+json}): what every HTTP function answers
 * on bad input, never a stack trace.
 */
public record Problem(String type, String title, int status, String detail, List<String> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null);
    }

    public static Problem withErrors(int status, String title, String detail, List<String> errors) {
        return new Problem("about:blank", title, status, detail, List.copyOf(errors));
    }

    /** A map view for JSON writers, leaving out the empty members. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        if (errors != null && !errors.isEmpty()) {
            body.put("errors", errors);
        }
        return body;
    }
}
