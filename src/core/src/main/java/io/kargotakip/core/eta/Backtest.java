package io.kargotakip.core.eta;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How the model would have done: trained on one set of delivered shipments, it predicts each of another set from its
 * handover, and the predictions are scored against the delivery days (in the carrier's working days): the share
 * delivered by the promise, the promise's mean length, the most likely day's error (mean and median) and the share
 * delivered on exactly that day; and the same for the carrier's own estimate on the rows that have one (its promise and
 * its most likely day both the estimate), with the model's figures on those same rows beside it.
 */
public final class Backtest {

    /**
     * @param rows              test rows scored
     * @param onTimeRate        delivered on or before the promise
     * @param meanPromiseDays   working days from the journey's start to the promise, on average
     * @param maeDays           mean absolute working days between the most likely day and the delivery
     * @param medianAbsErrorDays the median of the same
     * @param exactDayRate      delivered on the most likely day
     */
    public record Metrics(int rows, double onTimeRate, double meanPromiseDays, double maeDays, double medianAbsErrorDays,
                          double exactDayRate) {

        public String json() {
            return "{\"rows\":" + rows + ",\"on_time_rate\":" + num(onTimeRate) + ",\"mean_promise_days\":" + num(meanPromiseDays)
                    + ",\"mae_days\":" + num(maeDays) + ",\"median_abs_error_days\":" + num(medianAbsErrorDays)
                    + ",\"exact_day_rate\":" + num(exactDayRate) + "}";
        }
    }

    /**
     * @param model           the model on every test row
     * @param carrierEstimate the carrier's estimate on the rows that have one (null when none has)
     * @param modelSameRows   the model on those same rows (null when none has)
     * @param trainRows       the shipments trained on
     */
    public record Result(Metrics model, Metrics carrierEstimate, Metrics modelSameRows, int trainRows) {

        /** The one JSON object {@code ./kargo eta backtest} prints (with the bad rows it was told of). */
        public String json(int badTrainRows, int badTestRows, double confidence, String calendar) {
            StringBuilder b = new StringBuilder(model.json());
            b.setLength(b.length() - 1);
            b.append(",\"train_rows\":").append(trainRows).append(",\"bad_train_rows\":").append(badTrainRows)
                    .append(",\"bad_test_rows\":").append(badTestRows).append(",\"confidence\":").append(num(confidence))
                    .append(",\"calendar\":\"").append(calendar).append('"');
            if (carrierEstimate != null) {
                b.append(",\"carrier_estimate\":").append(carrierEstimate.json()).append(",\"model_on_carrier_estimate_rows\":")
                        .append(modelSameRows.json());
            }
            return b.append('}').toString();
        }
    }

    private Backtest() {
    }

    public static Result run(List<TransitSample> train, List<BacktestCsv.Row> test, EtaData data, EtaModel.Settings settings) {
        EtaPredictor predictor = new EtaPredictor(EtaModel.train(train, data, settings));
        Score model = new Score(test.size());
        Score estimate = new Score(test.size());
        Score modelSame = new Score(test.size());
        for (BacktestCsv.Row row : test) {
            TransitSample s = row.sample();
            Prediction p = predictor.predict(s.carrier(), s.service(), s.origin(), s.destination(), s.shippedAt());
            WorkingDays days = data.calendar(s.carrier());
            model.add(days, p.start(), p.mostLikely(), p.promise(), s.delivered());
            if (row.carrierEstimate() != null) {
                estimate.add(days, p.start(), row.carrierEstimate(), row.carrierEstimate(), s.delivered());
                modelSame.add(days, p.start(), p.mostLikely(), p.promise(), s.delivered());
            }
        }
        return new Result(model.metrics(), estimate.n == 0 ? null : estimate.metrics(), estimate.n == 0 ? null : modelSame.metrics(),
                train.size());
    }

    private static final class Score {
        int n;
        int onTime;
        int exact;
        long promiseDays;
        int[] errors;

        Score(int capacity) {
            errors = new int[Math.max(1, capacity)];
        }

        void add(WorkingDays days, LocalDate start, LocalDate mostLikely, LocalDate promise, LocalDate delivered) {
            if (!delivered.isAfter(promise)) {
                onTime++;
            }
            if (delivered.equals(mostLikely)) {
                exact++;
            }
            promiseDays += days.between(start, promise);
            errors[n++] = Math.abs(days.between(mostLikely, delivered));
        }

        Metrics metrics() {
            if (n == 0) {
                return new Metrics(0, 0, 0, 0, 0, 0);
            }
            int[] e = Arrays.copyOf(errors, n);
            Arrays.sort(e);
            long sum = 0;
            for (int x : e) {
                sum += x;
            }
            double median = n % 2 == 1 ? e[n / 2] : (e[n / 2 - 1] + e[n / 2]) / 2.0;
            return new Metrics(n, onTime / (double) n, promiseDays / (double) n, sum / (double) n, median, exact / (double) n);
        }
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "").replaceAll("\\.$", ".0");
    }

    /** The samples of rows, for training. */
    public static List<TransitSample> samples(List<BacktestCsv.Row> rows) {
        List<TransitSample> s = new ArrayList<>(rows.size());
        rows.forEach(r -> s.add(r.sample()));
        return s;
    }
}
