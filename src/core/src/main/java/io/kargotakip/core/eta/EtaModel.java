package io.kargotakip.core.eta;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Transit times learnt from a merchant's delivered shipments: per key, the distribution of working days from the first
 * working day of the parcel's journey to its delivery, reduced at training time to what a prediction needs (most
 * likely, the promise quantile, the window's early end, the sample count), so predicting is a few map look-ups.
 * Keys go from the finest to the coarsest — carrier+service+origin+destination province, carrier+origin region+
 * destination region, carrier+destination region, carrier — and a level is used when it has at least
 * {@code minSamples} shipments; below all of them, the carrier's documented prior ({@link EtaData.Prior}).
 */
public final class EtaModel {

    /** The level a prediction came from, finest first. */
    public enum Level { LANE, REGIONS, DESTINATION_REGION, CARRIER, PRIOR }

    /**
     * @param minSamples a level is used from this many shipments on (30: fewer make a P90 a guess)
     * @param confidence the promise's quantile (0.8–0.95: the share of parcels delivered by the promised day)
     * @param cutOff     a parcel handed over after this (13:00 on a half day) starts its journey the next working day
     */
    public record Settings(int minSamples, double confidence, LocalTime cutOff) {
        public static final Settings DEFAULT = new Settings(30, 0.9, LocalTime.of(17, 0));

        public Settings {
            if (minSamples < 1) {
                throw new IllegalArgumentException("minSamples must be at least 1");
            }
            if (!(confidence > 0.5 && confidence < 1)) {
                throw new IllegalArgumentException("confidence must be between 0.5 and 1, e.g. 0.9");
            }
        }

        public Settings withConfidence(double c) {
            return new Settings(minSamples, c, cutOff);
        }

        public Settings withMinSamples(int n) {
            return new Settings(n, confidence, cutOff);
        }
    }

    /** What a key's distribution says, in working days from the journey's first day. */
    public record Transit(int mostLikely, int earliest, int promise, int samples) {
    }

    /** The transit of the finest level with enough data, and which level and key that was. */
    public record Found(Level level, String key, Transit transit) {
    }

    private static final LocalTime HALF_DAY_CUT_OFF = LocalTime.of(13, 0);

    private final EtaData data;
    private final Settings settings;
    private final Map<String, Transit> byKey;

    private EtaModel(EtaData data, Settings settings, Map<String, Transit> byKey) {
        this.data = data;
        this.settings = settings;
        this.byKey = byKey;
    }

    public Settings settings() {
        return settings;
    }

    public EtaData data() {
        return data;
    }

    /** A model without shipments: every prediction is the carrier's prior. */
    public static EtaModel priorsOnly(EtaData data, Settings settings) {
        return new EtaModel(data, settings, Map.of());
    }

    /** Learns from the samples; one delivered before its journey started (a data error) is left out. */
    public static EtaModel train(List<TransitSample> samples, EtaData data, Settings settings) {
        Map<String, IntList> grouped = new HashMap<>();
        for (TransitSample s : samples) {
            WorkingDays days = data.calendar(s.carrier());
            LocalDate start = startDay(days, s.shippedAt(), settings.cutOff());
            int transit = days.between(start, s.delivered());
            if (transit < 0) {
                continue;
            }
            for (String key : keys(data, s.carrier(), s.service(), s.origin(), s.destination())) {
                grouped.computeIfAbsent(key, k -> new IntList()).add(transit);
            }
        }
        Map<String, Transit> byKey = new HashMap<>(grouped.size() * 2);
        grouped.forEach((key, list) -> byKey.put(key, reduce(list, settings.confidence())));
        return new EtaModel(data, settings, byKey);
    }

    /** The first working day of a parcel's journey: the day it was handed over, unless after the cut-off or on a day off. */
    public static LocalDate startDay(WorkingDays days, LocalDateTime shippedAt, LocalTime cutOff) {
        LocalDate day = shippedAt.toLocalDate();
        if (!days.isWorkingDay(day)) {
            return days.plus(day, 1);
        }
        LocalTime cut = days.calendar().isHalfDay(day) && HALF_DAY_CUT_OFF.isBefore(cutOff) ? HALF_DAY_CUT_OFF : cutOff;
        return shippedAt.toLocalTime().isBefore(cut) ? day : days.plus(day, 1);
    }

    /** The transit for a shipment: the finest level with at least minSamples, else the prior. */
    public Found find(String carrier, String service, String origin, String destination) {
        String[] keys = keys(data, carrier, service == null ? "" : service, origin, destination);
        Level[] levels = Level.values();
        for (int i = 0; i < keys.length; i++) {
            Transit t = byKey.get(keys[i]);
            if (t != null && t.samples() >= settings.minSamples()) {
                return new Found(levels[i], keys[i], t);
            }
        }
        EtaData.Prior p = data.prior(carrier);
        return new Found(Level.PRIOR, "prior:" + (data.hasPrior(carrier) ? carrier : EtaData.ANY_CARRIER),
                new Transit(p.mostLikely(), Math.min(p.mostLikely(), p.p50()), Math.max(p.mostLikely(), p.quantile(settings.confidence())), 0));
    }

    /** How many shipments a key has (0 when none): for explanations and tests. */
    public int samples(String key) {
        Transit t = byKey.get(key);
        return t == null ? 0 : t.samples();
    }

    static String[] keys(EtaData data, String carrier, String service, String origin, String destination) {
        String from = data.region(origin);
        String to = data.region(destination);
        return new String[] {
                carrier + "|" + service + "|" + origin + "|" + destination,
                carrier + "|" + from + ">" + to,
                carrier + "|>" + to,
                carrier,
        };
    }

    /** Most likely = the mode (the smaller on a tie); promise and early end by nearest rank. */
    static Transit reduce(IntList list, double confidence) {
        int[] v = list.sorted();
        int n = v.length;
        int mode = v[0];
        int best = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && v[j] == v[i]) {
                j++;
            }
            if (j - i > best) {
                best = j - i;
                mode = v[i];
            }
            i = j;
        }
        int promise = v[rank(confidence, n)];
        int earliest = v[rank(1 - confidence, n)];
        return new Transit(mode, Math.min(earliest, mode), Math.max(promise, mode), n);
    }

    private static int rank(double q, int n) {
        return Math.max(0, Math.min(n - 1, (int) Math.ceil(q * n - 1e-9) - 1));
    }

    static final class IntList {
        private int[] values = new int[8];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int[] sorted() {
            int[] v = Arrays.copyOf(values, size);
            Arrays.sort(v);
            return v;
        }
    }
}
