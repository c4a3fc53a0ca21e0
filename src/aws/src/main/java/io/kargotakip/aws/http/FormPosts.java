package io.kargotakip.aws.http;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The customer's form posts (the answer pages, the tracking page's self-service forms): their fields, and whether the
 * browser that sent one says it came from our own page. Plain HTML forms with no script, so no custom header can prove
 * it; the browser's {@code Sec-Fetch-Site} and {@code Origin} do, with a token bound to the page in the form itself.
 */
public final class FormPosts {

    /** The largest form read; the pages' forms are far smaller. */
    public static final int MAX_BYTES = 4096;

    private FormPosts() {
    }

    /**
     * The fields of an {@code application/x-www-form-urlencoded} body; null when it cannot be read (too long, malformed,
     * a field twice): then nothing is recorded. A field given several times is allowed only if named in {@code lists}
     * (checkboxes), and its values come joined with commas.
     */
    public static Map<String, String> fields(byte[] body, String... lists) {
        Map<String, String> fields = new HashMap<>();
        String raw = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        if (raw.length() > MAX_BYTES) {
            return null;
        }
        java.util.Set<String> multiple = java.util.Set.of(lists);
        try {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                String before = fields.putIfAbsent(name, value);
                if (before != null) {
                    if (!multiple.contains(name)) {
                        return null; // a field twice: not what the page sends
                    }
                    fields.put(name, before + "," + value);
                }
            }
        } catch (IllegalArgumentException malformed) {
            return null;
        }
        return fields;
    }

    /** Whether the request's content type is a form's. */
    public static boolean isForm(String contentType) {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /**
     * A post the page itself made: a browser that says where the request comes from ({@code Sec-Fetch-Site},
     * {@code Origin}) must say this site (the tracking host, or the host the page was served from); one that says
     * nothing is judged by the form's token alone.
     */
    public static boolean sameSite(String origin, String fetchSite, String host, String trackingBaseUrl) {
        if (fetchSite != null && !fetchSite.equalsIgnoreCase("same-origin") && !fetchSite.equalsIgnoreCase("none")) {
            return false;
        }
        if (origin == null) {
            return true;
        }
        if (origin.equals("null")) {
            // an opaque origin (a sandboxed frame, a privacy setting): only a browser that says same-origin is believed
            return fetchSite != null && fetchSite.equalsIgnoreCase("same-origin");
        }
        try {
            URI given = URI.create(origin);
            URI tracking = URI.create(trackingBaseUrl);
            boolean tracked = given.getScheme() != null && given.getScheme().equalsIgnoreCase(tracking.getScheme())
                    && given.getHost() != null && given.getHost().equalsIgnoreCase(tracking.getHost()) && port(given) == port(tracking);
            boolean served = host != null && given.getRawAuthority() != null && given.getRawAuthority().equalsIgnoreCase(host);
            return tracked || served;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
