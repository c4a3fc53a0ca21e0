package io.kargotakip.core.eta;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DelayDetectorTest {

    private final EtaPredictor predictor = new EtaPredictor(EtaModel.priorsOnly(EtaData.builtIn(), EtaModel.Settings.DEFAULT));

    private static LocalDate day(String d) {
        return LocalDate.parse(d);
    }

    @Test
    void aDelayIsToldOncePerEpisodeAndASecondSlipIsANewEpisode() {
        Prediction first = predictor.predict("yurtici", "", "34", "06", LocalDateTime.parse("2026-12-07T10:00"));
        // no merchant promise: the first ETA told (the promise, Friday 11th) is the one held to
        DelayDetector.Watch watch = DelayDetector.watch(null, first);
        assertThat(watch.promised()).isEqualTo(day("2026-12-11"));

        List<Optional<DelayDetector.Delay>> told = new ArrayList<>();
        List<Prediction> predictions = List.of(
                first,
                predictor.repredict(first, new EtaPredictor.Moving(), day("2026-12-09")),                              // on time
                predictor.repredict(first, new EtaPredictor.NoScanSince(day("2026-12-07")), day("2026-12-14")),        // stuck: late
                predictor.repredict(first, new EtaPredictor.NoScanSince(day("2026-12-07")), day("2026-12-15")),        // later still
                predictor.repredict(first, new EtaPredictor.Moving(), day("2026-12-10")),                              // back on time
                predictor.repredict(first, new EtaPredictor.NoScanSince(day("2026-12-07")), day("2026-12-14")));       // slips again
        for (Prediction p : predictions) {
            DelayDetector.Outcome o = DelayDetector.observe(watch, p);
            watch = o.watch();
            told.add(o.delay());
        }
        assertThat(told.get(0)).isEmpty();
        assertThat(told.get(1)).isEmpty();
        assertThat(told.get(2)).hasValueSatisfying(d -> {
            assertThat(d.promised()).isEqualTo(day("2026-12-11"));
            assertThat(d.newEta()).isEqualTo(predictions.get(2).mostLikely()).isAfter(day("2026-12-11"));
            assertThat(d.newPromise()).isEqualTo(predictions.get(2).promise());
        });
        assertThat(told.get(3)).as("the same episode").isEmpty();
        assertThat(told.get(4)).as("back on time ends it").isEmpty();
        assertThat(told.get(5)).as("a new slip, a new episode").isPresent();
        assertThat(told.stream().filter(Optional::isPresent).count()).isEqualTo(2);
    }

    @Test
    void theMerchantsPromiseComesFirst() {
        Prediction first = predictor.predict("yurtici", "", "34", "06", LocalDateTime.parse("2026-12-07T10:00"));
        DelayDetector.Watch watch = DelayDetector.watch(day("2026-12-08"), first);
        DelayDetector.Outcome o = DelayDetector.observe(watch, first);
        assertThat(o.delay()).as("most likely Wednesday 9th, promised Tuesday 8th").hasValueSatisfying(d ->
                assertThat(d.newEta()).isEqualTo(day("2026-12-09")));
        assertThat(DelayDetector.observe(o.watch(), first).delay()).isEmpty();
        // out for delivery on the promised day: on time again
        Prediction out = predictor.repredict(first, new EtaPredictor.OutForDelivery(), day("2026-12-08"));
        assertThat(DelayDetector.observe(o.watch(), out).watch().delayed()).isFalse();
    }
}
