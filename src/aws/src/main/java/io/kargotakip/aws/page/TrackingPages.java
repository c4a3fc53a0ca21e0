package io.kargotakip.aws.page;

import io.kargotakip.aws.store.AnswerLog;
import io.kargotakip.aws.store.EventLog;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.aws.store.SelfServiceLog;
import io.kargotakip.core.address.ProvinceCentres;
import io.kargotakip.core.carrier.CarrierAdapter;
import io.kargotakip.core.carrier.CarrierRegistry;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.ShipmentState;
import io.kargotakip.core.shipment.TrackingStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The tracking page of a shipment, found by its random page token: the shipment, its order, its canonical timeline,
 * what its messages asked and the customer answered, and what the customer did on the page, turned into a
 * {@link PageView} in the customer's language. A token that names nothing (never issued, revoked, or of a shipment
 * whose history is past the timeline retention) costs the same reads as one that does, so the time of the answer does
 * not tell whether a shipment exists.
 */
public final class TrackingPages {

    /** A token resolved: the shipment as stored and its order (null while no order names it). */
    public record Resolved(String token, ShipmentRepository.Stored shipment, Order order) {
        public ShipmentId id() {
            return shipment.state().id();
        }
    }

    // a shipment id no carrier issues: the reads a miss makes so it takes as long as a hit
    private static final ShipmentId NOBODY = new ShipmentId("none", "0");
    private static final String NO_ORDER = "-";

    private final ShipmentRepository shipments;
    private final OrderRepository orders;
    private final EventLog events;
    private final Function<List<ShipmentId>, List<AnswerLog.Answer>> answers;
    private final Function<ShipmentId, SelfServiceLog.Found> selfService;
    private final CarrierRegistry carriers;
    private final PageSettings settings;
    private final String brandName;
    private final String brandLocale;
    private final Duration timelineRetention;
    private final ProvinceCentres centres;
    private final java.util.concurrent.Executor reads;
    private final Clock clock;

    /**
     * @param answers     the answers to a shipment's messages ({@code CustomerAnswers.ofShipments})
     * @param selfService what the page's own forms recorded of a shipment
     * @param reads       where the page's independent reads run at once (timeline, answers, self-service): a view costs
     *                    the longest of them, not their sum
     */
    public TrackingPages(ShipmentRepository shipments, OrderRepository orders, EventLog events,
                         Function<List<ShipmentId>, List<AnswerLog.Answer>> answers, Function<ShipmentId, SelfServiceLog.Found> selfService,
                         CarrierRegistry carriers, PageSettings settings, String brandName, String brandLocale, Duration timelineRetention,
                         java.util.concurrent.Executor reads, Clock clock) {
        this.shipments = shipments;
        this.orders = orders;
        this.events = events;
        this.answers = answers;
        this.selfService = selfService;
        this.carriers = carriers;
        this.settings = settings;
        this.brandName = brandName;
        this.brandLocale = brandLocale;
        this.timelineRetention = timelineRetention;
        this.centres = ProvinceCentres.builtIn();
        this.reads = reads;
        this.clock = clock;
    }

    public PageSettings settings() {
        return settings;
    }

    /** The shipment a page token names, if it names one that may still be shown. */
    public Optional<Resolved> resolve(String token) {
        Optional<ShipmentId> id = token == null || token.length() > 64 ? Optional.empty() : shipments.findByPageToken(token);
        Optional<ShipmentRepository.Stored> stored = shipments.findStored(id.orElse(NOBODY));
        Optional<Order> order = orders.find(stored.map(s -> s.state().orderId()).filter(o -> o != null).orElse(NO_ORDER));
        if (id.isEmpty() || stored.isEmpty()) {
            return Optional.empty();
        }
        Instant last = stored.get().state().lastEventAt();
        if (last != null && last.plus(timelineRetention).isBefore(clock.instant())) {
            return Optional.empty(); // its history is gone: the page would show nothing true
        }
        return Optional.of(new Resolved(token, stored.get(), order.orElse(null)));
    }

    /**
     * What a miss reads besides the index, so its answer takes the time a hit's does: a hit reads the timeline beside
     * the answers (a query, then a batch read) and the self-service items; a miss makes the same two steps.
     */
    public void readAsIfFound() {
        var timeline = CompletableFuture.runAsync(() -> events.timeline(NOBODY, clock.instant()), reads);
        answers.apply(List.of(NOBODY));
        selfService.apply(NOBODY);
        timeline.join();
    }

    /** The locale the page of {@code resolved} speaks: the switch's, the customer's, the browser's, the brand's. */
    public String locale(Resolved resolved, String switched, String acceptLanguage) {
        String customers = resolved == null || resolved.order() == null ? null : resolved.order().customer().locale();
        return PageWords.choose(switched, customers, acceptLanguage, brandLocale);
    }

    public String locale(String switched, String acceptLanguage) {
        return PageWords.choose(switched, null, acceptLanguage, brandLocale);
    }

    /** The page of a resolved token in {@code locale}. */
    public PageView view(Resolved resolved, String locale) {
        Instant now = clock.instant();
        PageWords.Words w = PageWords.builtIn().of(locale);
        ShipmentState state = resolved.shipment().state();
        ShipmentId id = state.id();
        ZoneId zone = zone(resolved.order());
        var timelineRead = CompletableFuture.supplyAsync(() -> events.timeline(id, now), reads);
        var selfRead = CompletableFuture.supplyAsync(() -> selfService.apply(id), reads);
        var answersRead = CompletableFuture.supplyAsync(() -> answers.apply(List.of(id)), reads);
        List<EventLog.TimelineEvent> timeline = join(timelineRead);
        SelfServiceLog.Found self = join(selfRead);
        String base = "/t/" + resolved.token();
        String lang = "?lang=" + locale;

        TrackingStatus status = state.status();
        String code = status == null || status == TrackingStatus.UNKNOWN ? "none" : status.wireName();
        String reason = state.reason() == null ? w.get("reason.none") : w.get("reason." + state.reason().wireName());
        String headline = w.get("status." + code);
        String detail = w.format("status." + code + ".detail", Map.of("reason", reason));
        boolean attention = status == TrackingStatus.FAILED_ATTEMPT || status == TrackingStatus.DELAYED || status == TrackingStatus.EXCEPTION;

        List<PageView.Step> steps = new ArrayList<>();
        for (EventLog.TimelineEvent e : timeline) {
            String text = w.get("status." + e.status().wireName());
            if (e.reason() != null && (e.status() == TrackingStatus.FAILED_ATTEMPT || e.status() == TrackingStatus.DELAYED
                    || e.status() == TrackingStatus.EXCEPTION)) {
                text = text + " · " + w.get("reason." + e.reason().wireName());
            }
            steps.add(new PageView.Step(PageWords.time(e.occurredAt().atZone(zone), locale), e.occurredAt().toString(), e.status().wireName(),
                    text, e.location()));
        }
        java.util.Collections.reverse(steps); // newest first, as a customer reads it

        // the estimate and how it moved: each scan that gave a different date than the one before
        List<String> etaChanges = new ArrayList<>();
        LocalDate previous = null;
        for (EventLog.TimelineEvent e : timeline) {
            if (e.estimatedDelivery() != null) {
                if (previous != null && !previous.equals(e.estimatedDelivery())) {
                    etaChanges.add(w.format("eta.changed", Map.of("from", PageWords.day(previous, locale), "to",
                            PageWords.day(e.estimatedDelivery(), locale))));
                }
                previous = e.estimatedDelivery();
            }
        }
        LocalDate eta = state.estimatedDelivery();
        boolean showEta = eta != null && status != null && status.phase() < TrackingStatus.DELIVERED.phase();

        Optional<CarrierAdapter> carrier = carriers.find(id.carrier());
        String number = resolved.shipment().alternateNumber() != null ? resolved.shipment().alternateNumber() : id.trackingNumber();
        String carrierLink = carrier.flatMap(c -> c.trackingLink(number)).orElse(null);

        boolean delivered = status == TrackingStatus.DELIVERED;
        boolean open = status == null || !status.isTerminal() && !delivered;
        List<PageView.Action> actions = new ArrayList<>();
        if (open) {
            actions.add(new PageView.Action("adres", w.get("action.adres"), base + "/adres" + lang));
            actions.add(new PageView.Action("randevu", w.get("action.randevu"), base + "/randevu" + lang));
        }
        if (delivered) {
            actions.add(new PageView.Action("anket", w.get("action.anket"), base + "/anket" + lang));
        }
        if (resolved.order() != null) {
            actions.add(new PageView.Action("tercihler", w.get("action.tercihler"), base + "/tercihler" + lang));
        }

        List<String> notes = new ArrayList<>();
        self.address().ifPresent(a -> notes.add(w.format(a.pending() ? "address.pending" : "address.confirmed",
                Map.of("address", a.address().oneLine()))));
        self.reschedule().filter(d -> open).ifPresent(d -> notes.add(w.format("reschedule.saved", Map.of("day", PageWords.day(d.day(), locale)))));
        self.nps().ifPresent(n -> notes.add(w.format("nps.thanks", Map.of("score", String.valueOf(n.score())))));
        for (AnswerLog.Answer a : join(answersRead)) {
            String key = "answer." + a.question() + "." + a.answer();
            if (!w.get(key).equals(key)) {
                notes.add(w.get(key));
            }
        }

        List<PageView.Contact> support = new ArrayList<>();
        PageSettings.Support s = settings.support();
        s.whatsapp().ifPresent(v -> support.add(new PageView.Contact("whatsapp", w.get("support.whatsapp"), base + "/git/destek-whatsapp")));
        s.phone().ifPresent(v -> support.add(new PageView.Contact("phone", w.get("support.phone"), base + "/git/destek-telefon")));
        s.email().ifPresent(v -> support.add(new PageView.Contact("email", w.get("support.email"), base + "/git/destek-eposta")));
        s.chatUrl().ifPresent(v -> support.add(new PageView.Contact("chat", w.get("support.chat"), base + "/git/destek-canli")));

        List<PageView.Question> faq = settings.faq().stream().map(f -> new PageView.Question(f.question().get(locale), f.answer().get(locale))).toList();
        List<PageView.Offer> upsell = settings.upsell().stream().map(u -> new PageView.Offer(u.id(), u.title().get(locale),
                u.imageUrl().orElse(null), u.price().orElse(null), base + "/git/urun-" + u.id())).toList();
        String returnLink = delivered && settings.returnUrl().isPresent() ? base + "/iade" : null;

        return new PageView(resolved.token(), locale, locale.equals("tr") ? "en" : "tr", brandName, settings.logoUrl().orElse(null),
                resolved.order() == null || resolved.order().orderNo() == null ? null : w.format("order", Map.of("order_no", resolved.order().orderNo())),
                code, headline, detail, attention, stages(status, w), steps, showEta ? PageWords.day(eta, locale) : null,
                showEta ? eta.toString() : null, etaChanges, carrier.map(CarrierAdapter::displayName).orElse(id.carrier()), number, carrierLink,
                map(state, timeline, self, w), support, faq, upsell, returnLink, actions, notes, w,
                settings.tiles().map(PageSettings.Tiles::url).orElse(null), settings.tiles().map(PageSettings.Tiles::attribution).orElse(null));
    }

    /** A read's result, or its own exception (a store that failed), not a wrapper of it. */
    private static <T> T join(CompletableFuture<T> read) {
        try {
            return read.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /**
     * Where a counted link of the page leads ({@code destek-whatsapp}, {@code urun-<id>}, …): computed from the
     * configuration, never read from the request, so the page is no open redirect. Empty for a name that is none.
     */
    public Optional<String> target(String name) {
        PageSettings.Support s = settings.support();
        return switch (name) {
            case "destek-whatsapp" -> s.whatsapp().map(p -> "https://wa.me/" + p.substring(1));
            case "destek-telefon" -> s.phone().map(p -> "tel:" + p);
            case "destek-eposta" -> s.email().map(e -> "mailto:" + e);
            case "destek-canli" -> s.chatUrl();
            default -> name.startsWith("urun-") ? settings.upsell().stream().filter(u -> ("urun-" + u.id()).equals(name))
                    .map(PageSettings.Upsell::url).findFirst() : Optional.empty();
        };
    }

    /** The analytics kind of a counted link: {@code support_click} or {@code upsell_click}. */
    public static String clickKind(String name) {
        return name.startsWith("urun-") ? "upsell_click" : "support_click";
    }

    private static List<PageView.Stage> stages(TrackingStatus status, PageWords.Words w) {
        int at = status == null || status == TrackingStatus.UNKNOWN || status == TrackingStatus.LABEL_CREATED ? 0
                : status == TrackingStatus.OUT_FOR_DELIVERY || status == TrackingStatus.AVAILABLE_FOR_PICKUP ? 2
                : status == TrackingStatus.DELIVERED ? 3 : status.phase() > TrackingStatus.DELIVERED.phase() ? -1 : 1;
        if (at < 0) {
            return List.of(); // a return: the steps towards the customer no longer apply
        }
        List<String> labels = List.of("status.label_created", "status.in_transit", "status.out_for_delivery", "status.delivered");
        List<PageView.Stage> stages = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            stages.add(new PageView.Stage(w.get(labels.get(i)), i <= at, i == at));
        }
        return stages;
    }

    private PageView.MapView map(ShipmentState state, List<EventLog.TimelineEvent> timeline, SelfServiceLog.Found self, PageWords.Words w) {
        String place = state.location();
        for (int i = timeline.size() - 1; place == null && i >= 0; i--) {
            place = timeline.get(i).location();
        }
        PageView.Point last = place == null ? null : point(w.format("map.last", Map.of("place", place)), centres.locate(place));
        PageView.Point destination = self.address().map(c -> c.address()).map(a -> point(w.format("map.destination",
                Map.of("place", a.district() + ", " + a.province())), centres.ofProvince(a.province()))).orElse(null);
        return last == null && destination == null ? null : new PageView.MapView(last, destination);
    }

    // the page's own sketch: Turkey's box (26°–45° E, 35.8°–42.2° N) on a 400 × 180 drawing
    static final double WEST = 25.6;
    static final double EAST = 45.0;
    static final double SOUTH = 35.7;
    static final double NORTH = 42.3;

    static int x(double longitude) {
        return (int) Math.round((longitude - WEST) / (EAST - WEST) * 400);
    }

    static int y(double latitude) {
        return (int) Math.round((NORTH - latitude) / (NORTH - SOUTH) * 180);
    }

    private static PageView.Point point(String label, Optional<ProvinceCentres.Centre> centre) {
        return centre.map(c -> new PageView.Point(label, c.latitude(), c.longitude(), x(c.longitude()), y(c.latitude())))
                .orElse(new PageView.Point(label, null, null, -1, -1));
    }

    /** Every province capital as a dot of the sketch, which draws the country's shape without any map data. */
    public List<int[]> sketch() {
        return centres.all().stream().map(c -> new int[] {x(c.longitude()), y(c.latitude())}).toList();
    }

    /** The customer's zone: Istanbul's for Turkey and an order without a country, else the country's main zone. */
    static ZoneId zone(Order order) {
        String country = order == null ? null : order.shipToCountry();
        if (country == null || country.equals("TR")) {
            return ZoneId.of("Europe/Istanbul");
        }
        return COUNTRY_ZONES.getOrDefault(country, ZoneId.of("Europe/Istanbul"));
    }

    // the delivery countries of Turkish merchants' cross-border orders with a single zone; others read Istanbul's time
    private static final Map<String, ZoneId> COUNTRY_ZONES = Map.ofEntries(
            Map.entry("DE", ZoneId.of("Europe/Berlin")), Map.entry("NL", ZoneId.of("Europe/Amsterdam")), Map.entry("BE", ZoneId.of("Europe/Brussels")),
            Map.entry("FR", ZoneId.of("Europe/Paris")), Map.entry("AT", ZoneId.of("Europe/Vienna")), Map.entry("GB", ZoneId.of("Europe/London")),
            Map.entry("CY", ZoneId.of("Asia/Nicosia")), Map.entry("AZ", ZoneId.of("Asia/Baku")), Map.entry("GE", ZoneId.of("Asia/Tbilisi")),
            Map.entry("BG", ZoneId.of("Europe/Sofia")), Map.entry("GR", ZoneId.of("Europe/Athens")), Map.entry("IT", ZoneId.of("Europe/Rome")),
            Map.entry("CH", ZoneId.of("Europe/Zurich")), Map.entry("SE", ZoneId.of("Europe/Stockholm")), Map.entry("AE", ZoneId.of("Asia/Dubai")),
            Map.entry("SA", ZoneId.of("Asia/Riyadh")), Map.entry("IQ", ZoneId.of("Asia/Baghdad")));
}
