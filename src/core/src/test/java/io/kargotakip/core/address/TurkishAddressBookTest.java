package io.kargotakip.core.address;

import io.kargotakip.core.address.TurkishAddressBook.District;
import io.kargotakip.core.address.TurkishAddressBook.Neighbourhood;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.text.Collator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TurkishAddressBookTest {

    private static final TurkishAddressBook BOOK = TurkishAddressBook.builtIn();

    @Test
    void theDataHasEveryProvinceDistrictAndNeighbourhoodOfPttsList() {
        assertThat(BOOK.provinces()).hasSize(81);
        int districts = 0;
        int neighbourhoods = 0;
        Set<String> codes = new HashSet<>();
        int withSeveralCodes = 0;
        for (String p : BOOK.provinces()) {
            districts += BOOK.districts(p).size();
            for (String d : BOOK.districts(p)) {
                neighbourhoods += BOOK.neighbourhoods(p, d).size();
                codes.addAll(BOOK.postalCodes(p, d));
                withSeveralCodes += BOOK.postalCodes(p, d).size() > 1 ? 1 : 0;
            }
        }
        assertThat(districts).isEqualTo(973);
        assertThat(neighbourhoods).as("73,305 rows less 5 that differed only by a double space").isEqualTo(73_300);
        assertThat(codes).hasSize(2_771);
        assertThat(withSeveralCodes).isEqualTo(648);
        assertThat(BOOK.districts("İstanbul")).hasSize(39).contains("Kadıköy", "Bahçelievler");
    }

    @Test
    void everyPostalCodeStartsWithItsPlateAndLocatesItsOwnDistrict() {
        for (String p : BOOK.provinces()) {
            String plate = BOOK.plate(p).orElseThrow();
            for (String d : BOOK.districts(p)) {
                for (Neighbourhood n : BOOK.neighbourhoods(p, d)) {
                    assertThat(n.postalCode()).startsWith(plate);
                    assertThat(BOOK.locate(n.postalCode())).as(n.toString()).contains(new District(p, d));
                }
                assertThat(BOOK.postalCodes(p, d)).isSorted()
                        .containsExactlyInAnyOrderElementsOf(BOOK.neighbourhoods(p, d).stream().map(Neighbourhood::postalCode).distinct().toList());
            }
        }
        assertThat(BOOK.plate("İstanbul")).contains("34");
    }

    @Test
    void provincesAreInTurkishAlphabeticalOrder() {
        List<String> provinces = BOOK.provinces();
        assertThat(provinces.get(0)).isEqualTo("Adana");
        assertThat(provinces.get(80)).isEqualTo("Zonguldak");
        // Turkish: c < ç, ı < i, s < ş; Iğdır and Isparta (I) come before İstanbul and İzmir (İ)
        assertThat(provinces.indexOf("Bursa")).isLessThan(provinces.indexOf("Çanakkale"));
        assertThat(provinces.indexOf("Çorum")).isLessThan(provinces.indexOf("Denizli"));
        assertThat(provinces.indexOf("Iğdır")).isLessThan(provinces.indexOf("Isparta"));
        assertThat(provinces.indexOf("Isparta")).isLessThan(provinces.indexOf("İstanbul"));
        assertThat(provinces.indexOf("İstanbul")).isLessThan(provinces.indexOf("İzmir"));
        assertThat(provinces.indexOf("Sivas")).isLessThan(provinces.indexOf("Şanlıurfa"));
        assertThat(provinces.indexOf("Şırnak")).isLessThan(provinces.indexOf("Tekirdağ"));
        assertThat(provinces).isSortedAccordingTo(Collator.getInstance(Locale.forLanguageTag("tr"))::compare);
        assertThat(BOOK.districts("Ankara")).isSortedAccordingTo(Collator.getInstance(Locale.forLanguageTag("tr"))::compare);
    }

    @Test
    void neighbourhoodsComeWithTheirPostalCodeAndNamesAsTheDataHasThem() {
        assertThat(BOOK.neighbourhoods("İstanbul", "Kadıköy")).contains(new Neighbourhood("Caferağa Mah", "34710"));
        assertThat(BOOK.postalCodes("İstanbul", "Kadıköy")).startsWith("34710", "34714").hasSize(17);
        assertThat(BOOK.neighbourhoods("Kars", "Kağızman")).as("the one name with a comma, quoted in the file")
                .contains(new Neighbourhood("3,mezra Mah (bulanık Köyü)", "36702"));
    }

    @Test
    void lookupsTakeTheBooksNamesAndAnswerEmptyForOthers() {
        assertThat(BOOK.districts("istanbul")).isEmpty();
        assertThat(BOOK.districts(null)).isEmpty();
        assertThat(BOOK.neighbourhoods("Ankara", "Kadıköy")).as("Kadıköy is not in Ankara").isEmpty();
        assertThat(BOOK.postalCodes("İstanbul", null)).isEmpty();
        assertThat(BOOK.plate("Narnia")).isEmpty();
    }

    @Test
    void aPostalCodeLocatesItsDistrict() {
        assertThat(BOOK.locate("34710")).contains(new District("İstanbul", "Kadıköy"));
        assertThat(BOOK.locate(" 06490 ")).map(District::province).contains("Ankara");
        assertThat(BOOK.locate("99999")).isEmpty();
        assertThat(BOOK.locate("abcde")).isEmpty();
        assertThat(BOOK.locate(null)).isEmpty();
    }

    @Test
    void theBookIsReadOnceAlsoWhenManyAskAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<TurkishAddressBook>> asks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                asks.add(TurkishAddressBook::builtIn);
            }
            Set<TurkishAddressBook> books = new HashSet<>();
            for (Future<TurkishAddressBook> f : pool.invokeAll(asks)) {
                books.add(f.get());
            }
            assertThat(books).containsExactly(BOOK);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBadDataFileStopsTheLoadNamingItsLine() {
        assertThatIllegalStateException().isThrownBy(() -> read("il,ilce\n"))
                .withMessage("test.csv:1: the header must be plate,il,ilce,mahalle,postal_code");
        assertThatIllegalStateException().isThrownBy(() -> read(HEADER + "34,İstanbul,Kadıköy,Caferağa Mah\n"))
                .withMessage("test.csv:2: expected 5 cells plate,il,ilce,mahalle,postal_code");
        assertThatIllegalStateException().isThrownBy(() -> read(HEADER + "34,İstanbul,Kadıköy,Caferağa Mah,06710\n"))
                .withMessage("test.csv:2: the plate must be 2 digits and the postal code 5 digits starting with it");
        assertThatIllegalStateException().isThrownBy(() -> read(HEADER
                        + "34,İstanbul,Kadıköy,Caferağa Mah,34710\n34,İstanbul,Kartal,Yalı Mah,34710\n"))
                .withMessage("test.csv:3: postal code 34710 is in Kadıköy and in Kartal");
        assertThatIllegalStateException().isThrownBy(() -> read(HEADER
                        + "34,İstanbul,Kadıköy,Caferağa Mah,34710\n35,İstanbul,Kartal,Yalı Mah,35710\n"))
                .withMessage("test.csv:3: İstanbul has two plates, 34 and 35");
    }

    @Test
    void aSmallFileReadsLikeTheShippedOne() throws Exception {
        TurkishAddressBook book = read(HEADER + "34,İstanbul,Kadıköy,\"Moda, Mah\",34710\n06,Ankara,Çankaya,Bahçelievler Mah,06490\n");
        assertThat(book.provinces()).containsExactly("Ankara", "İstanbul");
        assertThat(book.neighbourhoods("İstanbul", "Kadıköy")).containsExactly(new Neighbourhood("Moda, Mah", "34710"));
        assertThat(book.locate("06490")).isEqualTo(Optional.of(new District("Ankara", "Çankaya")));
    }

    private static final String HEADER = "plate,il,ilce,mahalle,postal_code\n";

    private static TurkishAddressBook read(String csv) throws Exception {
        return TurkishAddressBook.read("test.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }
}
