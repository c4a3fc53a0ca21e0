package io.kargotakip.aws.selfservice;

import io.kargotakip.aws.store.SelfServiceLog;
import io.kargotakip.core.address.FieldProblem;
import io.kargotakip.core.selfservice.SelfServiceCheck;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The delivery-day survey from the tracking page, on dynalite: once per shipment, after delivery, a low score told once. */
class NpsTest {

    static final Instant NOW = Instant.parse("2026-12-02T15:00:00Z");
    final SelfServiceStack stack = new SelfServiceStack(NOW);
    final SelfService service = stack.service;

    @Test
    void theFirstAnswerStandsAndASecondGetsItBack() {
        ShipmentId shipment = stack.shipment(TrackingStatus.DELIVERED);

        SelfService.NpsResult first = service.answerNps(shipment, 9, "  Hızlı geldi, teşekkürler.  ");
        SelfService.NpsResult second = service.answerNps(shipment, 2, "aslında kötüydü");

        SelfServiceLog.NpsAnswer kept = new SelfServiceLog.NpsAnswer(9, "Hızlı geldi, teşekkürler.", NOW);
        assertThat(first).isEqualTo(new SelfService.NpsResult.Recorded(kept));
        assertThat(second).isEqualTo(new SelfService.NpsResult.AlreadyAnswered(kept));
        assertThat(stack.log.findNps(shipment, NOW)).contains(kept);
        assertThat(service.done(shipment).nps()).contains(kept);
        assertThat(stack.desk.alerts).as("9 is a promoter's score, and the 2 did not count").isEmpty();
        assertThat(stack.metricsLine()).contains("\"NpsAnswers\":1", "\"NpsAnswersRepeated\":1");
    }

    @Test
    void noAnswerBeforeTheDelivery() {
        ShipmentId shipment = stack.shipment(TrackingStatus.OUT_FOR_DELIVERY);

        assertThat(service.answerNps(shipment, 10, null)).isInstanceOfSatisfying(SelfService.NpsResult.Refused.class, r -> {
            assertThat(r.refusal().reason()).isEqualTo(SelfServiceCheck.NOT_DELIVERED);
            assertThat(r.refusal().message("tr")).isEqualTo("Teslimatı, gönderiniz teslim edildikten sonra değerlendirebilirsiniz.");
        });
        assertThat(stack.log.findNps(shipment, NOW)).isEmpty();

        stack.moveTo(shipment, TrackingStatus.DELIVERED);
        stack.moveTo(shipment, TrackingStatus.RETURN_IN_TRANSIT);
        assertThat(service.answerNps(shipment, 10, null)).as("delivered, then sent back: it was delivered")
                .isInstanceOf(SelfService.NpsResult.Recorded.class);
    }

    @Test
    void aScoreOutsideTheScaleOrATooLongCommentIsAFieldProblemAndSavesNothing() {
        ShipmentId shipment = stack.shipment(TrackingStatus.DELIVERED);

        assertThat(service.answerNps(shipment, 11, null)).isInstanceOfSatisfying(SelfService.NpsResult.Invalid.class, r -> {
            FieldProblem p = r.problems().get(0);
            assertThat(p.field()).isEqualTo("score");
            assertThat(p.message("tr")).isEqualTo("Lütfen 0 ile 10 arasında bir puan seçin.");
            assertThat(p.message("en")).isEqualTo("Please choose a score from 0 to 10.");
        });
        assertThat(service.answerNps(shipment, 3, "a".repeat(501))).isInstanceOfSatisfying(SelfService.NpsResult.Invalid.class,
                r -> assertThat(r.problems()).extracting(FieldProblem::field).containsExactly("comment"));
        assertThat(service.answerNps(shipment, -1, null)).isInstanceOf(SelfService.NpsResult.Invalid.class);
        assertThat(stack.log.findNps(shipment, NOW)).isEmpty();
        assertThat(stack.desk.alerts).isEmpty();
    }

    @Test
    void aLowScoreAlertsOperationsOnceWithTheComment() {
        ShipmentId shipment = stack.shipment(TrackingStatus.DELIVERED);
        String orderNo = stack.orderNo(shipment);

        service.answerNps(shipment, 6, "Kurye kapıya gelmedi, şubeden aldım.");
        service.answerNps(shipment, 6, "Kurye kapıya gelmedi, şubeden aldım.");

        assertThat(stack.desk.alerts).hasSize(1);
        assertThat(stack.desk.alerts.get(0).key()).isEqualTo(shipment + "/self-service/nps");
        assertThat(stack.desk.alerts.get(0).text()).contains("(6/10)", "order " + orderNo, "shipment " + shipment,
                "comment: Kurye kapıya gelmedi, şubeden aldım.").doesNotContain("Ayşe", stack.email);
        assertThat(stack.metricsLine()).contains("\"NpsLowScoreAlerts\":1");
    }

    @Test
    void aScoreAboveTheThresholdAlertsNobody() {
        ShipmentId shipment = stack.shipment(TrackingStatus.DELIVERED);

        assertThat(service.answerNps(shipment, 7, "İdare eder")).isInstanceOf(SelfService.NpsResult.Recorded.class);

        assertThat(stack.desk.alerts).isEmpty();
        SelfServiceStack strict = new SelfServiceStack(NOW, new SelfService.Settings(8, 5));
        ShipmentId other = strict.shipment(TrackingStatus.DELIVERED);
        strict.service.answerNps(other, 7, null);
        assertThat(strict.desk.alerts).as("a threshold of 8 takes the 7").hasSize(1);
        assertThat(strict.desk.alerts.get(0).text()).contains("no comment");
    }

    @Test
    void aLowScoreWhoseAlertFailedIsAlertedWhenTheCustomerAnswersAgainAndThenNever() {
        ShipmentId shipment = stack.shipment(TrackingStatus.DELIVERED);
        stack.desk.down = true;

        assertThat(service.answerNps(shipment, 1, null)).isInstanceOf(SelfService.NpsResult.Recorded.class);
        assertThat(stack.desk.alerts).isEmpty();

        stack.desk.down = false;
        assertThat(service.answerNps(shipment, 8, null)).isInstanceOfSatisfying(SelfService.NpsResult.AlreadyAnswered.class,
                r -> assertThat(r.first().score()).isEqualTo(1));
        service.answerNps(shipment, 1, null);

        assertThat(stack.desk.alerts).hasSize(1);
        assertThat(stack.desk.alerts.get(0).text()).contains("(1/10)");
    }
}
