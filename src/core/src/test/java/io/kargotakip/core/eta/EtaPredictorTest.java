package io.kargotakip.core.eta;

import io.kargotakip.core.eta.EtaModel.Level;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EtaPredictorTest {

    private static final EtaData DATA = EtaData.builtIn();
    private final EtaPredictor priors = new EtaPredictor(EtaModel.priorsOnly(DATA, EtaModel.Settings.DEFAULT));

    private static LocalDate day(String d) {
        return LocalDate.parse(d);
    }

    /** {@code n} samples of the lane, each taking {@code transit} working days from a plain Monday. */
    private static void add(List<TransitSample> to, String carrier, String service, String from, String dest, int n, int transit) {
        WorkingDays days = DATA.calendar(carrier);
        LocalDateTime shipped = LocalDateTime.parse("2026-11-02T10:00");
        for (int i = 0; i < n; i++) {
            to.add(new TransitSample(carrier, service, from, dest, shipped, days.plus(shipped.toLocalDate(), transit)));
        }
    }

    @Test
    void aParcelShippedTheDayBeforeKurbanBayramiWaitsOutTheWholeBayram() {
        // Kurban Bayramı 2026: arife Tuesday 26 May (worked until 13:00), 27–30 May off, 31 May a Sunday. Yurtiçi's prior:
        // most likely 2 working days, P90 4
        Prediction p = priors.predict("yurtici", "", "34", "06", LocalDateTime.parse("2026-05-26T10:00"));
        assertThat(p.start()).isEqualTo(day("2026-05-26"));
        assertThat(p.mostLikely()).isEqualTo(day("2026-06-02"));
        assertThat(p.promise()).isEqualTo(day("2026-06-04"));
        assertThat(p.why().level()).isEqualTo(Level.PRIOR);
        assertThat(p.why().key()).isEqualTo("prior:yurtici");
        assertThat(p.why().holidaysSkipped()).as("27, 28, 29 and 30 May").isEqualTo(4);
        assertThat(p.why().daysOffSkipped()).as("the four Bayram days and Sunday 31 May").isEqualTo(5);

        // after the arife's 13:00 (not 17:00) the journey starts on the first working day after the Bayram
        Prediction late = priors.predict("yurtici", "", "34", "06", LocalDateTime.parse("2026-05-26T14:00"));
        assertThat(late.start()).isEqualTo(day("2026-06-01"));
        assertThat(late.mostLikely()).isEqualTo(day("2026-06-03"));
    }

    @Test
    void saturdayCountsOnlyForCarriersThatDeliverOnIt() {
        List<TransitSample> s = new ArrayList<>();
        add(s, "yurtici", "", "34", "06", 30, 1);
        add(s, "ups", "", "34", "06", 30, 1);
        EtaPredictor p = new EtaPredictor(EtaModel.train(s, DATA, EtaModel.Settings.DEFAULT));
        // Friday 4 December 2026 at 10:00, one working day
        assertThat(p.predict("yurtici", "", "34", "06", LocalDateTime.parse("2026-12-04T10:00")).mostLikely()).isEqualTo(day("2026-12-05"));
        Prediction ups = p.predict("ups", "", "34", "06", LocalDateTime.parse("2026-12-04T10:00"));
        assertThat(ups.mostLikely()).as("UPS does not deliver on Saturday").isEqualTo(day("2026-12-07"));
        assertThat(ups.why().daysOffSkipped()).isEqualTo(2);
        assertThat(ups.why().holidaysSkipped()).isZero();
        // handed over on a Sunday: starts on Monday
        assertThat(p.predict("ups", "", "34", "06", LocalDateTime.parse("2026-12-06T10:00")).start()).isEqualTo(day("2026-12-07"));
    }

    @Test
    void theYearEndsWithNewYearsDayOff() {
        List<TransitSample> s = new ArrayList<>();
        add(s, "yurtici", "", "34", "06", 30, 1);
        add(s, "ups", "", "34", "06", 30, 1);
        EtaPredictor p = new EtaPredictor(EtaModel.train(s, DATA, EtaModel.Settings.DEFAULT));
        // Thursday 31 December 2026 after the 17:00 cut-off; 1 January is a holiday
        Prediction y = p.predict("yurtici", "", "34", "06", LocalDateTime.parse("2026-12-31T18:30"));
        assertThat(y.start()).isEqualTo(day("2027-01-02"));
        assertThat(y.mostLikely()).as("Saturday 2, Sunday off, Monday 4").isEqualTo(day("2027-01-04"));
        Prediction u = p.predict("ups", "", "34", "06", LocalDateTime.parse("2026-12-31T18:30"));
        assertThat(u.start()).isEqualTo(day("2027-01-04"));
        assertThat(u.mostLikely()).isEqualTo(day("2027-01-05"));
        // before the cut-off it starts on the 31st and arrives after the holiday
        Prediction early = p.predict("yurtici", "", "34", "06", LocalDateTime.parse("2026-12-31T11:00"));
        assertThat(early.mostLikely()).isEqualTo(day("2027-01-02"));
        assertThat(early.why().holidaysSkipped()).isEqualTo(1);
        // and the calendar's own arithmetic across the year end agrees
        assertThat(DATA.calendar("yurtici").between(day("2026-12-30"), day("2027-01-04"))).isEqualTo(3);
        assertThat(DATA.calendar("yurtici").calendar().workingDaysBetween(day("2026-12-30"), day("2027-01-04"))).isEqualTo(3);
        assertThat(DATA.calendar("ups").between(day("2027-01-04"), day("2026-12-30"))).isEqualTo(-2);
    }

    @Test
    void aThinLaneFallsBackToTheRegionsThenTheDestinationRegionThenTheCarrierThenThePrior() {
        List<TransitSample> s = new ArrayList<>();
        add(s, "yurtici", "std", "34", "06", 40, 1); // İstanbul → Ankara: a lane of its own
        add(s, "yurtici", "std", "34", "35", 10, 3); // İstanbul → İzmir: thin
        add(s, "yurtici", "std", "16", "45", 25, 2); // Bursa → Manisa: Marmara → Ege too
        add(s, "yurtici", "std", "06", "07", 35, 4); // Ankara → Antalya: İç Anadolu → Akdeniz
        EtaModel model = EtaModel.train(s, DATA, EtaModel.Settings.DEFAULT);
        EtaPredictor p = new EtaPredictor(model);
        LocalDateTime monday = LocalDateTime.parse("2026-12-07T10:00");

        Prediction lane = p.predict("yurtici", "std", "34", "06", monday);
        assertThat(lane.why().level()).isEqualTo(Level.LANE);
        assertThat(lane.why().key()).isEqualTo("yurtici|std|34|06");
        assertThat(lane.why().samples()).isEqualTo(40);
        assertThat(lane.mostLikely()).isEqualTo(day("2026-12-08"));

        Prediction regions = p.predict("yurtici", "std", "34", "35", monday);
        assertThat(regions.why().level()).isEqualTo(Level.REGIONS);
        assertThat(regions.why().key()).isEqualTo("yurtici|Marmara>Ege");
        assertThat(regions.why().samples()).isEqualTo(35);
        assertThat(regions.mostLikely()).as("the regions' mode, 2 days").isEqualTo(day("2026-12-09"));

        Prediction destination = p.predict("yurtici", "std", "34", "01", monday); // → Adana, Akdeniz
        assertThat(destination.why().level()).isEqualTo(Level.DESTINATION_REGION);
        assertThat(destination.why().key()).isEqualTo("yurtici|>Akdeniz");
        assertThat(destination.mostLikely()).isEqualTo(day("2026-12-11"));

        Prediction carrier = p.predict("yurtici", "std", "34", "65", monday); // → Van, nothing of the east
        assertThat(carrier.why().level()).isEqualTo(Level.CARRIER);
        assertThat(carrier.why().samples()).isEqualTo(110);

        Prediction prior = p.predict("aras", "", "34", "06", monday);
        assertThat(prior.why().level()).isEqualTo(Level.PRIOR);
        assertThat(prior.why().samples()).isZero();
        assertThat(p.predict("unknown-carrier", "", "34", "06", monday).why().key()).isEqualTo("prior:*");

        // with a lower minimum the thin lane is used on its own
        EtaPredictor five = new EtaPredictor(EtaModel.train(s, DATA, EtaModel.Settings.DEFAULT.withMinSamples(5)));
        Prediction thin = five.predict("yurtici", "std", "34", "35", monday);
        assertThat(thin.why().level()).isEqualTo(Level.LANE);
        assertThat(thin.mostLikely()).isEqualTo(day("2026-12-10"));
    }

    @Test
    void thePromiseIsTheConfiguredQuantileAndTheMostLikelyDayTheMode() {
        List<TransitSample> s = new ArrayList<>();
        add(s, "mng", "", "34", "06", 60, 1);
        add(s, "mng", "", "34", "06", 25, 2);
        add(s, "mng", "", "34", "06", 8, 3);
        add(s, "mng", "", "34", "06", 7, 5);
        LocalDateTime monday = LocalDateTime.parse("2026-12-07T10:00");
        Prediction p90 = new EtaPredictor(EtaModel.train(s, DATA, EtaModel.Settings.DEFAULT)).predict("mng", "", "34", "06", monday);
        assertThat(p90.mostLikely()).isEqualTo(day("2026-12-08"));
        assertThat(p90.promise()).as("the 90th of 100 is a 3").isEqualTo(day("2026-12-10"));
        assertThat(p90.earliest()).isEqualTo(day("2026-12-08"));
        assertThat(p90.latest()).isEqualTo(p90.promise());
        Prediction p95 = new EtaPredictor(EtaModel.train(s, DATA, EtaModel.Settings.DEFAULT.withConfidence(0.95)))
                .predict("mng", "", "34", "06", monday);
        assertThat(p95.promise()).as("the 95th is a 5: Saturday 12th").isEqualTo(day("2026-12-12"));
        Prediction p80 = new EtaPredictor(EtaModel.train(s, DATA, EtaModel.Settings.DEFAULT.withConfidence(0.8)))
                .predict("mng", "", "34", "06", monday);
        assertThat(p80.promise()).as("the 80th is a 2").isEqualTo(day("2026-12-09"));
    }

    @Test
    void outForDeliveryIsDueTodayAndDaysStuckAtAHubShiftTheDates() {
        Prediction first = priors.predict("yurtici", "", "34", "06", LocalDateTime.parse("2026-12-07T10:00"));
        assertThat(first.mostLikely()).isEqualTo(day("2026-12-09"));
        assertThat(first.promise()).isEqualTo(day("2026-12-11"));

        Prediction out = priors.repredict(first, new EtaPredictor.OutForDelivery(), day("2026-12-08"));
        assertThat(out.mostLikely()).isEqualTo(day("2026-12-08"));
        assertThat(out.promise()).isEqualTo(day("2026-12-08"));
        assertThat(out.earliest()).isEqualTo(day("2026-12-08"));
        assertThat(out.why().reason()).isEqualTo("out_for_delivery");

        // last hub scan Monday 7th; on Tuesday nothing is lost yet; on Thursday Tuesday and Wednesday passed without a scan
        Prediction tuesday = priors.repredict(first, new EtaPredictor.NoScanSince(day("2026-12-07")), day("2026-12-08"));
        assertThat(tuesday.mostLikely()).isEqualTo(first.mostLikely());
        Prediction thursday = priors.repredict(first, new EtaPredictor.NoScanSince(day("2026-12-07")), day("2026-12-10"));
        assertThat(thursday.why().shiftedBy()).isEqualTo(2);
        assertThat(thursday.why().reason()).isEqualTo("stuck_at_hub");
        assertThat(thursday.mostLikely()).isEqualTo(day("2026-12-11"));
        assertThat(thursday.promise()).as("Friday 11 + 2 working days: Saturday 12, Monday 14").isEqualTo(day("2026-12-14"));

        // a parcel still moving after its most likely day is due no earlier than today
        Prediction moving = priors.repredict(first, new EtaPredictor.Moving(), day("2026-12-10"));
        assertThat(moving.mostLikely()).isEqualTo(day("2026-12-10"));
        assertThat(moving.promise()).isEqualTo(first.promise());
        // on a Sunday, the next working day
        assertThat(priors.repredict(first, new EtaPredictor.Moving(), day("2026-12-13")).mostLikely()).isEqualTo(day("2026-12-14"));
    }
}
