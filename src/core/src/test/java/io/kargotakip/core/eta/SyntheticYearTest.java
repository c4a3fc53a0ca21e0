package io.kargotakip.core.eta;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A year of the reference merchant's shipments (about 300,000: 25,000 orders a month), generated with a realistic
 * transit per carrier by distance class, trained on January–September and tested on October–December. The carrier
 * estimate is padded as carriers pad theirs: the class's usual transit plus two days.
 */
class SyntheticYearTest {

    private static final String[] CARRIERS = {"yurtici", "aras", "mng", "surat", "ptt", "hepsijet", "trendyol-express", "ups"};
    /** the carriers' share of the merchant's parcels, in the order above */
    private static final double[] SHARE = {0.22, 0.18, 0.14, 0.06, 0.08, 0.14, 0.14, 0.04};
    /** a carrier's extra working days over the distance class's base (PTT is slower, the marketplace carriers faster near) */
    private static final int[] EXTRA = {0, 0, 0, 1, 1, 0, 0, 0};
    private static final List<String> FAR = List.of("Doğu Anadolu", "Güneydoğu Anadolu");

    static final class Generated {
        final List<TransitSample> train = new ArrayList<>();
        final List<BacktestCsv.Row> test = new ArrayList<>();
    }

    static Generated year(long seed, int perDay) {
        EtaData data = EtaData.builtIn();
        Random random = new Random(seed);
        Generated g = new Generated();
        String[] plates = data.regions().keySet().stream().sorted().toArray(String[]::new);
        int line = 1;
        for (LocalDate day = LocalDate.of(2026, 1, 1); day.getYear() == 2026; day = day.plusDays(1)) {
            int n = day.getDayOfWeek().getValue() == 7 ? perDay / 4 : perDay; // few handovers on a Sunday
            for (int i = 0; i < n; i++) {
                int c = pick(random);
                String carrier = CARRIERS[c];
                String origin = random.nextDouble() < 0.8 ? "34" : "35"; // the warehouse in İstanbul, a second in İzmir
                // a third of the parcels stay in the big three cities, the rest anywhere
                double where = random.nextDouble();
                String destination = where < 0.2 ? "34" : where < 0.27 ? "06" : where < 0.33 ? "35" : plates[random.nextInt(plates.length)];
                int base;
                if (destination.equals(origin)) {
                    base = 1;
                } else if (data.region(destination).equals(data.region(origin))) {
                    base = 1;
                } else if (FAR.contains(data.region(destination))) {
                    base = 3;
                } else {
                    base = 2;
                }
                base += EXTRA[c];
                double r = random.nextDouble();
                int noise = r < 0.62 ? 0 : r < 0.85 ? 1 : r < 0.95 ? 2 : 3 + random.nextInt(3);
                if (destination.equals(origin) && random.nextDouble() < 0.3) {
                    noise -= 1; // same-day in the city
                }
                LocalDateTime shipped = day.atTime(8 + random.nextInt(12), random.nextInt(60));
                WorkingDays days = data.calendar(carrier);
                LocalDate start = EtaModel.startDay(days, shipped, EtaModel.Settings.DEFAULT.cutOff());
                LocalDate delivered = days.plus(start, Math.max(0, base + noise));
                TransitSample s = new TransitSample(carrier, "std", origin, destination, shipped, delivered);
                line++;
                if (day.getMonthValue() <= 9) {
                    g.train.add(s);
                } else {
                    g.test.add(new BacktestCsv.Row(line, s, days.plus(start, base + 2)));
                }
            }
        }
        return g;
    }

    private static int pick(Random random) {
        double r = random.nextDouble();
        for (int i = 0; i < SHARE.length; i++) {
            r -= SHARE[i];
            if (r < 0) {
                return i;
            }
        }
        return SHARE.length - 1;
    }

    @Test
    void aYearTrainsAndThePromiseAtNinetyPercentHoldsWhileBeingShorterThanThePaddedCarrierEstimate() {
        Generated g = year(11, 920);
        assertThat(g.train.size() + g.test.size()).isBetween(280_000, 320_000);

        long started = System.nanoTime();
        Backtest.Result r = Backtest.run(g.train, g.test, EtaData.builtIn(), EtaModel.Settings.DEFAULT);
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.println("synthetic year: " + g.train.size() + " trained, " + g.test.size() + " tested in " + ms + " ms: "
                + r.json(0, 0, 0.9, "tr"));

        assertThat(r.model().rows()).isEqualTo(g.test.size());
        assertThat(r.model().onTimeRate()).isGreaterThanOrEqualTo(0.88);
        assertThat(r.carrierEstimate().rows()).isEqualTo(g.test.size());
        assertThat(r.model().meanPromiseDays()).isLessThan(r.carrierEstimate().meanPromiseDays());
        assertThat(r.model().maeDays()).isLessThan(r.carrierEstimate().maeDays());
        assertThat(r.model().exactDayRate()).isGreaterThan(r.carrierEstimate().exactDayRate());

        // a lower confidence buys a shorter promise at the price of more late parcels, still about as many as asked
        Backtest.Metrics p80 = Backtest.run(g.train, g.test, EtaData.builtIn(), EtaModel.Settings.DEFAULT.withConfidence(0.8)).model();
        System.out.println("synthetic year at 0.8: " + p80.json());
        assertThat(p80.onTimeRate()).isGreaterThanOrEqualTo(0.78).isLessThan(r.model().onTimeRate());
        assertThat(p80.meanPromiseDays()).isLessThan(r.model().meanPromiseDays() - 0.5);
    }

    @Test
    void predictingOneShipmentIsAMapLookUpAndTheLaneLevelIsUsedForTheBusyLanes() {
        Generated g = year(5, 300);
        EtaPredictor p = new EtaPredictor(EtaModel.train(g.train, EtaData.builtIn(), EtaModel.Settings.DEFAULT));
        LocalDateTime at = LocalDateTime.parse("2026-10-05T10:00");
        assertThat(p.predict("yurtici", "std", "34", "06", at).why().level()).isEqualTo(EtaModel.Level.LANE);
        int n = 200_000;
        long started = System.nanoTime();
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += p.predict(CARRIERS[i % CARRIERS.length], "std", "34", i % 2 == 0 ? "06" : "65", at.plusDays(i % 60)).promise().getDayOfMonth();
        }
        double micros = (System.nanoTime() - started) / 1000.0 / n;
        System.out.println("one prediction: " + String.format("%.2f", micros) + " µs on average (" + sum + ")");
        assertThat(sum).isPositive();
    }
}
