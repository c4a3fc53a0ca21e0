package io.kargotakip.core.template;


import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Links in messages. They carry an opaque token (an HMAC of the shipment id) and never an e-mail,
 * phone or order number, so a forwarded or logged URL gives nothing away.
 */
public final class Links {

    // each kind of link signs its own purpose: one token cannot be replayed as another (a pixel fetch as a click)
    private static final String OPT_OUT = "optout";
    private static final String CLICK = "click";
    private static final String OPEN = "open";
    private static final String WEB_PUSH = "webpush";
    private static final String ANSWER_FORM = "answer-form";
    private static final String PAGE_FORM = "page-form";

    private final Brand brand;

    public Links(Brand brand) {
        this.brand = brand;
    }

    public String token(String purpose, String subject) {
        return sign(purpose + ":" + subject);
    }

    /**
     * The shipment's tracking page, by its random page token (issued and stored with the shipment: see the shipments'
     * {@code by-page-token} index). The token says nothing of the shipment; only the store resolves it.
     */
    public String page(String pageToken) {
        return brand.trackingBaseUrl() + "/t/" + pageToken;
    }

    /** One of the tracking page's own pages ({@link #ACTIONS}). */
    public String pageAction(String pageToken, String action) {
        return page(pageToken) + "/" + action;
    }

    /**
     * The tracking page's own pages a tracked link may lead to ({@link #click(String, String)}): reschedule, new
     * address, survey, cash-on-delivery confirmation, address confirmation, return or size exchange.
     */
    public static final java.util.Set<String> ACTIONS = java.util.Set.of("randevu", "adres", "anket", "odeme-teyit", "adres-teyit",
            "iade", "tercihler");

    public String optOut(String notificationId) {
        return brand.trackingBaseUrl() + "/u/" + signed(OPT_OUT, notificationId);
    }

    /**
     * The tracked link of a message: {@code /c/<notificationId>.<signature>} records the click and redirects to the
     * shipment's {@link #tracking} page, which the server computes (the link names no target, so it cannot be turned
     * into an open redirect).
     */
    public String click(String notificationId) {
        return brand.trackingBaseUrl() + "/c/" + signed(CLICK, notificationId);
    }

    /**
     * As {@link #click(String)}, leading to one of the tracking page's {@link #ACTIONS} ({@code /c/<token>/randevu} →
     * {@link #action}): the action is a word of that list, never a URL.
     */
    public String click(String notificationId, String action) {
        if (!ACTIONS.contains(action)) {
            throw new IllegalArgumentException("not an action of the tracking page: " + action);
        }
        return click(notificationId) + "/" + action;
    }

    /**
     * The page a message's question is answered on ({@code odeme-teyit}, {@code adres-teyit}): {@code /a/<clickToken>/<action>},
     * the tracked link's own token, so the page needs no secret of its own.
     */
    public String answer(String clickToken, String action) {
        return brand.trackingBaseUrl() + "/a/" + clickToken + "/" + action;
    }

    /**
     * The answer form's anti-forgery value: bound to the link's token and signed for that purpose only, so a page of
     * another site cannot post an answer without having read this one.
     */
    public String answerFormToken(String clickToken) {
        return token(ANSWER_FORM, clickToken);
    }

    /** Whether {@code given} is {@link #answerFormToken} of {@code clickToken}, compared in constant time. */
    public boolean isAnswerFormToken(String clickToken, String given) {
        if (clickToken == null || given == null) {
            return false;
        }
        return java.security.MessageDigest.isEqual(answerFormToken(clickToken).getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The anti-forgery value of one of the tracking page's forms: {@code <expiry>.<signature>}, signed for this page
     * token, this action and this expiry (epoch seconds) only, so it neither works on another shipment's page, nor for
     * another action, nor after it expires.
     */
    public String pageFormToken(String pageToken, String action, long expiresAtEpochSecond) {
        return expiresAtEpochSecond + "." + token(PAGE_FORM, pageToken + ":" + action + ":" + expiresAtEpochSecond);
    }

    /** Whether {@code given} is a {@link #pageFormToken} of this page and action not expired at {@code nowEpochSecond}. */
    public boolean isPageFormToken(String pageToken, String action, String given, long nowEpochSecond) {
        int dot = given == null ? -1 : given.indexOf('.');
        if (pageToken == null || dot <= 0) {
            return false;
        }
        long expires;
        try {
            expires = Long.parseLong(given.substring(0, dot));
        } catch (NumberFormatException e) {
            return false;
        }
        boolean signed = java.security.MessageDigest.isEqual(pageFormToken(pageToken, action, expires).getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.UTF_8));
        return signed && expires >= nowEpochSecond;
    }

    /** The open pixel of an e-mail, {@code /o/<notificationId>.<signature>.gif}: counted, never taken alone as "read". */
    public String openPixel(String notificationId) {
        return brand.trackingBaseUrl() + "/o/" + signed(OPEN, notificationId) + ".gif";
    }

    /**
     * The notification an opt-out link's token ({@code <notificationId>.<signature>}, the last path segment of
     * {@link #optOut}) was made for, if this brand's secret signed it; empty for anything else.
     */
    public java.util.Optional<String> optOutNotification(String token) {
        return verified(OPT_OUT, token);
    }

    /** As {@link #optOutNotification}, for a {@link #click} link's token: an opt-out or pixel token is not accepted. */
    public java.util.Optional<String> clickNotification(String token) {
        return verified(CLICK, token);
    }

    /** As {@link #optOutNotification}, for an {@link #openPixel}'s token, with or without its {@code .gif}. */
    public java.util.Optional<String> openNotification(String token) {
        return verified(OPEN, token != null && token.endsWith(".gif") ? token.substring(0, token.length() - 4) : token);
    }

    /**
     * The token the merchant's page gives the web-push script, {@code <orderId>.<signature>}: with it the browser may
     * subscribe (and unsubscribe) for that order's messages, without the orders API's key, which a page cannot hold.
     */
    public String webPushToken(String orderId) {
        return signed(WEB_PUSH, orderId);
    }

    /** The order a web-push token ({@link #webPushToken}) was made for, if this brand's secret signed it. */
    public java.util.Optional<String> webPushOrder(String token) {
        return verified(WEB_PUSH, token);
    }

    private String signed(String purpose, String notificationId) {
        return notificationId + "." + token(purpose, notificationId);
    }

    private java.util.Optional<String> verified(String purpose, String token) {
        int dot = token == null ? -1 : token.lastIndexOf('.');
        if (dot <= 0 || dot == token.length() - 1) {
            return java.util.Optional.empty();
        }
        String notificationId = token.substring(0, dot);
        byte[] expected = token(purpose, notificationId).getBytes(StandardCharsets.US_ASCII);
        byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.UTF_8);
        // constant time: the comparison does not tell how much of a forged signature was right
        return java.security.MessageDigest.isEqual(expected, given) ? java.util.Optional.of(notificationId) : java.util.Optional.empty();
    }

    private String sign(String material) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(brand.linkSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(material.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 18));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
