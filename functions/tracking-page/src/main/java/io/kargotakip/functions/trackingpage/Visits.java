package io.kargotakip.functions.trackingpage;

import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.template.LinkPreviews;

import java.util.function.BiConsumer;

/**
 * The page's analytics events (a view, a support or product click, an action), counted for the KPIs: ids and kinds
 * only. A link preview or crawler fetching the page is not a customer and counts nothing.
 */
final class Visits {

    private final BiConsumer<ShipmentId, String> store;
    private final LinkPreviews previews;
    private final Metrics metrics;
    private final java.util.concurrent.Executor writes;

    Visits(BiConsumer<ShipmentId, String> store, LinkPreviews previews, Metrics metrics, java.util.concurrent.Executor writes) {
        this.store = store;
        this.previews = previews;
        this.metrics = metrics;
        this.writes = writes;
    }

    void record(ShipmentId shipment, String kind, String userAgent) {
        started(shipment, kind, userAgent).join();
    }

    /**
     * Starts counting beside whatever the caller reads meanwhile; the caller joins it before answering (a Lambda is
     * frozen after its answer, so nothing may be left running).
     */
    java.util.concurrent.CompletableFuture<Void> started(ShipmentId shipment, String kind, String userAgent) {
        if (previews.isPreview(userAgent)) {
            metrics.count("TrackingPagePreviews");
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
        var stored = java.util.concurrent.CompletableFuture.runAsync(() -> store.accept(shipment, kind), writes);
        metrics.count(switch (kind) {
            case "view" -> "TrackingPageViews";
            case "support_click" -> "TrackingPageSupportClicks";
            case "upsell_click" -> "TrackingPageUpsellClicks";
            default -> "TrackingPageActions";
        });
        return stored;
    }
}
