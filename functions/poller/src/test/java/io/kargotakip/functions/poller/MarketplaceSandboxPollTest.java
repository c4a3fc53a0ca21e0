package io.kargotakip.functions.poller;

import io.kargotakip.carriers.hepsiburada.HepsiburadaCarrier;
import io.kargotakip.carriers.hepsiburada.HepsiburadaTrackingClient;
import io.kargotakip.carriers.trendyol.TrendyolCarrier;
import io.kargotakip.carriers.trendyol.TrendyolTrackingClient;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.kargotakip.core.marketplace.MarketplacePackage;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.hepsiburada.HepsiburadaSandbox;
import io.kargotakip.emulators.trendyol.TrendyolSandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.kargotakip.emulators.trendyol.TrendyolSandbox.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The marketplace clients polling the sandboxes the demo uses, configured by the sandboxes' own settings: answers
 * set per order or package number, unknown ones "not found", outages unavailable; the sandboxes' push builders give
 * bodies the adapters read.
 */
@QuarkusTest
@QuarkusTestResource(value = MarketplaceSandboxes.class, restrictToAnnotatedClass = true)
class MarketplaceSandboxPollTest {

    @Inject
    TrendyolTrackingClient trendyolClient;

    @Inject
    HepsiburadaTrackingClient hepsiburadaClient;

    @Test
    void trendyol_sandbox_answers_per_order_number() throws Exception {
        TrendyolSandbox sandbox = MarketplaceSandboxes.trendyol;
        sandbox.answer("20000000001", TrendyolSandbox.page(List.of(
                TrendyolSandbox.pkg("20000000001", 1L, "Trendyol Express", "7280000000001",
                        List.of(scan("Created", "2026-11-24T07:00:00Z"), scan("Shipped", "2026-11-24T15:00:00Z"),
                                scan("Delivered", "2026-11-25T09:30:00Z"))),
                TrendyolSandbox.pkg("20000000001", 2L, "Aras Kargo", null, List.of(scan("Picking", "2026-11-24T08:00:00Z"))))));

        List<MarketplacePackage> packages = new TrendyolCarrier().packages(trendyolClient.fetch("20000000001"));

        assertThat(packages).extracting(MarketplacePackage::carrier).containsExactly("trendyol-express", "aras");
        assertThat(packages.get(0).events()).extracting(TrackingEvent::status)
                .containsExactly(TrackingStatus.LABEL_CREATED, TrackingStatus.IN_TRANSIT, TrackingStatus.DELIVERED);
        assertThat(packages.get(1).events()).isEmpty();
        assertThat(new TrendyolCarrier().parse(trendyolClient.fetch("29999999999"))).isEmpty();
        assertThat(sandbox.orderCalls("20000000001")).isEqualTo(1);

        sandbox.outage("20000000002");
        assertThatThrownBy(() -> trendyolClient.fetch("20000000002")).isInstanceOf(CarrierUnavailableException.class);
        assertThat(sandbox.orderCalls("20000000002")).isEqualTo(3);
    }

    @Test
    void trendyol_sandbox_pages_are_also_webhook_bodies() throws Exception {
        String body = TrendyolSandbox.page(List.of(TrendyolSandbox.pkg("20000000003", 3L, "Yurtiçi Kargo", "7330000000003",
                List.of(scan("UnDelivered", "2026-11-26T10:00:00Z")))));

        assertThat(new TrendyolCarrier().parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .singleElement().satisfies(e -> assertThat(e.status()).isEqualTo(TrackingStatus.FAILED_ATTEMPT));
    }

    @Test
    void hepsiburada_sandbox_answers_per_package_number() throws Exception {
        HepsiburadaSandbox sandbox = MarketplaceSandboxes.hepsiburada;
        sandbox.answer("700000001", HepsiburadaSandbox.packageAnswer("700000001", "6270000000011", "Delivered", "Aras Kargo",
                "3000000001", "https://kargotakip.araskargo.com.tr/mainpage.aspx?code=3000000001"));

        assertThat(new HepsiburadaCarrier().parse(hepsiburadaClient.fetch("700000001"))).singleElement().satisfies(e -> {
            assertThat(e.carrier()).isEqualTo("aras");
            assertThat(e.trackingNumber()).isEqualTo("3000000001");
            assertThat(e.status()).isEqualTo(TrackingStatus.DELIVERED);
        });
        assertThat(new HepsiburadaCarrier().parse(hepsiburadaClient.fetch("799999999"))).isEmpty();

        sandbox.outage("700000002");
        assertThatThrownBy(() -> hepsiburadaClient.fetch("700000002")).isInstanceOf(CarrierUnavailableException.class);
        assertThat(sandbox.packageCalls("700000002")).isEqualTo(3);
    }

    @Test
    void hepsiburada_sandbox_webhook_bodies_are_read() throws Exception {
        Instant at = Instant.parse("2026-11-26T10:00:00Z");
        HepsiburadaCarrier adapter = new HepsiburadaCarrier();

        assertThat(adapter.parse(bytes(HepsiburadaSandbox.intransit("700000003", "6270000000031", "176162533695",
                "http://selfservis.yurticikargo.com/reports/SSWDocumentDetail.aspx?DocId=176162533695", at))))
                .singleElement().satisfies(e -> assertThat(e.carrier()).isEqualTo("yurtici"));
        assertThat(adapter.parse(bytes(HepsiburadaSandbox.deliver("700000003", "6270000000031", at))))
                .singleElement().satisfies(e -> assertThat(e.status()).isEqualTo(TrackingStatus.DELIVERED));
        assertThat(adapter.parse(bytes(HepsiburadaSandbox.undeliver("700000003", "6270000000031", "Alıcı adreste bulunamadı", at))))
                .singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.RECIPIENT_ABSENT));
        assertThat(adapter.parse(bytes(HepsiburadaSandbox.unpack("700000004", "2819611600", at))))
                .singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.CANCELLED));
    }

    private static byte[] bytes(String json) {
        return json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
