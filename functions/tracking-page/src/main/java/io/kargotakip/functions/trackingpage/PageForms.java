package io.kargotakip.functions.trackingpage;

import io.kargotakip.aws.http.FormPosts;
import io.kargotakip.aws.store.ConsentLedger;
import io.kargotakip.aws.store.RateLimits;
import io.kargotakip.core.channel.ContactKind;
import io.kargotakip.core.order.CustomerId;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.template.Links;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What guards and serves the self-service forms: their signed, expiring anti-forgery value (one page token, one
 * action), the same-site check, the rate limits (per page token and per source address, which is kept only as a keyed
 * hash), and the preference centre's read and write of the consent ledger.
 */
final class PageForms {

    /** How long a shown form may be sent. */
    static final Duration FORM_LIFETIME = Duration.ofHours(2);
    static final Duration WINDOW = Duration.ofHours(1);
    /** Posts per page token per hour: a customer correcting a form a few times, not a script. */
    static final int PER_TOKEN = 20;
    /** Posts per source address per hour: a household or an office behind one address, not a flood. */
    static final int PER_SOURCE = 60;
    /** The channels of the preference centre, in the order shown. */
    static final List<String> CHANNELS = List.of("email", "sms", "whatsapp", "push", "webpush");

    private final Links links;
    private final String trackingBaseUrl;
    private final String secret;
    private final RateLimits limits;
    private final ConsentLedger ledger;
    private final Clock clock;

    PageForms(Links links, String trackingBaseUrl, String secret, RateLimits limits, ConsentLedger ledger, Clock clock) {
        this.links = links;
        this.trackingBaseUrl = trackingBaseUrl;
        this.secret = secret;
        this.limits = limits;
        this.ledger = ledger;
        this.clock = clock;
    }

    String token(String pageToken, String action) {
        return links.pageFormToken(pageToken, action, clock.instant().plus(FORM_LIFETIME).getEpochSecond());
    }

    boolean signed(String pageToken, String action, String given) {
        return links.isPageFormToken(pageToken, action, given, clock.instant().getEpochSecond());
    }

    boolean sameSite(String origin, String fetchSite, String host) {
        return FormPosts.sameSite(origin, fetchSite, host, trackingBaseUrl);
    }

    /**
     * Whether this post is within both limits. The source is the last address of {@code X-Forwarded-For}, the one API
     * Gateway itself added (the ones before it are the client's word).
     */
    boolean withinLimits(String pageToken, String forwardedFor) {
        var now = clock.instant();
        if (!limits.allow("page-token", pageToken, PER_TOKEN, WINDOW, now)) {
            return false;
        }
        String source = forwardedFor == null || forwardedFor.isBlank() ? "unknown"
                : forwardedFor.substring(forwardedFor.lastIndexOf(',') + 1).strip();
        return limits.allow("page-source", RateLimits.sourceKey(source, secret), PER_SOURCE, WINDOW, now);
    }

    /**
     * The channels the customer can be told on (a contact for them) and whether each is on now: the ledger's latest
     * choice, else the order's consent, as the sender decides.
     */
    Map<String, Boolean> current(Order order) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        Optional<String> customer = CustomerId.of(order.customer());
        Map<String, ConsentLedger.Entry> chosen = customer.map(ledger::current).orElse(Map.of());
        for (String channel : CHANNELS) {
            if (reachable(order, channel) || chosen.containsKey(channel)) {
                out.put(channel, chosen.containsKey(channel) ? chosen.get(channel).granted() : order.consent().allows(channel));
            }
        }
        return out;
    }

    /**
     * Records the customer's choice: {@code on} the channels to keep, every other shown one off (all off: the full
     * opt-out). Only changes are appended, with the words she was shown; false when the order names no customer.
     */
    boolean choose(Order order, List<String> on, String locale) {
        Optional<String> customer = CustomerId.of(order.customer());
        if (customer.isEmpty()) {
            return false;
        }
        var now = clock.instant();
        List<ConsentLedger.Entry> entries = new ArrayList<>();
        String text = io.kargotakip.aws.page.PageWords.builtIn().of(locale).get("preferences.intro");
        current(order).forEach((channel, was) -> {
            boolean wanted = on.contains(channel);
            if (wanted != was) {
                entries.add(new ConsentLedger.Entry(channel, wanted, now, ConsentLedger.TRACKING_PAGE, text));
            }
        });
        ledger.appendChanges(customer.get(), entries);
        return true;
    }

    private static boolean reachable(Order order, String channel) {
        Map<ContactKind, String> contacts = order.customer().contacts();
        return switch (channel) {
            case "email" -> contacts.containsKey(ContactKind.EMAIL);
            case "sms" -> contacts.containsKey(ContactKind.PHONE);
            case "whatsapp" -> contacts.containsKey(ContactKind.PHONE) || contacts.containsKey(ContactKind.WHATSAPP);
            case "push" -> contacts.containsKey(ContactKind.DEVICE_TOKEN);
            case "webpush" -> contacts.containsKey(ContactKind.WEB_PUSH_SUBSCRIPTION);
            default -> false;
        };
    }
}
