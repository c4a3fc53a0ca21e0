package io.kargotakip.functions.trackingpage;

import io.kargotakip.aws.page.PageSettings;
import io.kargotakip.aws.page.PageView;
import io.kargotakip.aws.page.PageWords;
import io.kargotakip.aws.page.TrackingPages;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * What surrounds every page (brand, assets, language switch, the map's sketch) and the headers every page answers
 * with: a strict Content-Security-Policy (scripts, styles and requests only from this site, images also from the
 * origins the merchant configured, no framing, forms only to this site), no caching, no referrer beyond this site.
 */
final class Frames {

    private final String brandName;
    private final PageSettings settings;
    private final Assets assets;
    private final List<Pages.Dot> dots;
    private final String csp;

    Frames(String brandName, PageSettings settings, TrackingPages pages) {
        this.brandName = brandName;
        this.settings = settings;
        this.assets = new Assets(settings);
        this.dots = pages.sketch().stream().map(d -> new Pages.Dot(d[0], d[1])).toList();
        String images = String.join(" ", settings.imageOrigins());
        this.csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:" + (images.isEmpty() ? "" : " " + images)
                + "; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    }

    Assets assets() {
        return assets;
    }

    String csp() {
        return csp;
    }

    /** The frame of a shipment's page ({@code path}: the page's own path after {@code /t/<token>}, for the switch). */
    Pages.Frame of(PageView v, String path) {
        PageWords.Words w = PageWords.builtIn().of(v.locale());
        boolean leaflet = settings.tiles().isPresent() && v.map() != null;
        return new Pages.Frame(brandName, settings.logoUrl().orElse(null), assets.theme, assets.css, assets.js, leaflet, assets.leafletCss,
                assets.leafletJs, "/t/" + v.token() + path + "?lang=" + v.switchTo(), v.switchTo(), w.get("lang.switch"), w.get("skip"),
                w.get("footer"), dots, leaflet ? mapPoints(v.map()) : "[]", settings.colours().primary());
    }

    /** The frame of a page that names no shipment (not found): no switch, no map. */
    Pages.Frame plain(String locale) {
        PageWords.Words w = PageWords.builtIn().of(locale);
        return new Pages.Frame(brandName, settings.logoUrl().orElse(null), assets.theme, assets.css, assets.js, false, null, null, null,
                null, null, w.get("skip"), w.get("footer"), List.of(), "[]", settings.colours().primary());
    }

    /** The one page of every link that leads nowhere, in {@code locale}: 404, the same body for every token. */
    Response notFound(String locale) {
        PageWords.Words w = PageWords.builtIn().of(locale);
        return html(404, Pages.Templates.notFound(locale, w.get("not_found.title"), w.get("not_found"), plain(locale)).render());
    }

    Response html(int status, String html) {
        return Response.status(status).entity(html).type(MediaType.TEXT_HTML + ";charset=utf-8")
                .header("Content-Security-Policy", csp).header("Cache-Control", "no-store").header("Referrer-Policy", "same-origin")
                .header("X-Content-Type-Options", "nosniff").header("X-Frame-Options", "DENY").build();
    }

    /**
     * The response with {@code Server-Timing: page;dur=<ms>}, the function's own time for it (what {@code ./kargo bench}
     * reports, apart from the network and API Gateway); durations only, nothing of what the page holds.
     */
    static Response timed(Response response, long startNanos) {
        double ms = (System.nanoTime() - startNanos) / 1_000_000.0;
        return Response.fromResponse(response).header("Server-Timing", String.format(java.util.Locale.ROOT, "page;dur=%.1f", ms)).build();
    }

    private static String mapPoints(PageView.MapView map) {
        StringBuilder out = new StringBuilder("[");
        for (PageView.Point p : new PageView.Point[] {map.last(), map.destination()}) {
            if (p != null && p.latitude() != null) {
                out.append(out.length() > 1 ? "," : "").append("{\"lat\":").append(p.latitude()).append(",\"lon\":").append(p.longitude())
                        .append(",\"label\":").append(io.kargotakip.aws.Json.write(p.label())).append('}');
            }
        }
        return out.append(']').toString();
    }
}
