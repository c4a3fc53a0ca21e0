package io.kargotakip.aws.http;

import jakarta.ws.rs.core.HttpHeaders;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Request headers as the authentication checks take them: lower-case names, repeated values comma-joined. */
public final class Headers {

    private Headers() {
    }

    public static Map<String, String> lowerCased(HttpHeaders headers) {
        Map<String, String> lower = new HashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> lower.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        return lower;
    }
}
