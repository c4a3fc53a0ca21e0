package io.kargotakip.carriers.kit;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The time zone of a place a carrier names: country, and state or province for countries with
 * several zones (US, CA, MX, BR, AU, RU). From {@code carriers/kit/location-zones.csv}, loaded and
 * checked when the class is initialised (a bad zone id fails the start-up and the build).
 */
public final class LocationZones {

    static final String RESOURCE = "/carriers/kit/location-zones.csv";

    private static final Map<String, ZoneId> ZONES = load();

    private LocationZones() {
    }

    /**
     * @param country       ISO 3166-1 alpha-2 code, any case; null or unknown gives nothing
     * @param stateProvince the subdivision as carriers write it ({@code NJ}, {@code ON}); may be null
     * @return the state's zone, else the country's, else empty
     */
    public static Optional<ZoneId> of(String country, String stateProvince) {
        String c = key(country);
        if (c == null) {
            return Optional.empty();
        }
        String s = key(stateProvince);
        ZoneId zone = s == null ? null : ZONES.get(c + "/" + s);
        return Optional.ofNullable(zone != null ? zone : ZONES.get(c + "/"));
    }

    private static String key(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim().toUpperCase(Locale.ROOT);
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static Map<String, ZoneId> load() {
        CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).get();
        try (InputStream in = LocationZones.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("location zones not on the classpath: " + RESOURCE);
            }
            Map<String, ZoneId> zones = new HashMap<>();
            try (CSVParser csv = CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8), format)) {
                for (CSVRecord row : csv) {
                    String country = row.get("country");
                    if (!country.matches("[A-Z]{2}")) {
                        throw new IllegalStateException(RESOURCE + " row " + row.getRecordNumber() + ": bad country");
                    }
                    ZoneId zone;
                    try {
                        zone = ZoneId.of(row.get("zone"));
                    } catch (DateTimeException e) {
                        throw new IllegalStateException(RESOURCE + " row " + row.getRecordNumber() + ": bad zone", e);
                    }
                    if (zones.put(country + "/" + row.get("state"), zone) != null) {
                        throw new IllegalStateException(RESOURCE + " row " + row.getRecordNumber() + ": duplicate");
                    }
                }
            }
            return Map.copyOf(zones);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
