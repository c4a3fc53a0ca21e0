package io.kargotakip.core.template;

import io.kargotakip.core.channel.Channel;
import io.kargotakip.core.channel.MessageForm;
import io.kargotakip.core.channel.OutboundMessage;
import io.kargotakip.core.channel.RenderContext;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.order.Purchase;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Fills a notification's template with the order, shipment, brand and link values: the variables are the same for
 * every channel, and the channel renders its own form from its own templates.
 */
public final class MessageComposer {

    private static final ZoneId TURKEY = ZoneId.of("Europe/Istanbul");

    /**
     * The action links a rule may offer ({@code offer:} in the rules file) and the variable that carries each: a
     * template shows one only under its flag, {@code {#if offers_<link>}}, which is {@code true} when the message's
     * rule offers it and empty otherwise.
     */
    public static final Map<String, String> OFFERED_LINKS = Map.of("reschedule", "reschedule_link", "new_address", "address_link",
            "address_confirmation", "address_confirm_link", "cod_confirmation", "cod_confirm_link", "support", "support_link",
            "nps_survey", "nps_link", "return_exchange", "return_link");

    /**
     * What a message without the rule's details offers (one queued before the rules carried them): the links the shipped
     * default rules offer for its kind, so such a message shows what it always showed.
     */
    static final Map<String, List<String>> DEFAULT_OFFERS = Map.of(
            "out_for_delivery", List.of("reschedule"),
            "delivered", List.of("nps_survey", "return_exchange"),
            "failed_attempt", List.of("new_address"),
            "delayed", List.of("support"),
            "vip_support", List.of("support", "reschedule"),
            "cod_delivery_day", List.of("cod_confirmation"),
            "address_problem", List.of("new_address"),
            "address_reminder", List.of("new_address"),
            "delay_apology", List.of("support"));

    /**
     * The variables every channel gets (the keys of each message's values): a channel's data that names a
     * variable (WhatsApp's template parameters) is checked against them at start-up, and so is every template
     * ({@link TemplateCheck}). One absent for a message (a prepaid order's {@code cod_amount}, a message without a
     * discount) is an empty string, so a template can {@code {#if}} on it while rendering stays strict.
     */
    public static final Set<String> VARIABLES = variables();

    private static Set<String> variables() {
        Set<String> names = new TreeSet<>(List.of("brand", "first_name", "order_no", "carrier",
                "tracking_no", "eta", "status_date", "reason", "tracking_link", "reschedule_link", "address_link", "nps_link",
                "support_link", "optout_link", "open_pixel_link", "cod_amount", "pos_info", "discount_code", "discount_percent",
                "cod_confirm_link", "address_confirm_link", "return_link", "parcels_delivered", "parcels_total", "parcels_all", "note"));
        OFFERED_LINKS.keySet().forEach(link -> names.add(flag(link)));
        return Set.copyOf(names);
    }

    /** The flag a template tests to show an offered link: {@code offers_nps_survey}. */
    public static String flag(String link) {
        return "offers_" + link;
    }

    private final java.util.function.Supplier<TemplateCatalog> templates;
    private final Brand brand;
    private final Links links;
    private final Function<String, String> carrierNames;

    public MessageComposer(TemplateCatalog templates, Brand brand, Function<String, String> carrierNames) {
        this(() -> templates, brand, carrierNames);
    }

    /** @param templates the catalog in use, asked once per message: a merchant's overrides may be swapped without a restart */
    public MessageComposer(java.util.function.Supplier<TemplateCatalog> templates, Brand brand, Function<String, String> carrierNames) {
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
        F content = channel.render(new RenderContext(intent.channel(), locale, intent.kind(), values(intent, order, locale), templates.get(),
                conversationOpen, variantOf(intent)));
        return new OutboundMessage<>(intent.notificationId(), recipient, content, links.optOut(intent.notificationId()));
    }

    /** As {@link #compose(NotificationIntent, Order, Channel, String)}, with only the channel's rendering (tests, previews). */
    public <F extends MessageForm> OutboundMessage<F> compose(NotificationIntent intent, Order order,
                                                              java.util.function.Function<RenderContext, F> renderer, String recipient) {
        String locale = localeOf(order);
        F content = renderer.apply(new RenderContext(intent.channel(), locale, intent.kind(), values(intent, order, locale), templates.get(),
                false, variantOf(intent)));
        return new OutboundMessage<>(intent.notificationId(), recipient, content, links.optOut(intent.notificationId()));
    }

    /** The A/B variant the rule engine gave the message's shipment, null when its kind has no experiment. */
    private static String variantOf(NotificationIntent intent) {
        return intent.details() == null ? null : intent.details().variant();
    }

    /** The customer's locale, else the delivery country's, else the brand's default ({@link Locales}). */
    public String localeOf(Order order) {
        return Locales.builtIn().of(order, brand.defaultLocale());
    }

    Map<String, String> values(NotificationIntent intent, Order order, String locale) {
        StatusChange change = intent.change();
        Properties words = words(locale);
        Locale javaLocale = Locale.forLanguageTag(locale);
        DateTimeFormatter date = DateTimeFormatter.ofPattern("d MMMM yyyy", javaLocale);
        NotificationIntent.Details details = intent.details();
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
        v.put("cod_confirm_link", links.click(intent.notificationId(), "odeme-teyit"));
        v.put("address_confirm_link", links.click(intent.notificationId(), "adres-teyit"));
        v.put("return_link", links.click(intent.notificationId(), "iade"));
        v.put("support_link", brand.supportUrl());
        v.put("optout_link", links.optOut(intent.notificationId()));
        // the e-mail layout's 1x1 image: an open is counted, never taken alone as "read" (image proxies fetch it)
        v.put("open_pixel_link", links.openPixel(intent.notificationId()));
        v.put("cod_amount", codAmount(order, locale));
        v.put("pos_info", posInfo(locale));
        v.put("discount_code", details == null || details.discountCode() == null ? "" : details.discountCode());
        v.put("discount_percent", details == null || details.discountPercent() == null ? "" : String.valueOf(details.discountPercent()));
        // an order in several parcels: how many are delivered, "" for one parcel (a template's {#if parcels_total})
        NotificationIntent.Parcels parcels = details == null ? null : details.parcels();
        v.put("parcels_delivered", parcels == null ? "" : String.valueOf(parcels.delivered()));
        v.put("parcels_total", parcels == null ? "" : String.valueOf(parcels.total()));
        v.put("parcels_all", parcels != null && parcels.all() ? "true" : "");
        // operations' note from the approval queue (ProposalEdit): empty for a message nobody edited
        v.put("note", details == null || details.note() == null ? "" : details.note());
        List<String> offered = details == null ? DEFAULT_OFFERS.getOrDefault(intent.kind().templateName(), List.of()) : details.links();
        OFFERED_LINKS.keySet().forEach(link -> v.put(flag(link), offered.contains(link) ? "true" : ""));
        return v;
    }

    /** The {@code cod_amount} of messages: what the customer pays at the door, in their language; empty for a prepaid order. */
    public String codAmount(Order order, String locale) {
        Purchase purchase = order.purchase();
        return purchase.cod() ? money(purchase.codAmount(), purchase.currency(), locale) : "";
    }

    /** The {@code pos_info} of messages: the brand's words on paying at the door ({@code KARGO_POS_INFO}), else the locale's. */
    public String posInfo(String locale) {
        return brand.posInfo() != null ? brand.posInfo() : words(locale).getProperty("pos_info", "");
    }

    /**
     * An amount as the customer's language writes it: {@code 1.249,90 TL} in Turkish (the lira as TL, after the
     * amount), {@code TRY 1,249.90} in English (the ISO code first).
     */
    static String money(BigDecimal amount, String currency, String locale) {
        boolean turkish = "tr".equals(locale);
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(turkish ? Locale.forLanguageTag("tr") : Locale.ENGLISH);
        DecimalFormat format = new DecimalFormat("#,##0.00", symbols);
        String number = format.format(amount);
        String code = currency == null ? "" : currency;
        if (turkish) {
            return (number + " " + ("TRY".equals(code) ? "TL" : code)).strip();
        }
        return (code + " " + number).strip();
    }

    static Properties words(String locale) {
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
