package io.kargotakip.aws.page;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one shipment's tracking page shows, in the customer's language, ready for a template: every text is already in
 * words and every time in the customer's zone. {@link #json()} is the same data for the merchant's own site or app.
 * Nothing in it names the customer: the page is open to whoever holds its link.
 *
 * @param token       the page token (the page's own links and forms use it)
 * @param locale      {@code tr} or {@code en}
 * @param switchTo    the other locale, for the language switch
 * @param statusCode  the canonical status ({@code none} before the first scan)
 * @param attention   whether the status needs the customer's attention (a failed attempt, a delay, a problem)
 * @param stages      the four steps of the progress bar
 * @param etaChanges  how the estimated delivery moved, oldest first, in words
 * @param map         what the map shows; null when no place is known
 * @param notes       what the customer did here or answered (a new address pending, a chosen day, a COD answer)
 */
public record PageView(String token, String locale, String switchTo, String brandName, String logoUrl, String orderNo,
                       String statusCode, String headline, String detail, boolean attention, List<Stage> stages,
                       List<Step> timeline, String eta, String etaDate, List<String> etaChanges,
                       String carrierName, String trackingNumber, String carrierLink, MapView map,
                       List<Contact> support, List<Question> faq, List<Offer> upsell, String returnLink,
                       List<Action> actions, List<String> notes, PageWords.Words words, String tilesUrl, String tilesAttribution) {

    /** A step of the progress bar: prepared, on its way, out for delivery, delivered. */
    public record Stage(String label, boolean done, boolean current) {
    }

    /** A scan: its time in the customer's zone (and as an instant, for machines), what happened, where. */
    public record Step(String time, String at, String status, String text, String place) {
    }

    /** The map: the last place the parcel was seen and the delivery district, each with a province's coordinates. */
    public record MapView(Point last, Point destination) {
    }

    /** A place on the map, in words and (when its province is known) coordinates; x and y on the page's own sketch. */
    public record Point(String label, Double latitude, Double longitude, int x, int y) {
    }

    /** A support contact: the kind ({@code whatsapp}, {@code phone}, {@code email}, {@code chat}), its words, its counted link. */
    public record Contact(String kind, String label, String href) {
    }

    public record Question(String question, String answer) {
    }

    /** An upsell product: its click goes through {@code href}, which counts it. */
    public record Offer(String id, String title, String imageUrl, String price, String href) {
    }

    /** A self-service page of this shipment offered now. */
    public record Action(String name, String label, String href) {
    }

    /** A word of the page's vocabulary, for the template. */
    public String t(String key) {
        return words.get(key);
    }

    /** The page's data for the merchant's site or app: codes and instants beside the words; no link tokens but the page's. */
    public Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("locale", locale);
        out.put("brand", brandName);
        out.put("orderNo", orderNo);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("code", statusCode);
        status.put("headline", headline);
        status.put("detail", detail);
        out.put("status", status);
        out.put("estimatedDelivery", etaDate == null ? null : Map.of("date", etaDate, "text", eta));
        out.put("estimateChanges", etaChanges);
        Map<String, Object> carrier = new LinkedHashMap<>();
        carrier.put("name", carrierName);
        carrier.put("trackingNumber", trackingNumber);
        carrier.put("link", carrierLink);
        out.put("carrier", carrier);
        out.put("timeline", timeline.stream().map(s -> {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("at", s.at());
            step.put("status", s.status());
            step.put("text", s.text());
            step.put("place", s.place());
            return step;
        }).toList());
        if (map != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("last", point(map.last()));
            m.put("destination", point(map.destination()));
            out.put("map", m);
        }
        out.put("actions", actions.stream().map(a -> Map.of("name", a.name(), "label", a.label(), "href", a.href())).toList());
        out.put("notes", notes);
        return out;
    }

    private static Map<String, Object> point(Point p) {
        if (p == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("label", p.label());
        out.put("latitude", p.latitude());
        out.put("longitude", p.longitude());
        return out;
    }
}
