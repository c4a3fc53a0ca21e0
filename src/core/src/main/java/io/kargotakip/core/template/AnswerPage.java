package io.kargotakip.core.template;

import io.kargotakip.core.notification.Question;
import io.kargotakip.core.order.Order;

import java.util.List;
import java.util.Properties;

/**
 * The words of the page a message's question is answered on ({@link Question}), in the customer's language
 * ({@link MessageComposer#localeOf}): the amount and the POS information are the message's own {@code cod_amount} and
 * {@code pos_info}, so the page says what the message said. The texts are in {@code words_<locale>.properties}
 * ({@code answer.*}); the page's markup belongs to whoever serves it.
 */
public final class AnswerPage {

    /** One button: the answer it records and what it says. */
    public record Choice(String answer, String label) {
    }

    /**
     * The question as the page asks it.
     *
     * @param detail the POS information for a cash-on-delivery question, else empty
     */
    public record Form(String locale, String title, String order, String question, String detail, List<Choice> choices) {
    }

    private final MessageComposer composer;
    private final Brand brand;

    public AnswerPage(MessageComposer composer, Brand brand) {
        this.composer = composer;
        this.brand = brand;
    }

    /** The language of a page that knows no order (a link that is not valid): the brand's. */
    public String defaultLocale() {
        return brand.defaultLocale();
    }

    public String localeOf(Order order) {
        return composer.localeOf(order);
    }

    public Form form(Question question, Order order) {
        String locale = localeOf(order);
        Properties words = MessageComposer.words(locale);
        String prefix = "answer." + question.offer();
        String amount = composer.codAmount(order, locale);
        String asked = question == Question.COD_CONFIRMATION && amount.isEmpty() ? words.getProperty(prefix + ".question.no_amount")
                : words.getProperty(prefix + ".question").replace("{cod_amount}", amount);
        String detail = question == Question.COD_CONFIRMATION ? composer.posInfo(locale) : "";
        String orderNo = order.orderNo() == null ? order.orderId() : order.orderNo();
        return new Form(locale, words.getProperty(prefix + ".title"), words.getProperty("answer.order").replace("{order_no}", orderNo), asked,
                detail, question.answers().stream().map(a -> new Choice(a, label(question, a, locale))).toList());
    }

    /** What the button of {@code answer} says. */
    public String label(Question question, String answer, String locale) {
        return MessageComposer.words(locale).getProperty("answer." + question.offer() + "." + answer, answer);
    }

    /** "Your answer is recorded: …" with the answer's words. */
    public String recorded(Question question, String answer, String locale) {
        return text("recorded", locale).replace("{answer}", label(question, answer, locale));
    }

    /** One of the page's texts: {@code title}, {@code thanks}, {@code not_found}, {@code bad_form}, {@code refused}. */
    public String text(String name, String locale) {
        return MessageComposer.words(locale).getProperty("answer." + name, name);
    }
}
