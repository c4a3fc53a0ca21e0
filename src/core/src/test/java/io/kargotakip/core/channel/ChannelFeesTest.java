package io.kargotakip.core.channel;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fee table as data, and a rendered message priced by it. */
class ChannelFeesTest {

    private final ChannelFees fees = ChannelFees.builtIn();

    private static final String HEADER = "# date: 2026-12-01\nchannel,unit,destination,usd,source,note\n";

    @Test
    void an_sms_to_turkey_costs_the_turkish_part_price_times_its_segments() {
        MessageForm.SmsForm three = new MessageForm.SmsForm("x", 3);
        assertThat(fees.fee("sms", three, "+905321234567")).contains(new BigDecimal("0.1200"));
        assertThat(fees.fee("sms", new MessageForm.SmsForm("y", 1), "+905321234567")).contains(new BigDecimal("0.0400"));
    }

    @Test
    void another_country_falls_to_the_star_row_and_the_longest_calling_code_wins() {
        ChannelFees table = ChannelFees.parse(HEADER
                + "sms,segment,*,0.05,unverified,elsewhere\n"
                + "sms,segment,+9,0.02,unverified,a short prefix\n"
                + "sms,segment,+90,0.04,unverified,Turkey\n", "test");
        MessageForm.SmsForm one = new MessageForm.SmsForm("x", 1);
        assertThat(table.fee("sms", one, "+905321234567")).contains(new BigDecimal("0.04"));
        assertThat(table.fee("sms", one, "+4915112345678")).contains(new BigDecimal("0.05"));
        assertThat(table.fee("sms", one, "+96650000000")).contains(new BigDecimal("0.02"));
        // the built-in table's row for the rest of the world
        assertThat(fees.find("sms", ChannelFees.Unit.SEGMENT, "+4915112345678")).get()
                .extracting(ChannelFees.Row::destination).isEqualTo("*");
    }

    @Test
    void an_email_costs_the_same_per_message_wherever_it_goes() {
        MessageForm.EmailForm mail = new MessageForm.EmailForm("Kargonuz yolda", "metin", null);
        assertThat(fees.fee("email", mail, "ayse@example.com")).contains(new BigDecimal("0.0001"));
    }

    @Test
    void a_push_costs_sns_publish_price_and_a_web_push_nothing() {
        assertThat(fees.fee("push", new MessageForm.PushForm("t", "b", Map.of()), "token")).contains(new BigDecimal("0.0000005"));
        assertThat(fees.fee("webpush", new MessageForm.WebPushForm("{}"), "https://push.example/x"))
                .hasValueSatisfying(v -> assertThat(v).isZero());
    }

    @Test
    void a_whatsapp_template_is_priced_as_outside_the_window_and_free_text_is_free() {
        assertThat(fees.fee("whatsapp", MessageForm.WhatsAppForm.template("kargo_yolda", "tr", List.of("A")), "905321234567"))
                .contains(new BigDecimal("0.0053"));
        assertThat(fees.fee("whatsapp", MessageForm.WhatsAppForm.freeText("merhaba"), "905321234567"))
                .hasValueSatisfying(v -> assertThat(v).isZero());
    }

    @Test
    void a_channel_without_a_row_has_no_fee() {
        assertThat(fees.fee("netgsm", new MessageForm.SmsForm("x", 1), "+905321234567")).isEmpty();
    }

    @Test
    void a_malformed_row_is_refused_with_its_line() {
        assertThatThrownBy(() -> ChannelFees.parse(HEADER + "sms,segment,+90,cheap,x,y\n", "f.csv"))
                .hasMessageContaining("f.csv line 3").hasMessageContaining("usd must be a number");
        assertThatThrownBy(() -> ChannelFees.parse(HEADER + "email,message,*,0.1,x,y\nsms,page,*,0.1,x,y\n", "f.csv"))
                .hasMessageContaining("line 4").hasMessageContaining("unit");
        assertThatThrownBy(() -> ChannelFees.parse(HEADER + "sms,segment,TR,0.1,x,y\n", "f.csv"))
                .hasMessageContaining("line 3").hasMessageContaining("destination");
        assertThatThrownBy(() -> ChannelFees.parse(HEADER + "sms,segment,*,-1,x,y\n", "f.csv")).hasMessageContaining("line 3");
        assertThatThrownBy(() -> ChannelFees.parse(HEADER + "sms,segment,*,1,x,y\nsms,segment,*,2,x,y\n", "f.csv"))
                .hasMessageContaining("line 4").hasMessageContaining("second row");
        assertThatThrownBy(() -> ChannelFees.parse("key,usd,per\n", "f.csv")).hasMessageContaining("line 1");
    }

    @Test
    void the_built_in_table_has_a_star_row_for_every_channel_and_its_date() {
        for (String channel : List.of("email", "sms", "whatsapp", "push", "webpush")) {
            assertThat(fees.rows()).as(channel).anyMatch(r -> r.channel().equals(channel) && r.destination().equals("*"));
        }
        assertThat(fees.date()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(fees.rows()).allSatisfy(r -> assertThat(r.source()).isNotBlank());
    }
}
