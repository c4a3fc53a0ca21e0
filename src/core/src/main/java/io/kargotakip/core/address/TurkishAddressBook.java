package io.kargotakip.core.address;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * Turkey's provinces (il), districts (ilçe) and neighbourhoods (mahalle) with their postal codes, from PTT's posta
 * kodu list ({@code address/tr-neighbourhoods.csv.gz}; source and refresh in that folder's README). It gives the
 * address form's pick-lists and finds what a customer typed ({@code find…}, see {@link AddressMatcher}).
 *
 * <p>Names are as the data has them: "Kadıköy", "Caferağa Mah", "Akören Köyü", "Çakmak Mah (akdurak Köyü)". The
 * "Mah"/"Köyü" is kept in what is shown and stored (it is how PTT and the carriers write it) and ignored in matching.
 * The lookups take names exactly as this book gives them and answer empty for any other; typed text goes through
 * {@code find…}. Lists are in Turkish alphabetical order ({@link Collator} for {@code tr}), postal codes ascending.
 */
public final class TurkishAddressBook {

    public static final String DATA = "address/tr-neighbourhoods.csv.gz";
    private static final String HEADER = "plate,il,ilce,mahalle,postal_code";

    private static volatile TurkishAddressBook builtIn;

    /** A neighbourhood and its postal code (PTT gives each exactly one). */
    public record Neighbourhood(String name, String postalCode) {
    }

    /** A district with its province: what a postal code or a district typed without its province finds. */
    public record District(String province, String name) {
    }

    private final List<String> provinces;
    private final Map<String, ProvinceData> byProvince;
    private final Map<String, District> byPostalCode;
    private final AddressMatcher.Names<String> provinceNames;
    private final Lazy<AddressMatcher.Names<District>> allDistricts;

    private TurkishAddressBook(Map<String, ProvinceData> byProvince, Map<String, District> byPostalCode) {
        Collator collator = collator();
        this.byProvince = Map.copyOf(byProvince);
        this.provinces = byProvince.keySet().stream().sorted(collator).toList();
        this.byPostalCode = Map.copyOf(byPostalCode);
        this.provinceNames = new AddressMatcher.Names<>(provinces, p -> p);
        this.allDistricts = new Lazy<>(() -> new AddressMatcher.Names<>(this.provinces.stream()
                .flatMap(p -> this.byProvince.get(p).districts.keySet().stream().map(d -> new District(p, d)))
                .sorted(Comparator.comparing(District::name, collator).thenComparing(District::province, collator))
                .toList(), District::name));
    }

    /** The shipped data, read on first use (about 73,000 rows) and then kept for the life of the process. */
    public static TurkishAddressBook builtIn() {
        TurkishAddressBook book = builtIn;
        if (book == null) {
            synchronized (TurkishAddressBook.class) {
                book = builtIn;
                if (book == null) {
                    InputStream in = TurkishAddressBook.class.getClassLoader().getResourceAsStream(DATA);
                    if (in == null) {
                        throw new IllegalStateException(DATA + " is missing from the classpath");
                    }
                    try (in) {
                        book = read(DATA, new GZIPInputStream(in));
                    } catch (IOException e) {
                        throw new UncheckedIOException(DATA + ": " + e.getMessage(), e);
                    }
                    builtIn = book;
                }
            }
        }
        return book;
    }

    /**
     * Reads a {@code plate,il,ilce,mahalle,postal_code} table (UTF-8, not compressed). A bad row stops the load with
     * its line, and so does a break of what the lookups rely on: the postal code starts with the plate, and no postal
     * code is in two districts.
     */
    static TurkishAddressBook read(String name, InputStream csv) throws IOException {
        Map<String, ProvinceData> byProvince = new HashMap<>();
        Map<String, District> byPostalCode = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8))) {
            String line = reader.readLine();
            if (line == null || !line.equals(HEADER)) {
                throw new IllegalStateException(name + ":1: the header must be " + HEADER);
            }
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isEmpty()) {
                    continue;
                }
                List<String> cells = cells(line);
                String where = name + ":" + number + ": ";
                if (cells.size() != 5 || cells.contains("")) {
                    throw new IllegalStateException(where + "expected 5 cells " + HEADER);
                }
                String plate = cells.get(0);
                String province = cells.get(1);
                String district = cells.get(2);
                String neighbourhood = cells.get(3);
                String postalCode = cells.get(4);
                if (!digits(plate, 2) || !digits(postalCode, 5) || !postalCode.startsWith(plate)) {
                    throw new IllegalStateException(where + "the plate must be 2 digits and the postal code 5 digits starting with it");
                }
                ProvinceData p = byProvince.computeIfAbsent(province, k -> new ProvinceData(plate));
                if (!p.plate.equals(plate)) {
                    throw new IllegalStateException(where + province + " has two plates, " + p.plate + " and " + plate);
                }
                District d = new District(province, district);
                District before = byPostalCode.putIfAbsent(postalCode, d);
                if (before != null && !before.equals(d)) {
                    throw new IllegalStateException(where + "postal code " + postalCode + " is in " + before.name() + " and in " + district);
                }
                DistrictData data = p.districts.computeIfAbsent(district, k -> new DistrictData());
                if (data.rows.put(neighbourhood, postalCode) != null) {
                    throw new IllegalStateException(where + neighbourhood + " is twice in " + district);
                }
            }
        }
        Collator collator = collator();
        for (ProvinceData p : byProvince.values()) {
            p.seal(collator);
        }
        return new TurkishAddressBook(byProvince, byPostalCode);
    }

    /** The 81 provinces. */
    public List<String> provinces() {
        return provinces;
    }

    /** The province's plate number ("34" for İstanbul), the first two digits of its postal codes. */
    public Optional<String> plate(String province) {
        ProvinceData p = province(province);
        return p == null ? Optional.empty() : Optional.of(p.plate);
    }

    /** The districts of a province; empty for a name that is not one. */
    public List<String> districts(String province) {
        ProvinceData p = province(province);
        return p == null ? List.of() : p.districtNames;
    }

    /** The neighbourhoods of a district with their postal codes; empty when the district is not in the province. */
    public List<Neighbourhood> neighbourhoods(String province, String district) {
        DistrictData d = district(province, district);
        return d == null ? List.of() : d.neighbourhoods.get();
    }

    /** The postal codes of a district, ascending; empty when the district is not in the province. */
    public List<String> postalCodes(String province, String district) {
        DistrictData d = district(province, district);
        return d == null ? List.of() : d.postalCodes;
    }

    /** The district a postal code belongs to (each is in exactly one), or empty for a code PTT does not list. */
    public Optional<District> locate(String postalCode) {
        return Optional.ofNullable(postalCode == null ? null : byPostalCode.get(postalCode.strip()));
    }

    /** The province a customer typed ("istanbul", "IZMIR", "Şanlıurfa"). */
    public AddressMatcher.Match<String> findProvince(String typed) {
        return provinceNames.match(typed);
    }

    /** A district as typed, among the given province's only; nothing when the province is not one of {@link #provinces()}. */
    public AddressMatcher.Match<String> findDistrict(String province, String typed) {
        ProvinceData p = province(province);
        return p == null ? AddressMatcher.Match.none() : p.districtMatcher.get().match(typed);
    }

    /** A district typed without its province, among all 973, each with its province ("Merkez" is in many). */
    public AddressMatcher.Match<District> findDistrict(String typed) {
        return allDistricts.get().match(typed);
    }

    /** A neighbourhood as typed, among the given district's only; nothing when the district is not in the province. */
    public AddressMatcher.Match<Neighbourhood> findNeighbourhood(String province, String district, String typed) {
        DistrictData d = district(province, district);
        return d == null ? AddressMatcher.Match.none() : d.matcher.get().match(typed);
    }

    private ProvinceData province(String province) {
        return province == null ? null : byProvince.get(province);
    }

    private DistrictData district(String province, String district) {
        ProvinceData p = province(province);
        return p == null || district == null ? null : p.districts.get(district);
    }

    static Collator collator() {
        return Collator.getInstance(AddressMatcher.TR);
    }

    /** Whether {@code s} is {@code length} ASCII digits (a regular expression per cell made the load slower by half). */
    private static boolean digits(String s, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** One CSV line: cells split at commas, a quoted cell may hold commas and doubled quotes. */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    private static final class ProvinceData {
        final String plate;
        final Map<String, DistrictData> districts = new HashMap<>();
        List<String> districtNames;
        Lazy<AddressMatcher.Names<String>> districtMatcher;

        ProvinceData(String plate) {
            this.plate = plate;
        }

        void seal(Collator collator) {
            districtNames = districts.keySet().stream().sorted(collator).toList();
            List<String> names = districtNames;
            districtMatcher = new Lazy<>(() -> new AddressMatcher.Names<>(names, d -> d));
            for (DistrictData d : districts.values()) {
                d.seal();
            }
        }
    }

    private static final class DistrictData {
        /** neighbourhood → postal code while reading */
        final Map<String, String> rows = new LinkedHashMap<>();
        Lazy<List<Neighbourhood>> neighbourhoods;
        List<String> postalCodes;
        Lazy<AddressMatcher.Names<Neighbourhood>> matcher;

        void seal() {
            postalCodes = List.copyOf(new TreeSet<>(rows.values()));
            Map<String, String> read = Map.copyOf(rows);
            // sorted when the district is first asked for: the JDK's Turkish collation of all 73,000 names takes
            // seconds, a district's hundred a millisecond, and a process asks for few districts
            neighbourhoods = new Lazy<>(() -> {
                Collator collator = collator();
                return read.entrySet().stream().map(e -> new Neighbourhood(e.getKey(), e.getValue()))
                        .sorted(Comparator.comparing(Neighbourhood::name, collator)).toList();
            });
            matcher = new Lazy<>(() -> new AddressMatcher.Names<>(neighbourhoods.get(), Neighbourhood::name));
        }
    }

    /** A value made on first use, once, safely across threads. */
    private static final class Lazy<T> {
        private final Supplier<T> make;
        private volatile T value;

        Lazy(Supplier<T> make) {
            this.make = make;
        }

        T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        v = make.get();
                        value = v;
                    }
                }
            }
            return v;
        }
    }
}
