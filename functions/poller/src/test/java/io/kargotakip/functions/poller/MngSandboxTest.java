package io.kargotakip.functions.poller;

import io.kargotakip.carriers.mng.MngCarrier;
import io.kargotakip.carriers.mng.MngTrackingClient;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.mng.MngSandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static io.kargotakip.emulators.mng.MngSandbox.scan;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MNG sandbox the demo and the bench use, with the product pointed at it by the sandbox's own settings: what it
 * answers is what the real client fetches and the adapter reads, so the sandbox cannot drift from MNG's formats as
 * the product reads them.
 */
@QuarkusTest
@QuarkusTestResource(value = MngSandboxTest.Sandbox.class, restrictToAnnotatedClass = true)
class MngSandboxTest {

    /** Runs the sandbox as a Quarkus test resource. */
    public static class Sandbox implements QuarkusTestResourceLifecycleManager {
        static volatile MngSandbox sandbox;

        @Override
        public Map<String, String> start() {
            sandbox = new MngSandbox();
            return sandbox.settings();
        }

        @Override
        public void stop() {
            sandbox.close();
        }
    }

    static final List<MngSandbox.Scan> SCANS = List.of(
            scan(1, "Gönderi hazırlandı", "2025-03-10T09:12:44", "İSTANBUL"),
            scan(3, "Teslimat birimine ulaştı", "2025-03-11T07:55:10", "ANKARA"),
            scan(6, "[K1] Teslim edilemedi - alıcı adreste yok", "2025-03-11T15:40:00", "ANKARA"));

    @Inject
    MngTrackingClient client;

    private final MngCarrier mng = new MngCarrier(false);

    @Test
    void the_product_polls_the_sandbox_with_its_token_and_reads_its_headline() throws Exception {
        MngSandbox sandbox = Sandbox.sandbox;
        sandbox.answer("SIP-77", MngSandbox.shipmentStatus("SIP-77", "401200000077", SCANS, LocalDate.of(2025, 3, 12)));

        List<TrackingEvent> events = mng.parse(client.fetch("sip-77"));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.trackingNumber()).isEqualTo("SIP-77");
            assertThat(e.alternateNumber()).isEqualTo("401200000077");
            assertThat(e.status()).isEqualTo(TrackingStatus.FAILED_ATTEMPT);
            assertThat(e.reason()).isEqualTo(Reason.RECIPIENT_ABSENT);
            assertThat(e.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-03-11T15:40:00+03:00"));
            assertThat(e.estimatedDelivery()).isEqualTo(LocalDate.of(2025, 3, 12));
        });
        assertThat(sandbox.trackCalls("SIP-77")).isEqualTo(1);
    }

    @Test
    void an_unknown_reference_and_an_outage() throws Exception {
        MngSandbox sandbox = Sandbox.sandbox;
        sandbox.notFound("SIP-404");
        sandbox.outage("SIP-503");

        assertThat(mng.parse(client.fetch("SIP-404"))).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.fetch("SIP-503"))
                .isInstanceOf(io.kargotakip.core.carrier.CarrierUnavailableException.class);
    }

    @Test
    void the_movement_list_and_the_legacy_data_set_read_as_the_same_scans() throws Exception {
        List<TrackingEvent> movements = mng.parse(MngSandbox.movements("SIP-77", "401200000077", SCANS)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(movements).extracting(TrackingEvent::status)
                .containsExactly(TrackingStatus.LABEL_CREATED, TrackingStatus.IN_TRANSIT, TrackingStatus.FAILED_ATTEMPT);
        assertThat(movements).extracting(TrackingEvent::location).containsExactly("İSTANBUL", "ANKARA", "ANKARA");

        TrackingEvent legacy = mng.parse(MngSandbox.legacyDataSet("SIP-77", "89470000077", SCANS)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).get(0);
        assertThat(legacy.carrierCode()).isEqualTo("SIPARIS_STATU/6/K1");
        assertThat(legacy.occurredAt()).isEqualTo(movements.get(2).occurredAt());
        assertThat(legacy.alternateNumber()).isEqualTo("89470000077");
    }
}
