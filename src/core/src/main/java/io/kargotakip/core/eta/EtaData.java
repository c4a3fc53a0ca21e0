package io.kargotakip.core.eta;

import io.kargotakip.core.address.ProvinceCentres;
import io.kargotakip.core.calendar.BusinessCalendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ETA model's data files: {@code eta/regions.csv} (plate code → geographic region), {@code eta/carrier-days.csv}
 * (who delivers on Saturday) and {@code eta/priors.csv} (per carrier, the transit quantiles assumed before a merchant has
 * data). A bad row fails the load with its file and line: these ship with the product.
 */
public final class EtaData {

    public static final String REGIONS = "eta/regions.csv";
    public static final String CARRIER_DAYS = "eta/carrier-days.csv";
    public static final String PRIORS = "eta/priors.csv";
    /** The priors' row for a carrier without its own. */
    public static final String ANY_CARRIER = "*";

    /** A carrier's assumed transit in working days: the most likely, and the quantiles a promise may take. */
    public record Prior(int mostLikely, int p50, int p80, int p90, int p95) {

        /** The smallest tabulated quantile at or above the confidence (0.85 → the P90). */
        public int quantile(double confidence) {
            if (confidence <= 0.5) {
                return p50;
            }
            if (confidence <= 0.8) {
                return p80;
            }
            return confidence <= 0.9 ? p90 : p95;
        }
    }

    private static volatile EtaData builtIn;

    private final Map<String, String> regionOfPlate;
    private final Map<String, Boolean> saturday;
    private final Map<String, Prior> priors;
    private final Map<String, WorkingDays> calendars = new ConcurrentHashMap<>();
    private final boolean turkishCalendar;

    private EtaData(Map<String, String> regionOfPlate, Map<String, Boolean> saturday, Map<String, Prior> priors, boolean turkishCalendar) {
        this.regionOfPlate = regionOfPlate;
        this.saturday = saturday;
        this.priors = priors;
        this.turkishCalendar = turkishCalendar;
        if (!priors.containsKey(ANY_CARRIER)) {
            throw new IllegalStateException(PRIORS + " has no '*' row");
        }
    }

    /** The shipped files with the Turkish holiday calendar. */
    public static EtaData builtIn() {
        EtaData d = builtIn;
        if (d == null) {
            d = load(true);
            builtIn = d;
        }
        return d;
    }

    /**
     * The shipped files; with {@code turkishCalendar} false every day is a working day and there are no holidays
     * (plain calendar days: the backtest's {@code --calendar none}, to see what the calendar is worth).
     */
    public static EtaData load(boolean turkishCalendar) {
        Map<String, String> regions = new HashMap<>();
        for (Row r : rows(REGIONS, 2)) {
            if (!r.cells[0].matches("\\d\\d")) {
                throw new IllegalStateException(REGIONS + ":" + r.line + ": plate must be two digits");
            }
            regions.put(r.cells[0], r.cells[1]);
        }
        Map<String, Boolean> saturday = new HashMap<>();
        for (Row r : rows(CARRIER_DAYS, 2)) {
            saturday.put(r.cells[0], switch (r.cells[1]) {
                case "yes" -> true;
                case "no" -> false;
                default -> throw new IllegalStateException(CARRIER_DAYS + ":" + r.line + ": saturday must be yes or no");
            });
        }
        Map<String, Prior> priors = new HashMap<>();
        for (Row r : rows(PRIORS, 6)) {
            try {
                int[] q = new int[5];
                for (int i = 0; i < 5; i++) {
                    q[i] = Integer.parseInt(r.cells[i + 1]);
                }
                if (q[1] > q[2] || q[2] > q[3] || q[3] > q[4] || q[0] < 0) {
                    throw new IllegalStateException(PRIORS + ":" + r.line + ": quantiles must not decrease");
                }
                priors.put(r.cells[0], new Prior(q[0], q[1], q[2], q[3], q[4]));
            } catch (NumberFormatException e) {
                throw new IllegalStateException(PRIORS + ":" + r.line + ": days must be whole numbers");
            }
        }
        return new EtaData(Map.copyOf(regions), Map.copyOf(saturday), Map.copyOf(priors), turkishCalendar);
    }

    /** The region of a plate code, or "?" for none (a key that still groups the unknown together). */
    public String region(String plate) {
        return regionOfPlate.getOrDefault(plate, "?");
    }

    public int regionCount() {
        return (int) regionOfPlate.values().stream().distinct().count();
    }

    public Map<String, String> regions() {
        return regionOfPlate;
    }

    public Prior prior(String carrier) {
        Prior p = priors.get(carrier);
        return p != null ? p : priors.get(ANY_CARRIER);
    }

    public boolean hasPrior(String carrier) {
        return priors.containsKey(carrier);
    }

    /** Whether the carrier delivers on Saturday (a carrier not in the file does, as Turkish carriers do). */
    public boolean deliversOnSaturday(String carrier) {
        return saturday.getOrDefault(carrier, true);
    }

    /** The carrier's working days, precomputed: Turkish holidays, and Saturday when it delivers then. */
    public WorkingDays calendar(String carrier) {
        return calendars.computeIfAbsent(turkishCalendar && !deliversOnSaturday(carrier) ? "mon-fri" : "default", k -> {
            if (!turkishCalendar) {
                return new WorkingDays(BusinessCalendar.everyDay(BusinessCalendar.ISTANBUL));
            }
            BusinessCalendar tr = BusinessCalendar.turkishCarriers();
            return new WorkingDays(k.equals("mon-fri") ? tr.withWorkingDays(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)) : tr);
        });
    }

    /**
     * A province as the shipments name it: a plate code ("34", "6", "06") or a name in any case, with or without
     * Turkish letters ("İSTANBUL", "izmir"); empty when it is neither.
     */
    public static Optional<String> plate(String province) {
        if (province == null || province.isBlank()) {
            return Optional.empty();
        }
        String p = province.strip();
        if (p.chars().allMatch(Character::isDigit)) {
            if (p.length() > 2) {
                return Optional.empty();
            }
            int n = Integer.parseInt(p);
            return n >= 1 && n <= 81 ? Optional.of(String.format("%02d", n)) : Optional.empty();
        }
        return ProvinceCentres.builtIn().ofProvince(p).map(ProvinceCentres.Centre::plate);
    }

    private record Row(int line, String[] cells) {
    }

    private static List<Row> rows(String resource, int columns) {
        InputStream in = EtaData.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is not on the classpath");
        }
        List<Row> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            boolean header = true;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) { // the first row that is not a comment names the columns
                    header = false;
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (cells.length != columns) {
                    throw new IllegalStateException(resource + ":" + number + ": expected " + columns + " columns");
                }
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = cells[i].strip();
                }
                rows.add(new Row(number, cells));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
