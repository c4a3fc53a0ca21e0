package io.kargotakip.functions.poller;

import io.kargotakip.carriers.aras.ArasCarrier;
import io.kargotakip.carriers.aras.ArasTrackingClient;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.aras.ArasSandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static io.kargotakip.emulators.aras.ArasSandbox.devir;
import static io.kargotakip.emulators.aras.ArasSandbox.returned;
import static io.kargotakip.emulators.aras.ArasSandbox.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Aras client against {@link ArasSandbox}: the sandbox answers batches as Aras would, row per MÖK asked. */
@QuarkusTest
@QuarkusTestResource(value = ArasSandboxStub.class, restrictToAnnotatedClass = true)
class ArasSandboxClientTest {

    @Inject
    ArasTrackingClient client;

    final ArasCarrier aras = new ArasCarrier();

    @Test
    void a_batch_gets_exactly_the_rows_of_the_codes_asked_that_aras_knows() throws Exception {
        ArasSandbox sandbox = ArasSandboxStub.sandbox;
        sandbox.answer("SB-1", "7341000000001", List.of(scan(1, "ÇIKIŞ ŞUBESİNDE", "2025-11-12T17:40:00", "BAĞCILAR"),
                scan(4, "TESLİMATTA", "2025-11-14T08:50:00", "KADIKÖY")));
        sandbox.answer("SB-2", "7341000000002", List.of(devir("ŞA", "TESLİMAT ŞUBESİNDE", "2025-11-14T18:05:00", "KADIKÖY")));
        sandbox.answer("SB-3", "7341000000003", List.of(returned(6, "TESLİM EDİLDİ", "2025-11-20T11:15:00", "BAĞCILAR")));
        sandbox.answer("SB-10", "7341000000010", List.of(scan(2, "YOLDA", "2025-11-13T01:00:00", "BAĞCILAR")));

        List<TrackingEvent> events = aras.parse(client.fetchAll(List.of("SB-3", "SB-1", "SB-404", "SB-2")));

        assertThat(events).extracting(TrackingEvent::trackingNumber).containsExactlyInAnyOrder("SB-1", "SB-2", "SB-3");
        assertThat(events).filteredOn(e -> e.trackingNumber().equals("SB-1")).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(TrackingStatus.OUT_FOR_DELIVERY);
            assertThat(e.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-14T08:50:00+03:00"));
            assertThat(e.alternateNumber()).isEqualTo("7341000000001");
            assertThat(e.location()).isEqualTo("KADIKÖY");
        });
        assertThat(events).filteredOn(e -> e.trackingNumber().equals("SB-2")).singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo(TrackingStatus.AVAILABLE_FOR_PICKUP));
        assertThat(events).filteredOn(e -> e.trackingNumber().equals("SB-3")).singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo(TrackingStatus.RETURNED_TO_SENDER));

        // "SB-1" is not "SB-10": codes are matched whole inside the list
        assertThat(aras.parse(client.fetch("SB-1"))).extracting(TrackingEvent::trackingNumber).containsExactly("SB-1");
        assertThat(aras.parse(client.fetch("SB-404"))).isEmpty();
        assertThat(sandbox.queryCalls("SB-1")).isEqualTo(2);
    }

    @Test
    void an_outage_for_one_code_fails_its_calls() throws Exception {
        ArasSandbox sandbox = ArasSandboxStub.sandbox;
        sandbox.answer("SB-20", "7341000000020", List.of(scan(2, "YOLDA", "2025-11-13T01:00:00", "BAĞCILAR")));
        sandbox.outage("SB-21");

        assertThat(aras.parse(client.fetch("SB-20"))).hasSize(1);
        assertThatThrownBy(() -> client.fetchAll(List.of("SB-20", "SB-21"))).isInstanceOf(CarrierUnavailableException.class);
    }

    @Test
    void the_sandbox_push_carries_the_push_credentials_and_parses() throws Exception {
        byte[] push = ArasSandbox.push("SB-30", devir("AA", "ALICI ADRESTE TANINMIYOR", "2025-11-14T18:05:00", "KADIKÖY"))
                .getBytes(StandardCharsets.UTF_8);

        assertThat(aras.pushCredentials(push)).contains(Map.entry(ArasSandbox.PUSH_USER, ArasSandbox.PUSH_PASSWORD));
        assertThat(aras.parse(push)).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(TrackingStatus.FAILED_ATTEMPT);
            assertThat(e.reason()).isEqualTo(Reason.ADDRESS_PROBLEM);
            assertThat(e.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-14T18:05:00+03:00"));
        });
    }
}
