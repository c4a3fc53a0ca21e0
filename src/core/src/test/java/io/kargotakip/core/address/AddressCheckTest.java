package io.kargotakip.core.address;

import io.kargotakip.core.address.AddressCheck.Result;
import io.kargotakip.core.template.Locales;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AddressCheckTest {

    private static final TurkishAddressBook BOOK = TurkishAddressBook.builtIn();
    private final AddressCheck check = new AddressCheck(BOOK);

    private static AddressForm form(String province, String district, String neighbourhood, String postalCode) {
        return new AddressForm(province, district, neighbourhood, postalCode, "Moda Cad. No: 12", "Kat 3 Daire 5");
    }

    private List<FieldProblem> problems(AddressForm form) {
        Result result = check.check(form);
        assertThat(result).isInstanceOf(Result.Invalid.class);
        return ((Result.Invalid) result).problems();
    }

    private FieldProblem only(AddressForm form) {
        List<FieldProblem> problems = problems(form);
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    @Test
    void anAddressAsTypedIsStoredWithTheDatasNames() {
        Result result = check.check(new AddressForm(" istanbul ", "kadikoy", "caferaga mahallesi", "34 710", "  Moda Cad. No: 12 ", " "));
        assertThat(result).isEqualTo(new Result.Valid(new Address("İstanbul", "Kadıköy", "Caferağa Mah", "34710", "Moda Cad. No: 12", null)));
        assertThat(check.check(form("İstanbul", "Kadıkoy", "Caferağa Mah", "34710")))
                .isEqualTo(new Result.Valid(new Address("İstanbul", "Kadıköy", "Caferağa Mah", "34710", "Moda Cad. No: 12", "Kat 3 Daire 5")));
    }

    @Test
    void anyPostalCodeOfTheDistrictIsAccepted() {
        // Caferağa's own code is 34710; 34744 is Bostancı's, also in Kadıköy: carriers route by district
        assertThat(check.check(form("İstanbul", "Kadıköy", "Caferağa", "34744"))).isInstanceOf(Result.Valid.class);
    }

    @Test
    void aDistrictNotInTheProvinceSuggestsTheProvincesOwn() {
        FieldProblem p = only(form("İstanbul", "Kadıköyü", "Caferağa", "34710"));
        assertThat(p.field()).isEqualTo("district");
        assertThat(p.problem()).isEqualTo("unknown");
        assertThat(p.suggestions()).containsExactly("Kadıköy");
        assertThat(p.message("tr")).isEqualTo("Bu ilçe İstanbul'da yok. Şunu mu demek istediniz: Kadıköy?");
        assertThat(p.message("en")).isEqualTo("This district is not in İstanbul. Did you mean Kadıköy?");
    }

    @Test
    void bahcelievlerIsNotLookedForOutsideTheProvinceGiven() {
        FieldProblem p = only(form("Ankara", "Bahçelievler", "Bahçelievler", "06490"));
        assertThat(p.field()).isEqualTo("district");
        assertThat(p.message("tr")).startsWith("Bu ilçe Ankara'da yok.");
        assertThat(p.suggestions()).as("06490 is Çankaya's: the postal code says which district was meant")
                .first().isEqualTo("Çankaya");
        assertThat(BOOK.districts("Ankara")).containsAll(p.suggestions());
        // the neighbourhood Bahçelievler of Ankara's Çankaya is an address
        assertThat(check.check(form("Ankara", "Çankaya", "Bahçelievler", "06490")))
                .isEqualTo(new Result.Valid(new Address("Ankara", "Çankaya", "Bahçelievler Mah", "06490", "Moda Cad. No: 12", "Kat 3 Daire 5")));
    }

    @Test
    void aPostalCodeOfAnotherDistrictNamesThatDistrictAndTheRightCodes() {
        FieldProblem p = only(form("İstanbul", "Kadıköy", "Bostancı", "34860"));
        assertThat(p.field()).isEqualTo("postalCode");
        assertThat(p.problem()).isEqualTo("other_district");
        assertThat(p.suggestions()).as("the neighbourhood's own code first, then the district's, at most five")
                .containsExactly("34744", "34710", "34714", "34716", "34718");
        assertThat(p.message("tr")).isEqualTo("Bu posta kodu Kadıköy ilçesinin değil, Kartal (İstanbul) ilçesinin."
                + " Kadıköy için posta kodlarından bazıları: 34744, 34710, 34714, 34716, 34718.");
        assertThat(p.message("en")).isEqualTo("This postal code is not Kadıköy's but Kartal's (İstanbul)."
                + " Some of Kadıköy's postal codes: 34744, 34710, 34714, 34716, 34718.");
    }

    @Test
    void aPostalCodePttDoesNotListOrNotFiveDigitsIsRefused() {
        FieldProblem unknown = only(form("İstanbul", "Kadıköy", "Caferağa", "34999"));
        assertThat(unknown.problem()).isEqualTo("not_in_district");
        assertThat(unknown.message("en")).startsWith("This postal code is not one of Kadıköy's. Some of Kadıköy's postal codes: 34710,");
        FieldProblem format = only(form("İstanbul", "Kadıköy", "Caferağa", "347"));
        assertThat(format.problem()).isEqualTo("format");
        assertThat(format.message("tr")).startsWith("Posta kodu 5 rakamdır, örneğin 34710.");
        assertThat(only(form("İstanbul", "Kadıköy", "Caferağa", "34a10")).problem()).isEqualTo("format");
        FieldProblem missing = only(form("İstanbul", "Kadıköy", "Caferağa", ""));
        assertThat(missing.problem()).isEqualTo("required");
        assertThat(missing.suggestions()).first().isEqualTo("34710");
        // a district with one postal code says it is the one
        String province = BOOK.provinces().get(0);
        String district = BOOK.districts(province).stream().filter(d -> BOOK.postalCodes(province, d).size() == 1).findFirst().orElseThrow();
        String code = BOOK.postalCodes(province, district).get(0);
        FieldProblem one = only(form(province, district, BOOK.neighbourhoods(province, district).get(0).name(), " "));
        assertThat(one.message("tr")).isEqualTo("Lütfen posta kodunu yazın. " + district + " için posta kodu: " + code + ".");
        assertThat(one.message("en")).isEqualTo("Please enter the postal code. " + district + "'s postal code is " + code + ".");
        FieldProblem two = only(form("Bolu", "Dörtdivan", BOOK.neighbourhoods("Bolu", "Dörtdivan").get(0).name(), ""));
        assertThat(two.message("en")).as("all of them when there are at most five")
                .isEqualTo("Please enter the postal code. Dörtdivan's postal codes are 14910, 14912.");
    }

    @Test
    void aWrongProvinceIsTheOnlyProblemAndSuggestsTheNearest() {
        FieldProblem p = only(form("Istanbull", "Kadıköy", "Caferağa", "34710"));
        assertThat(p.field()).isEqualTo("province");
        assertThat(p.suggestions()).containsExactly("İstanbul");
        assertThat(p.message("tr")).isEqualTo("Bu il bulunamadı. Şunu mu demek istediniz: İstanbul?");
        assertThat(p.message("en")).isEqualTo("We could not find this province. Did you mean İstanbul?");
        FieldProblem none = only(form("Narnia", "Kadıköy", "Caferağa", "34710"));
        assertThat(none.suggestions()).isEmpty();
        assertThat(none.message("en")).isEqualTo("We could not find this province.");
    }

    @Test
    void aNeighbourhoodNotInTheDistrictSuggestsTheDistrictsOwn() {
        FieldProblem p = only(form("İstanbul", "Kadıköy", "Cafferaga", "34710"));
        assertThat(p.field()).isEqualTo("neighbourhood");
        assertThat(p.suggestions()).first().isEqualTo("Caferağa Mah");
        assertThat(p.message("tr")).startsWith("Bu mahalle Kadıköy'de yok. Şunu mu demek istediniz: Caferağa Mah");
        assertThat(BOOK.neighbourhoods("İstanbul", "Kadıköy").stream().map(TurkishAddressBook.Neighbourhood::name).toList())
                .containsAll(p.suggestions());
    }

    @Test
    void aNeighbourhoodNameTwoPlacesShareAsksWhichOne() {
        FieldProblem p = only(form("Adıyaman", "Besni", "pinarbasi", "02330"));
        assertThat(p.problem()).isEqualTo("ambiguous");
        assertThat(p.suggestions()).containsExactly("Pınarbaşı Köyü", "Pınarbaşı Mah");
        assertThat(p.message("tr")).isEqualTo("Besni'de bu adla birden çok mahalle var. Lütfen birini seçin: Pınarbaşı Köyü ya da Pınarbaşı Mah.");
        assertThat(p.message("en")).isEqualTo("More than one neighbourhood in Besni has this name. Please choose one: Pınarbaşı Köyü or Pınarbaşı Mah.");
        assertThat(check.check(form("Adıyaman", "Besni", "Pınarbaşı Köyü", "02330"))).isInstanceOf(Result.Valid.class);
    }

    @Test
    void theStreetLineIsRequiredAtMost200CharactersAndPrintable() {
        FieldProblem empty = only(new AddressForm("İstanbul", "Kadıköy", "Caferağa", "34710", "   ", null));
        assertThat(empty.field()).isEqualTo("line");
        assertThat(empty.problem()).isEqualTo("required");
        assertThat(empty.message("tr")).isEqualTo("Lütfen sokak, cadde ve kapı numarasını yazın.");
        assertThat(empty.message("en")).isEqualTo("Please enter the street, avenue and door number.");
        assertThat(check.check(new AddressForm("İstanbul", "Kadıköy", "Caferağa", "34710", "a".repeat(200), null))).isInstanceOf(Result.Valid.class);
        FieldProblem longLine = only(new AddressForm("İstanbul", "Kadıköy", "Caferağa", "34710", "a".repeat(201), null));
        assertThat(longLine.problem()).isEqualTo("too_long");
        assertThat(longLine.message("en")).isEqualTo("The street line can be at most 200 characters.");
        assertThat(only(new AddressForm("İstanbul", "Kadıköy", "Caferağa", "34710", "Moda\u0007 Cad.", null)).problem()).isEqualTo("control");
        assertThat(only(new AddressForm("İstanbul", "Kadıköy", "Caferağa", "34710", "Moda\nCad.", null)).problem()).isEqualTo("control");
        FieldProblem building = only(new AddressForm("İstanbul", "Kadıköy", "Caferağa", "34710", "Moda Cad.", "D\u0000"));
        assertThat(building.field()).isEqualTo("building");
        assertThat(building.problem()).isEqualTo("control");
    }

    @Test
    void anEmptyFormNamesEveryRequiredFieldOnce() {
        List<FieldProblem> problems = problems(new AddressForm(null, "", " ", null, null, null));
        assertThat(problems).extracting(FieldProblem::field).containsExactly("province", "district", "neighbourhood", "postalCode", "line");
        assertThat(problems).allMatch(p -> p.problem().equals("required") && p.suggestions().isEmpty());
        assertThat(problems.get(0).message("tr")).isEqualTo("Lütfen ili seçin.");
        assertThat(problems.get(0).message("en")).isEqualTo("Please choose the province.");
    }

    @Test
    void everyMessageIsInBothLanguagesAndNeverRepeatsWhatWasTyped() {
        List<AddressForm> forms = List.of(form("Istanbull", "x", "y", "1"), form("İstanbul", "Kadıköyü", "zzz", "34860"),
                form("İstanbul", "Kadıköy", "Cafferaga", "99999"), new AddressForm("", "", "", "", "", "\u0001"));
        for (AddressForm f : forms) {
            for (FieldProblem p : problems(f)) {
                assertThat(p.messages().keySet()).containsExactlyInAnyOrder("tr", "en");
                assertThat(p.message("tr")).isNotBlank().isNotEqualTo(p.message("en")).doesNotContain("{", "Cafferaga", "Istanbull", "zzz");
                assertThat(p.message("en")).isNotBlank().doesNotContain("{", "Cafferaga", "Istanbull", "zzz");
                assertThat(p.message("de")).as("a locale not shipped reads English").isEqualTo(p.message("en"));
            }
        }
    }

    @Test
    void bothMessageFilesHaveTheSameKeysAndTheShippedLocales() {
        assertThat(new HashSet<>(AddressCheck.LOCALES)).isEqualTo(Locales.SHIPPED);
        assertThat(AddressCheck.texts("tr").stringPropertyNames()).isEqualTo(AddressCheck.texts("en").stringPropertyNames());
    }

    @Test
    void theTurkishLocativeFollowsTheName() {
        assertThat(List.of("İstanbul", "Ankara", "İzmir", "Muş", "Kadıköy", "Bitlis", "Sinop", "Merkez", "Tokat", "Niğde", "Düzce", "Çorum"))
                .extracting(AddressCheck::inTurkish)
                .containsExactly("İstanbul'da", "Ankara'da", "İzmir'de", "Muş'ta", "Kadıköy'de", "Bitlis'te", "Sinop'ta",
                        "Merkez'de", "Tokat'ta", "Niğde'de", "Düzce'de", "Çorum'da");
    }

    @Test
    void theSameFormGivesTheSameResult() {
        AddressForm f = form("istanbul", "kadikoyy", "cafer", "34860");
        assertThat(check.check(f)).isEqualTo(check.check(f)).isEqualTo(AddressCheck.builtIn().check(f));
    }
}
