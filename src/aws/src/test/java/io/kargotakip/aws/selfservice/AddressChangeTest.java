package io.kargotakip.aws.selfservice;

import io.kargotakip.aws.store.SelfServiceLog;
import io.kargotakip.core.address.Address;
import io.kargotakip.core.address.AddressForm;
import io.kargotakip.core.address.FieldProblem;
import io.kargotakip.core.operations.AlertRequest;
import io.kargotakip.core.selfservice.SelfServiceCheck;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A new delivery address from the tracking page, on dynalite: checked, kept with its history, confirmed, told to operations once. */
class AddressChangeTest {

    static final Instant NOW = Instant.parse("2026-12-02T07:00:00Z");
    final SelfServiceStack stack = new SelfServiceStack(NOW);
    final SelfService service = stack.service;

    static final AddressForm MODA = new AddressForm("istanbul", "kadikoy", "caferaga mahallesi", "34710", " Moda Cad. No: 12 ", "Kat 3 Daire 5");
    static final AddressForm AKAT = new AddressForm("İstanbul", "Beşiktaş", "Akat", "34335", "Nispetiye Cad. No: 7", null);

    @Test
    void aValidChangeIsSavedPendingAndASecondOneBecomesCurrentWithBothKeptUntilOperationsConfirm() {
        ShipmentId shipment = stack.shipment(TrackingStatus.IN_TRANSIT);

        SelfService.AddressResult first = service.changeAddress(shipment, MODA);
        SelfService.AddressResult second = service.changeAddress(shipment, AKAT);

        assertThat(first).isInstanceOfSatisfying(SelfService.AddressResult.Saved.class, saved -> {
            assertThat(saved.change().number()).isEqualTo(1);
            assertThat(saved.change().address()).as("stored with the data's names")
                    .isEqualTo(new Address("İstanbul", "Kadıköy", "Caferağa Mah", "34710", "Moda Cad. No: 12", "Kat 3 Daire 5"));
            assertThat(saved.change().pending()).isTrue();
        });
        assertThat(second).isInstanceOfSatisfying(SelfService.AddressResult.Saved.class, saved -> assertThat(saved.change().number()).isEqualTo(2));
        Address akat = new Address("İstanbul", "Beşiktaş", "Akat Mah", "34335", "Nispetiye Cad. No: 7", null);
        assertThat(stack.log.findAddress(shipment, NOW)).hasValueSatisfying(current -> {
            assertThat(current.number()).isEqualTo(2);
            assertThat(current.address()).isEqualTo(akat);
            assertThat(current.state()).isEqualTo(SelfServiceLog.PENDING);
            assertThat(current.at()).isEqualTo(NOW);
        });
        assertThat(stack.log.addressHistory(shipment, NOW)).extracting(SelfServiceLog.AddressChange::number, c -> c.address().district(),
                SelfServiceLog.AddressChange::state).containsExactly(org.assertj.core.groups.Tuple.tuple(1, "Kadıköy", "pending"),
                org.assertj.core.groups.Tuple.tuple(2, "Beşiktaş", "pending"));

        Instant confirmedAt = NOW.plusSeconds(3600);
        assertThat(stack.log.confirmAddress(shipment, confirmedAt)).hasValueSatisfying(c -> {
            assertThat(c.number()).isEqualTo(2);
            assertThat(c.state()).isEqualTo(SelfServiceLog.CONFIRMED);
        });
        assertThat(stack.log.findAddress(shipment, confirmedAt)).hasValueSatisfying(c -> {
            assertThat(c.state()).isEqualTo(SelfServiceLog.CONFIRMED);
            assertThat(c.confirmedAt()).isEqualTo(confirmedAt);
            assertThat(c.address()).isEqualTo(akat);
        });
        List<SelfServiceLog.AddressChange> history = stack.log.addressHistory(shipment, confirmedAt);
        assertThat(history).extracting(SelfServiceLog.AddressChange::state).containsExactly("pending", "confirmed");
        assertThat(history.get(1).confirmedAt()).isEqualTo(confirmedAt);
        assertThat(stack.log.confirmAddress(shipment, confirmedAt.plusSeconds(60))).as("confirming again changes nothing")
                .hasValueSatisfying(c -> assertThat(c.confirmedAt()).isEqualTo(confirmedAt));
        assertThat(service.done(shipment).address()).hasValueSatisfying(c -> assertThat(c.state()).isEqualTo("confirmed"));
    }

    @Test
    void eachChangeAlertsOperationsOnceWithTheOrderTheShipmentAndTheNewAddressButNoContact() {
        ShipmentId shipment = stack.shipment(null);
        String orderNo = stack.orderNo(shipment);

        service.changeAddress(shipment, MODA);
        service.changeAddress(shipment, AKAT);

        assertThat(stack.desk.alerts).hasSize(2);
        AlertRequest alert = stack.desk.alerts.get(0);
        assertThat(alert.key()).isEqualTo(shipment + "/self-service/address/1");
        assertThat(stack.desk.alerts.get(1).key()).isEqualTo(shipment + "/self-service/address/2");
        assertThat(alert.text()).contains("order " + orderNo + " (WEB-", "shipment " + shipment,
                "Moda Cad. No: 12, Kat 3 Daire 5, Caferağa Mah, 34710 Kadıköy/İstanbul", "pending: pass it to the carrier and confirm");
        assertThat(alert.text()).doesNotContain("Ayşe", stack.email, "5321112233");
        assertThat(stack.desk.alerts.get(1).text()).contains("Nispetiye Cad. No: 7, Akat Mah, 34335 Beşiktaş/İstanbul");
        assertThat(stack.metricsLine()).contains("\"AddressChanges\":2", "\"AddressChangeAlerts\":2");
    }

    @Test
    void aDistrictWithATypoSavesNothingAndComesBackWithTheSuggestionInTurkishAndEnglish() {
        ShipmentId shipment = stack.shipment(TrackingStatus.OUT_FOR_DELIVERY);

        SelfService.AddressResult result = service.changeAddress(shipment,
                new AddressForm("İstanbul", "Kadıkoyy", "Caferağa", "34710", "Moda Cad. No: 12", null));

        assertThat(result).isInstanceOf(SelfService.AddressResult.Invalid.class);
        List<FieldProblem> problems = ((SelfService.AddressResult.Invalid) result).problems();
        assertThat(problems).hasSize(1);
        FieldProblem district = problems.get(0);
        assertThat(district.field()).isEqualTo("district");
        assertThat(district.problem()).isEqualTo("unknown");
        assertThat(district.suggestions()).first().isEqualTo("Kadıköy");
        assertThat(district.message("tr")).startsWith("Bu ilçe İstanbul'da yok.").contains("Kadıköy");
        assertThat(district.message("en")).startsWith("This district is not in İstanbul.").contains("Did you mean").contains("Kadıköy");
        assertThat(stack.log.findAddress(shipment, NOW)).as("nothing saved").isEmpty();
        assertThat(stack.log.addressHistory(shipment, NOW)).isEmpty();
        assertThat(stack.desk.alerts).isEmpty();
        assertThat(stack.metricsLine()).contains("\"AddressChangesInvalid\":1").doesNotContain("\"AddressChanges\"");
        // "Kadıkoy" without the umlaut folds to Kadıköy exactly: no typo for the check, it is saved as "Kadıköy"
        assertThat(service.changeAddress(shipment, new AddressForm("İstanbul", "Kadıkoy", "Caferağa", "34710", "Moda Cad. No: 12", null)))
                .isInstanceOfSatisfying(SelfService.AddressResult.Saved.class, s -> assertThat(s.change().address().district()).isEqualTo("Kadıköy"));
    }

    @Test
    void aDeliveredOrReturningShipmentTakesNoNewAddress() {
        ShipmentId delivered = stack.shipment(TrackingStatus.DELIVERED);
        ShipmentId returning = stack.shipment(TrackingStatus.RETURN_IN_TRANSIT);

        SelfService.AddressResult refused = service.changeAddress(delivered, MODA);

        assertThat(refused).isInstanceOfSatisfying(SelfService.AddressResult.Refused.class, r -> {
            assertThat(r.refusal().reason()).isEqualTo(SelfServiceCheck.DELIVERED);
            assertThat(r.refusal().message("tr")).isEqualTo("Bu gönderi teslim edildi; adresi artık değiştirilemez.");
        });
        assertThat(service.changeAddress(returning, MODA)).isInstanceOfSatisfying(SelfService.AddressResult.Refused.class,
                r -> assertThat(r.refusal().reason()).isEqualTo(SelfServiceCheck.RETURNED));
        assertThat(service.changeAddress(new ShipmentId("yurtici", "NOTSTORED1"), MODA)).isInstanceOfSatisfying(
                SelfService.AddressResult.Refused.class, r -> assertThat(r.refusal().reason()).isEqualTo(SelfServiceCheck.NOT_FOUND));
        assertThat(stack.log.findAddress(delivered, NOW)).isEmpty();
        assertThat(stack.desk.alerts).isEmpty();
    }

    @Test
    void aChangeWhoseAlertFailedIsStillSavedAndCounted() {
        ShipmentId shipment = stack.shipment(TrackingStatus.IN_TRANSIT);
        stack.desk.down = true;

        assertThat(service.changeAddress(shipment, MODA)).isInstanceOf(SelfService.AddressResult.Saved.class);

        assertThat(stack.log.findAddress(shipment, NOW)).isPresent();
        assertThat(stack.metricsLine()).contains("\"AddressChangeAlertsFailed\":1");
    }
}
