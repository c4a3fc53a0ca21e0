package io.kargotakip.core.address;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each of the 81 provinces is on a map (its capital, {@code address/tr-province-centres.csv}), and which province a
 * carrier's place text names ("KADIKÖY / İSTANBUL", "Ankara Aktarma Merkezi"). Small on purpose: the tracking page reads
 * it on every view, and the full address book is loaded only for the address form.
 */
public final class ProvinceCentres {

    public static final String DATA = "address/tr-province-centres.csv";

    /** A province's plate, name and capital's coordinates (WGS 84). */
    public record Centre(String plate, String province, double latitude, double longitude) {
    }

    private static volatile ProvinceCentres builtIn;

    private final List<Centre> centres;
    private final Map<String, Centre> byFolded;

    ProvinceCentres(List<Centre> centres) {
        this.centres = List.copyOf(centres);
        Map<String, Centre> folded = new HashMap<>();
        centres.forEach(c -> folded.put(AddressMatcher.fold(c.province()), c));
        this.byFolded = Map.copyOf(folded);
    }

    public static ProvinceCentres builtIn() {
        ProvinceCentres c = builtIn;
        if (c == null) {
            try (InputStream in = ProvinceCentres.class.getClassLoader().getResourceAsStream(DATA)) {
                if (in == null) {
                    throw new IllegalStateException(DATA + " is missing from the classpath");
                }
                c = read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            builtIn = c;
        }
        return c;
    }

    static ProvinceCentres read(List<String> lines) {
        List<Centre> centres = new ArrayList<>();
        int number = 0;
        for (String line : lines) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            try {
                centres.add(new Centre(cells[0], cells[1], Double.parseDouble(cells[2]), Double.parseDouble(cells[3])));
            } catch (RuntimeException e) {
                throw new IllegalStateException(DATA + ":" + number + ": expected plate,province,latitude,longitude");
            }
        }
        return new ProvinceCentres(centres);
    }

    public List<Centre> all() {
        return centres;
    }

    /** The province of that name, however it is cased or spelled without Turkish letters ("ISTANBUL", "Izmir"). */
    public Optional<Centre> ofProvince(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byFolded.get(AddressMatcher.fold(name.strip())));
    }

    /**
     * The province a carrier's place text names: the last word (or pair of words, "Afyon Karahisar" is not one) that is a
     * province's name, as carriers write "district / province"; empty when none is.
     */
    public Optional<Centre> locate(String place) {
        if (place == null || place.isBlank()) {
            return Optional.empty();
        }
        String[] words = place.split("[^\\p{L}]+");
        for (int i = words.length - 1; i >= 0; i--) {
            if (words[i].isEmpty()) {
                continue;
            }
            Optional<Centre> one = ofProvince(words[i]);
            if (one.isPresent()) {
                return one;
            }
            if (i > 0) {
                Optional<Centre> two = ofProvince(words[i - 1] + words[i]);
                if (two.isPresent()) {
                    return two;
                }
            }
        }
        return Optional.empty();
    }
}
