package io.kargotakip.core.template;

import io.kargotakip.core.channel.Channel;
import io.kargotakip.core.channel.MessageForm;
import io.kargotakip.core.channel.OutboundMessage;
import io.kargotakip.core.channel.RenderContext;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.order.Order;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Fills a notification's template with the order, shipment, brand and link values: the variables are the same for
 * every channel, and the channel renders its own form from its own templates.
 */
public final class MessageComposer {

    private static final ZoneId TURKEY = ZoneId.of("Europe/Istanbul");

    /**
     * The variables every channel gets (the keys of each message's values): a channel's data that names a
     * variable (WhatsApp's template parameters) is checked against them at start-up.
     */
    public static final java.util.Set<String> VARIABLES = java.util.Set.of("brand", "first_name", "order_no", "carrier",
            "tracking_no", "eta", "status_date", "reason", "tracking_link", "reschedule_link", "address_link", "nps_link",
            "support_link", "optout_link", "open_pixel_link");

    private final TemplateCatalog templates;
    private final Brand brand;
    private final Links links;
    private final Function<String, String> carrierNames;

    public MessageComposer(TemplateCatalog templates, Brand brand, Function<String, String> carrierNames) {
        this.templates = templates;
        this.brand = brand;
        this.links = new Links(brand);
        this.carrierNames = carrierNames;
    }

    /** The message of {@code intent} for {@code recipient}, rendered by the channel that sends it. */
    public <F extends MessageForm> OutboundMessage<F> compose(NotificationIntent intent, Order order, Channel<F> channel, String recipient) {
        return compose(intent, order, channel, recipient, false);
    }

    /** @param conversationOpen the customer's service window on this channel is open (free-form messages may go) */
    public <F extends MessageForm> OutboundMessage<F> compose(NotificationIntent intent, Order order, Channel<F> channel, String recipient,
                                                              boolean conversationOpen) {
        String locale = localeOf(order);
        F content = channel.render(new RenderContext(intent.channel(), locale, intent.kind(), values(intent, order, locale), templates,
                conversationOpen));
        return new OutboundMessage<>(intent.notificationId(), recipient, content, links.optOut(intent.notificationId()));
    }

    /** As {@link #compose(NotificationIntent, Order, Channel, String)}, with only the channel's rendering (tests, previews). */
    public <F extends MessageForm> OutboundMessage<F> compose(NotificationIntent intent, Order order,
                                                              java.util.function.Function<RenderContext, F> renderer, String recipient) {
        String locale = localeOf(order);
        F content = renderer.apply(new RenderContext(intent.channel(), locale, intent.kind(), values(intent, order, locale), templates));
        return new OutboundMessage<>(intent.notificationId(), recipient, content, links.optOut(intent.notificationId()));
    }

    String localeOf(Order order) {
        String locale = order.customer() == null ? null : order.customer().locale();
        return locale == null ? brand.defaultLocale() : locale;
    }

    Map<String, String> values(NotificationIntent intent, Order order, String locale) {
        StatusChange change = intent.change();
        Properties words = words(locale);
        Locale javaLocale = Locale.forLanguageTag(locale);
        DateTimeFormatter date = DateTimeFormatter.ofPattern("d MMMM yyyy", javaLocale);
        Map<String, String> v = new HashMap<>();
        v.put("brand", brand.name());
        v.put("first_name", order.customer().firstName() == null ? words.getProperty("customer") : order.customer().firstName());
        v.put("order_no", order.orderNo() == null ? order.orderId() : order.orderNo());
        v.put("carrier", carrierNames.apply(intent.shipmentId().carrier()));
        v.put("tracking_no", intent.shipmentId().trackingNumber());
        v.put("eta", change.estimatedDelivery() == null ? words.getProperty("eta.unknown") : date.format(change.estimatedDelivery()));
        v.put("status_date", change.occurredAt() == null ? "" : date.format(change.occurredAt().atZone(TURKEY)));
        v.put("reason", change.reason() == null ? words.getProperty("reason.other")
                : words.getProperty("reason." + change.reason().wireName(), change.reason().wireName()));
        // tracked links: each records the click on the way to the tracking page (links.tracking / links.action)
        v.put("tracking_link", links.click(intent.notificationId()));
        v.put("reschedule_link", links.click(intent.notificationId(), "randevu"));
        v.put("address_link", links.click(intent.notificationId(), "adres"));
        v.put("nps_link", links.click(intent.notificationId(), "anket"));
        v.put("support_link", brand.supportUrl());
        v.put("optout_link", links.optOut(intent.notificationId()));
        // the e-mail layout's 1x1 image: an open is counted, never taken alone as "read" (image proxies fetch it)
        v.put("open_pixel_link", links.openPixel(intent.notificationId()));
        return v;
    }

    private static Properties words(String locale) {
        Properties p = new Properties();
        try (InputStream in = MessageComposer.class.getClassLoader().getResourceAsStream("templates/words_" + locale + ".properties")) {
            if (in != null) {
                p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
