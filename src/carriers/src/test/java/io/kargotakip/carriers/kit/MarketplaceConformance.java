package io.kargotakip.carriers.kit;

import io.kargotakip.carriers.marketplace.KnownCarriers;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.marketplace.MarketplaceAdapter;
import io.kargotakip.core.marketplace.MarketplacePackage;
import io.kargotakip.core.shipment.TrackingEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every marketplace adapter must do: everything {@link CarrierConformance} asks of a carrier, except that its
 * events belong to its packages' carriers (one of {@link KnownCarriers#IDS}) instead of to itself, plus what the
 * package view adds:
 * <ul>
 *   <li>{@code parse} is exactly the events of {@code packages}, in order;</li>
 *   <li>every package says it comes from this marketplace and has an order number; its events are of its own
 *       shipment ({@code carrier:trackingNumber}), and a package not yet trackable has none;</li>
 *   <li>error samples are rejected by {@code packages} too.</li>
 * </ul>
 */
public abstract class MarketplaceConformance extends CarrierConformance {

    @Override
    protected abstract MarketplaceAdapter adapter();

    /**
     * Whether the marketplace's own id may carry events: a marketplace whose key names one package (Hepsiburada's
     * package number) tracks, under it, the packages whose payload names no carrier we track. False by default.
     */
    protected boolean tracksPackagesItself() {
        return false;
    }

    @Override
    protected boolean eventBelongsHere(TrackingEvent event) {
        return KnownCarriers.IDS.contains(event.carrier()) || (tracksPackagesItself() && event.carrier().equals(adapter().id()));
    }

    @Test
    void parseGivesExactlyThePackagesEvents() throws Exception {
        for (Sample sample : samples()) {
            if (sample.expect() == Expect.ERROR) {
                continue;
            }
            List<TrackingEvent> fromPackages = adapter().packages(sample.payload()).stream()
                    .flatMap(p -> p.events().stream()).toList();
            assertThat(parse(sample.payload()).events()).as(sample.name()).containsExactlyElementsOf(fromPackages);
        }
    }

    @Test
    void everyPackageIsOfThisMarketplaceAndItsEventsAreOfItsShipment() throws Exception {
        for (Sample sample : samples()) {
            if (sample.expect() == Expect.ERROR) {
                continue;
            }
            for (MarketplacePackage p : adapter().packages(sample.payload())) {
                String what = sample.name() + " package " + p.packageId();
                assertThat(p.marketplace()).as(what).isEqualTo(adapter().id());
                assertThat(p.orderNumber()).as(what).isNotNull();
                if (!p.shipped()) {
                    assertThat(p.events()).as(what + ": not trackable, so no events").isEmpty();
                }
                for (TrackingEvent e : p.events()) {
                    assertThat(e.carrier()).as(what).isEqualTo(p.carrier());
                    assertThat(e.trackingNumber()).as(what).isEqualTo(p.trackingNumber());
                }
            }
        }
    }

    @Test
    void errorSamplesAreRejectedByPackagesToo() {
        for (Sample sample : samples()) {
            if (sample.expect() == Expect.ERROR) {
                assertThatThrownBy(() -> adapter().packages(sample.payload())).as(sample.name()).isInstanceOf(PayloadException.class);
            }
        }
    }
}
