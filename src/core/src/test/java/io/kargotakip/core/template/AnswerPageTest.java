package io.kargotakip.core.template;

import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.Question;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.order.Purchase;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerPageTest {

    private static final Brand BRAND = new Brand("ModaX", "bildirim@modax.example", "https://takip.modax.example",
            "https://modax.example/destek", "tr", "0123456789abcdef-link-secret");
    private static final ShipmentId SHIPMENT = new ShipmentId("ups", "1Z999AA10123456784");
    private final MessageComposer composer = new MessageComposer(TemplateCatalog.builtIn(), BRAND, c -> c);
    private final AnswerPage page = new AnswerPage(composer, BRAND);

    private static Order order(String locale, String country, BigDecimal cod) {
        Purchase purchase = new Purchase(cod, cod == null ? null : "TRY", cod, Set.of(), Set.of(), null);
        return new Order("WEB-5001", "5001", "web", new Customer("Ayşe", "ayse@example.com", null, locale), Consent.none(), List.of(SHIPMENT),
                Instant.EPOCH, purchase, country);
    }

    @Test
    void the_cod_question_names_the_amount_and_the_pos_information_as_the_message_does() {
        Order order = order("tr", null, new BigDecimal("1249.90"));

        AnswerPage.Form form = page.form(Question.COD_CONFIRMATION, order);

        assertThat(form.locale()).isEqualTo("tr");
        assertThat(form.question()).isEqualTo("Kapıda ödeyeceğiniz tutar: 1.249,90 TL. Teslimatı bugün bekliyor musunuz?");
        assertThat(form.order()).isEqualTo("Sipariş 5001");
        assertThat(form.choices()).containsExactly(new AnswerPage.Choice("confirmed", "Evet, ödemeyi kapıda yapacağım"),
                new AnswerPage.Choice("declined", "Hayır, teslimatı istemiyorum"));
        StatusChange change = new StatusChange(SHIPMENT, "WEB-5001", null, TrackingStatus.OUT_FOR_DELIVERY, null, Instant.EPOCH, null, null, null, "k");
        var values = composer.values(NotificationIntent.of(change, MessageKind.fromTemplateName("cod_delivery_day"), "email"), order, "tr");
        assertThat(form.question()).contains(values.get("cod_amount"));
        assertThat(form.detail()).isEqualTo(values.get("pos_info")).isNotBlank();
    }

    @Test
    void the_page_speaks_the_customer_s_language_chosen_as_for_messages() {
        AnswerPage.Form english = page.form(Question.COD_CONFIRMATION, order(null, "DE", new BigDecimal("1249.90")));

        assertThat(english.locale()).isEqualTo("en");
        assertThat(english.question()).isEqualTo("The amount to pay at the door: TRY 1,249.90. Are you expecting the delivery today?");
        assertThat(english.choices()).extracting(AnswerPage.Choice::label).containsExactly("Yes, I will pay at the door", "No, I do not want the delivery");
        assertThat(page.form(Question.COD_CONFIRMATION, order(null, null, new BigDecimal("10"))).locale()).as("the brand default").isEqualTo("tr");
    }

    @Test
    void the_address_question_has_confirm_and_wrong_address_and_no_pos_information() {
        AnswerPage.Form form = page.form(Question.ADDRESS_CONFIRMATION, order("tr", null, null));

        assertThat(form.question()).isEqualTo("Siparişiniz kayıtlı adresinize teslim edilecek. Adresiniz doğru mu?");
        assertThat(form.detail()).isEmpty();
        assertThat(form.choices()).extracting(AnswerPage.Choice::answer).containsExactly("confirmed", "wrong_address");
        assertThat(page.recorded(Question.ADDRESS_CONFIRMATION, "wrong_address", "tr")).isEqualTo("Yanıtınız kaydedildi: Hayır, adresim yanlış");
    }

    @Test
    void a_cod_question_of_an_order_without_an_amount_still_asks_without_a_hole() {
        assertThat(page.form(Question.COD_CONFIRMATION, order("tr", null, null)).question())
                .isEqualTo("Siparişiniz bugün kapıda ödemeyle teslim edilecek. Teslimatı bugün bekliyor musunuz?");
    }

    @Test
    void only_the_declined_delivery_and_the_wrong_address_alert() {
        assertThat(Question.ofAction("odeme-teyit")).contains(Question.COD_CONFIRMATION);
        assertThat(Question.ofAction("randevu")).isEmpty();
        assertThat(Question.COD_CONFIRMATION.alerts("declined")).isTrue();
        assertThat(Question.COD_CONFIRMATION.alerts("confirmed")).isFalse();
        assertThat(Question.ADDRESS_CONFIRMATION.alerts("wrong_address")).isTrue();
        assertThat(Links.ACTIONS).contains(Question.COD_CONFIRMATION.action(), Question.ADDRESS_CONFIRMATION.action());
    }

    @Test
    void the_form_token_is_bound_to_its_link_and_signed_with_the_brand_s_secret() {
        Links links = new Links(BRAND);
        String token = "n-1.abc";
        String form = links.answerFormToken(token);

        assertThat(links.isAnswerFormToken(token, form)).isTrue();
        assertThat(links.isAnswerFormToken("n-2.abc", form)).as("another link's").isFalse();
        assertThat(links.isAnswerFormToken(token, form + "x")).isFalse();
        assertThat(links.isAnswerFormToken(token, null)).isFalse();
        Links other = new Links(new Brand("ModaX", "b@modax.example", "https://takip.modax.example", null, "tr", "another-secret-of-16+"));
        assertThat(other.isAnswerFormToken(token, form)).as("another secret's").isFalse();
        assertThat(links.answer(token, "odeme-teyit")).isEqualTo("https://takip.modax.example/a/n-1.abc/odeme-teyit");
    }
}
