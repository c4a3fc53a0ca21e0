package io.kargotakip.core.template;

import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.order.Purchase;
import io.kargotakip.core.rules.RuleContext;
import io.kargotakip.core.shipment.ShipmentId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalesTest {

    private final Locales locales = Locales.builtIn();

    private static Order order(String locale, String country) {
        return new Order("L-1", "1", "web", new Customer("Ayşe", "a@example.com", null, locale), Consent.none(),
                List.of(new ShipmentId("ups", "1Z999AA10123456784")), Instant.EPOCH, Purchase.NONE, country);
    }

    @Test
    void the_customer_s_locale_wins_over_the_country_and_the_default() {
        assertThat(locales.of(order("tr", "DE"), "en")).isEqualTo("tr");
        assertThat(locales.of(order("en", "TR"), "tr")).isEqualTo("en");
    }

    @Test
    void without_one_the_delivery_country_chooses_turkish_for_turkey_and_english_elsewhere() {
        assertThat(locales.of(order(null, "TR"), "en")).isEqualTo("tr");
        assertThat(locales.of(order(null, "DE"), "tr")).isEqualTo("en");
        assertThat(locales.of(order(null, "AZ"), "tr")).isEqualTo("en");
        assertThat(locales.ofCountry("tr")).contains("tr");
    }

    @Test
    void with_neither_it_is_the_brand_default() {
        assertThat(locales.of(order(null, null), "tr")).isEqualTo("tr");
        assertThat(locales.of(order(null, null), "en")).isEqualTo("en");
        assertThat(locales.of(order(null, null))).isEmpty();
    }

    @Test
    void the_rules_see_the_same_locale_as_the_messages() {
        assertThat(RuleContext.OrderFacts.of(order(null, "DE"), null).locale()).isEqualTo("en");
        assertThat(RuleContext.OrderFacts.of(order("tr", "DE"), null).locale()).isEqualTo("tr");
        assertThat(RuleContext.OrderFacts.of(order(null, null), null).locale()).isNull();
    }

    @Test
    void a_table_row_with_a_locale_that_is_not_shipped_is_refused_with_its_line() {
        assertThatThrownBy(() -> Locales.parse("locales.csv", List.of("country,locale", "TR,tr", "DE,de")))
                .hasMessage("locales.csv:3: expected <country>,<locale> with a locale of [en, tr]");
        Locales parsed = Locales.parse("locales.csv", List.of("# c", "country,locale", "TR,tr", "CY,tr"));
        assertThat(parsed.ofCountry("CY")).contains("tr");
        assertThat(parsed.ofCountry("DE")).as("no * row: no language of the country").isEmpty();
    }
}
