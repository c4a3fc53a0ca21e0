package io.kargotakip.core.address;

import io.kargotakip.core.address.AddressMatcher.Match;
import io.kargotakip.core.address.TurkishAddressBook.District;
import io.kargotakip.core.address.TurkishAddressBook.Neighbourhood;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class AddressMatcherTest {

    private static final TurkishAddressBook BOOK = TurkishAddressBook.builtIn();
    private static final Locale TR = Locale.forLanguageTag("tr");

    @Test
    void foldingIgnoresCaseDiacriticsPunctuationAndTheKindOfPlace() {
        assertThat(AddressMatcher.fold("KADIKÖY")).isEqualTo("kadikoy");
        assertThat(AddressMatcher.fold("Kadıkoy")).isEqualTo("kadikoy");
        assertThat(AddressMatcher.fold("İSTANBUL")).isEqualTo("istanbul");
        assertThat(AddressMatcher.fold("Iğdır")).isEqualTo("igdir");
        assertThat(AddressMatcher.fold("bahcelievler mah.")).isEqualTo("bahcelievler");
        assertThat(AddressMatcher.fold("Bahçelievler  Mahallesi")).isEqualTo("bahcelievler");
        assertThat(AddressMatcher.fold("Akören Köyü")).isEqualTo("akoren");
        assertThat(AddressMatcher.fold("Hâkimiyet-i Milliye Mh.")).isEqualTo("hakimiyet i milliye");
        assertThat(AddressMatcher.fold("Çakmak Mah (akdurak Köyü)")).isEqualTo("cakmak akdurak");
        assertThat(AddressMatcher.fold("c\u0327ankaya")).as("a cedilla typed as a combining mark").isEqualTo("cankaya");
        assertThat(AddressMatcher.fold("Mah")).as("a name of kind words only keeps them").isEqualTo("mah");
    }

    @Test
    void theDistanceCountsEditsAndASwapOfNeighboursAsOne() {
        assertThat(AddressMatcher.distance("kadikoy", "kadikoy", 2)).isZero();
        assertThat(AddressMatcher.distance("kitten", "sitting", 3)).isEqualTo(3);
        assertThat(AddressMatcher.distance("kadikoy", "kaidkoy", 2)).isEqualTo(1);
        assertThat(AddressMatcher.distance("kadkoy", "kadikoy", 2)).isEqualTo(1);
        assertThat(AddressMatcher.distance("ankara", "izmir", 2)).as("beyond the bound: the bound plus one").isEqualTo(3);
        assertThat(AddressMatcher.distance("a", "abcdef", 2)).isEqualTo(3);
        assertThat(AddressMatcher.distance("", "ab", 2)).isEqualTo(2);
    }

    @Test
    void theAllowedDistanceGrowsWithTheName() {
        assertThat(List.of(0, 1, 4, 5, 10, 11, 30).stream().map(AddressMatcher::threshold)).containsExactly(0, 1, 1, 2, 2, 3, 3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Kadıkoy", "kadikoy", "KADIKÖY", "KADIKOY", " kadıköy ", "Kadıköy"})
    void kadikoyAsCustomersTypeItIsKadikoyInIstanbul(String typed) {
        Match<String> match = BOOK.findDistrict("İstanbul", typed);
        assertThat(match.resolved()).contains("Kadıköy");
        assertThat(match.suggestions()).first().isEqualTo("Kadıköy");
    }

    @Test
    void aTypoIsNotExactButSuggestsTheNearestFirst() {
        Match<String> match = BOOK.findDistrict("İstanbul", "Kadkoy");
        assertThat(match.resolved()).isEmpty();
        assertThat(match.suggestions()).first().isEqualTo("Kadıköy");
        assertThat(BOOK.findDistrict("İstanbul", "Kaidköy").suggestions()).as("two letters swapped").first().isEqualTo("Kadıköy");
        assertThat(BOOK.findProvince("Istanbull").suggestions()).containsExactly("İstanbul");
        assertThat(BOOK.findProvince("zzzzzzzz").suggestions()).isEmpty();
    }

    @Test
    void bahcelievlerIsFoundWithinTheProvinceGiven() {
        assertThat(BOOK.findDistrict("İstanbul", "Bahçelievler").resolved()).contains("Bahçelievler");
        Match<String> inAnkara = BOOK.findDistrict("Ankara", "Bahçelievler");
        assertThat(inAnkara.resolved()).as("Bahçelievler is a district of İstanbul, not of Ankara").isEmpty();
        assertThat(BOOK.districts("Ankara")).containsAll(inAnkara.suggestions());
        // the neighbourhood of that name, in Ankara's Çankaya
        assertThat(BOOK.findNeighbourhood("Ankara", "Çankaya", "bahcelievler mah.").resolved()).map(Neighbourhood::name).contains("Bahçelievler Mah");
        assertThat(BOOK.findNeighbourhood("Ankara", "Çankaya", "Bahçelievler Mahallesi").resolved()).map(Neighbourhood::name).contains("Bahçelievler Mah");
        assertThat(BOOK.findNeighbourhood("Ankara", "Çankaya", "Bahcelievler").resolved()).contains(new Neighbourhood("Bahçelievler Mah", "06490"));
    }

    @Test
    void aDistrictWithoutItsProvinceIsLookedUpEverywhere() {
        assertThat(BOOK.findDistrict("bahcelievler").resolved()).contains(new District("İstanbul", "Bahçelievler"));
        Match<District> merkez = BOOK.findDistrict("Merkez");
        assertThat(merkez.ambiguous()).isTrue();
        assertThat(merkez.exact()).hasSize(51).allMatch(d -> d.name().equals("Merkez"));
        assertThat(merkez.suggestions()).as("at most five, in the provinces' alphabetical order")
                .extracting(District::province).containsExactly("Adıyaman", "Afyonkarahisar", "Ağrı", "Aksaray", "Amasya");
        assertThat(BOOK.provinces().stream().filter(p -> BOOK.districts(p).contains("Merkez")).limit(5).toList())
                .containsExactlyElementsOf(merkez.suggestions().stream().map(District::province).toList());
    }

    @Test
    void namesThatFoldAlikeAreAmbiguousUnlessTheCustomerSaidWhich() {
        Match<Neighbourhood> bare = BOOK.findNeighbourhood("Adıyaman", "Besni", "pinarbasi");
        assertThat(bare.ambiguous()).isTrue();
        assertThat(bare.exact()).extracting(Neighbourhood::name).containsExactly("Pınarbaşı Köyü", "Pınarbaşı Mah");
        assertThat(BOOK.findNeighbourhood("Adıyaman", "Besni", "PINARBAŞI KÖYÜ").resolved()).map(Neighbourhood::name).contains("Pınarbaşı Köyü");
        assertThat(BOOK.findNeighbourhood("Adıyaman", "Besni", "pinarbasi mah").resolved()).map(Neighbourhood::name).contains("Pınarbaşı Mah");
    }

    @Test
    void theNameBeforeTheBracketIsEnough() {
        assertThat(BOOK.findNeighbourhood("Adıyaman", "Besni", "Tileyli").resolved()).map(Neighbourhood::name)
                .contains("Tileyli Mah (yazıbeydili Köyü)");
        assertThat(BOOK.findNeighbourhood("Adıyaman", "Besni", "çakmak").exact()).extracting(Neighbourhood::name)
                .containsExactly("Çakmak Mah (akdurak Köyü)", "Çakmak Mah (kesmetepe Beldesi)");
    }

    @Test
    void atMostFiveSuggestionsBestFirstTiesInTheGivenOrder() {
        var names = new AddressMatcher.Names<>(List.of("Adana", "Adena", "Adina", "Adona", "Aduna", "Adyna", "Adana Köyü", "Bdanab"), s -> s);
        Match<String> match = names.match("adxna");
        assertThat(match.exact()).isEmpty();
        assertThat(match.suggestions()).containsExactly("Adana", "Adena", "Adina", "Adona", "Aduna");
        assertThat(names.match("adanx").suggestions()).as("distance 1 before distance 2").startsWith("Adana", "Adana Köyü");
    }

    @Test
    void blankOrOverlongInputMatchesNothing() {
        assertThat(BOOK.findProvince("")).isEqualTo(new Match<>(List.of(), List.of()));
        assertThat(BOOK.findProvince(null).suggestions()).isEmpty();
        assertThat(BOOK.findProvince("   ").suggestions()).isEmpty();
        assertThat(BOOK.findProvince("İstanbul".repeat(20)).suggestions()).isEmpty();
        assertThat(BOOK.findProvince("!!!").suggestions()).isEmpty();
        assertThat(BOOK.findDistrict("Narnia", "Kadıköy").suggestions()).isEmpty();
        assertThat(BOOK.findNeighbourhood("Ankara", "Kadıköy", "Caferağa").suggestions()).isEmpty();
    }

    @Test
    void theSameInputGivesTheSameAnswer() throws Exception {
        TurkishAddressBook again;
        try (var in = new java.util.zip.GZIPInputStream(getClass().getClassLoader().getResourceAsStream(TurkishAddressBook.DATA))) {
            again = TurkishAddressBook.read("again", in);
        }
        for (String typed : List.of("kadkoy", "bahcelievler", "merkez", "cumhuriyet", "yeni")) {
            assertThat(again.findDistrict(typed)).isEqualTo(BOOK.findDistrict(typed));
            assertThat(again.findNeighbourhood("İstanbul", "Kadıköy", typed)).isEqualTo(BOOK.findNeighbourhood("İstanbul", "Kadıköy", typed));
        }
    }

    @Test
    void everyDistrictUpperCasedOrWithoutDiacriticsFindsItself() {
        for (String p : BOOK.provinces()) {
            assertThat(BOOK.findProvince(p.toUpperCase(TR)).resolved()).contains(p);
            assertThat(BOOK.findProvince(withoutDiacritics(p)).resolved()).contains(p);
            for (String d : BOOK.districts(p)) {
                assertThat(BOOK.findDistrict(p, d.toUpperCase(TR)).resolved()).contains(d);
                assertThat(BOOK.findDistrict(p, withoutDiacritics(d)).resolved()).contains(d);
            }
        }
    }

    @Provide
    Arbitrary<Place> places() {
        List<Place> all = new ArrayList<>();
        for (String p : BOOK.provinces()) {
            for (String d : BOOK.districts(p)) {
                for (Neighbourhood n : BOOK.neighbourhoods(p, d)) {
                    all.add(new Place(p, d, n));
                }
            }
        }
        return Arbitraries.of(all);
    }

    record Place(String province, String district, Neighbourhood neighbourhood) {
    }

    @Property(tries = 2000)
    void anyNeighbourhoodUpperCasedFindsItselfFirst(@ForAll("places") Place place) {
        Match<Neighbourhood> match = BOOK.findNeighbourhood(place.province(), place.district(), place.neighbourhood().name().toUpperCase(TR));
        assertThat(match.resolved()).contains(place.neighbourhood());
        assertThat(match.suggestions()).first().isEqualTo(place.neighbourhood());
    }

    @Property(tries = 2000)
    void anyNeighbourhoodWithoutDiacriticsFindsItselfFirstOrTiedWithANameSpelledTheSame(@ForAll("places") Place place) {
        String name = place.neighbourhood().name();
        Match<Neighbourhood> match = BOOK.findNeighbourhood(place.province(), place.district(), withoutDiacritics(name));
        assertThat(match.exact()).contains(place.neighbourhood());
        // only a name that differs by its diacritics alone ("Cuhalar Mah", "Çuhalar Mah") can share the first place
        assertThat(match.exact()).allMatch(n -> AddressMatcher.plain(n.name()).equals(AddressMatcher.plain(name)));
    }

    /** How a customer without a Turkish keyboard writes a name: "Çağlayan" → "Caglayan". */
    static String withoutDiacritics(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            int i = "çğıöşüâîûÇĞİÖŞÜÂÎÛ".indexOf(c);
            b.append(i < 0 ? c : "cgiosuaiuCGIOSUAIU".charAt(i));
        }
        return b.toString();
    }
}
