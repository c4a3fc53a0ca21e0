package io.kargotakip.core.selfservice;

import io.kargotakip.core.address.FieldProblem;
import io.kargotakip.core.selfservice.SelfServiceCheck.NpsResult;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.ShipmentState;
import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SelfServiceCheckTest {

    private static final ShipmentId ID = new ShipmentId("yurtici", "123456789012");

    private static Optional<ShipmentState> shipment(TrackingStatus status, Map<TrackingStatus, Integer> occurrences) {
        return Optional.of(new ShipmentState(ID, "o-1", status, null, Instant.parse("2026-12-01T09:00:00Z"), null, null, null, null, 3,
                occurrences));
    }

    @Test
    void aScoreFromZeroToTenWithACommentTrimmedIsAnAnswer() {
        assertThat(SelfServiceCheck.nps(0, null)).isEqualTo(new NpsResult.Valid(new SelfServiceCheck.NpsAnswer(0, null)));
        assertThat(SelfServiceCheck.nps(10, "  Kurye çok nazikti.\nTeşekkürler  "))
                .isEqualTo(new NpsResult.Valid(new SelfServiceCheck.NpsAnswer(10, "Kurye çok nazikti.\nTeşekkürler")));
        assertThat(SelfServiceCheck.nps(7, "   ")).isEqualTo(new NpsResult.Valid(new SelfServiceCheck.NpsAnswer(7, null)));
        assertThat(SelfServiceCheck.nps(7, "ç".repeat(SelfServiceCheck.MAX_COMMENT))).isInstanceOf(NpsResult.Valid.class);
    }

    @Test
    void aScoreOutsideTheScaleAndATooLongCommentAreBothReportedInTurkishAndEnglish() {
        NpsResult result = SelfServiceCheck.nps(11, "x".repeat(SelfServiceCheck.MAX_COMMENT + 1));

        assertThat(result).isInstanceOf(NpsResult.Invalid.class);
        List<FieldProblem> problems = ((NpsResult.Invalid) result).problems();
        assertThat(problems).extracting(FieldProblem::field, FieldProblem::problem)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("score", "range"), org.assertj.core.groups.Tuple.tuple("comment", "too_long"));
        assertThat(problems.get(0).message("tr")).isEqualTo("Lütfen 0 ile 10 arasında bir puan seçin.");
        assertThat(problems.get(0).message("en")).isEqualTo("Please choose a score from 0 to 10.");
        assertThat(problems.get(1).message("tr")).isEqualTo("Yorum en çok 500 karakter olabilir.");
        assertThat(problems.get(1).message("de")).as("English for a locale not shipped").isEqualTo("The comment can be at most 500 characters.");
        assertThat(SelfServiceCheck.nps(-1, null)).isInstanceOf(NpsResult.Invalid.class);
    }

    @Test
    void aCommentWithAControlCharacterIsRefusedButItsLineBreaksAreKept() {
        NpsResult result = SelfServiceCheck.nps(5, "geç\u0007 geldi");
        assertThat(result).isInstanceOf(NpsResult.Invalid.class);
        assertThat(((NpsResult.Invalid) result).problems().get(0).problem()).isEqualTo("control");
        assertThat(SelfServiceCheck.nps(5, "geç\r\n\tgeldi")).isInstanceOf(NpsResult.Valid.class);
    }

    @Test
    void aDayNotOfferedNamesTheOfferedOnesInEachLanguage() {
        FieldProblem problem = SelfServiceCheck.dayNotOffered(List.of(LocalDate.of(2026, 12, 3), LocalDate.of(2026, 12, 4),
                LocalDate.of(2026, 12, 5)));

        assertThat(problem.field()).isEqualTo("day");
        assertThat(problem.suggestions()).containsExactly("2026-12-03", "2026-12-04", "2026-12-05");
        assertThat(problem.message("tr")).isEqualTo("Bu gün teslimat için seçilemez. Lütfen şu günlerden birini seçin: "
                + "3 Aralık Perşembe, 4 Aralık Cuma ya da 5 Aralık Cumartesi.");
        assertThat(problem.message("en")).isEqualTo("This day cannot be chosen for the delivery. Please choose "
                + "Thursday 3 December, Friday 4 December or Saturday 5 December.");
        assertThat(SelfServiceCheck.dayNotOffered(List.of()).problem()).isEqualTo("none");
    }

    @Test
    void aShipmentTakesChangesUntilItIsDeliveredOrGoingBack() {
        assertThat(SelfServiceCheck.beforeDelivery(SelfServiceCheck.ADDRESS, shipment(null, Map.of()))).as("before its first scan").isEmpty();
        assertThat(SelfServiceCheck.beforeDelivery(SelfServiceCheck.ADDRESS, shipment(TrackingStatus.OUT_FOR_DELIVERY, Map.of()))).isEmpty();
        assertThat(SelfServiceCheck.beforeDelivery(SelfServiceCheck.ADDRESS, shipment(TrackingStatus.DELIVERED, Map.of())))
                .hasValueSatisfying(r -> {
                    assertThat(r.reason()).isEqualTo(SelfServiceCheck.DELIVERED);
                    assertThat(r.message("tr")).isEqualTo("Bu gönderi teslim edildi; adresi artık değiştirilemez.");
                });
        assertThat(SelfServiceCheck.beforeDelivery(SelfServiceCheck.RESCHEDULE, shipment(TrackingStatus.RETURN_IN_TRANSIT, Map.of())))
                .hasValueSatisfying(r -> assertThat(r.message("en")).isEqualTo(
                        "This shipment is going back to the sender; its delivery day can no longer be changed."));
        assertThat(SelfServiceCheck.beforeDelivery(SelfServiceCheck.ADDRESS, Optional.empty())).hasValueSatisfying(r ->
                assertThat(r.reason()).isEqualTo(SelfServiceCheck.NOT_FOUND));
    }

    @Test
    void theSurveyIsAnsweredOnlyOnceTheShipmentWasDelivered() {
        assertThat(SelfServiceCheck.afterDelivery(shipment(TrackingStatus.OUT_FOR_DELIVERY, Map.of()))).hasValueSatisfying(r -> {
            assertThat(r.reason()).isEqualTo(SelfServiceCheck.NOT_DELIVERED);
            assertThat(r.message("tr")).isEqualTo("Teslimatı, gönderiniz teslim edildikten sonra değerlendirebilirsiniz.");
        });
        assertThat(SelfServiceCheck.afterDelivery(shipment(TrackingStatus.DELIVERED, Map.of()))).isEmpty();
        assertThat(SelfServiceCheck.afterDelivery(shipment(TrackingStatus.RETURN_IN_TRANSIT, Map.of(TrackingStatus.DELIVERED, 1))))
                .as("delivered, then sent back").isEmpty();
        assertThat(SelfServiceCheck.afterDelivery(shipment(TrackingStatus.RETURN_IN_TRANSIT, Map.of()))).isPresent();
    }

    @Test
    void everyMessageKeyIsInBothLanguages() {
        assertThat(SelfServiceCheck.texts("tr").stringPropertyNames()).isEqualTo(SelfServiceCheck.texts("en").stringPropertyNames());
    }
}
