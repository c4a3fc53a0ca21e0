package io.kargotakip.aws.orders;

import io.kargotakip.core.order.Order;
import io.kargotakip.core.shipment.ShipmentId;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class OrderCsvTest {

    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void rows_of_one_order_become_one_order_with_all_its_shipments() throws Exception {
        OrderCsv.Read read = OrderCsv.read(new StringReader("""
                order_id,order_no,first_name,email,locale,consent_email,consent_sms,carrier,tracking_number
                A-1,1,Ayşe,ayse@example.com,TR,evet,hayır,UPS,1z999aa10000000001
                A-1,1,Ayşe,ayse@example.com,TR,evet,hayır,ups,1Z999AA10000000002
                B-2,2,Can,can@example.com,en,false,true,ups,1Z999AA10000000003
                """), NOW);

        assertThat(read.problems()).isEmpty();
        assertThat(read.orders()).hasSize(2);
        Order a = read.orders().get(0).order();
        assertThat(read.orders().get(0).line()).isEqualTo(2);
        assertThat(a.shipments()).containsExactly(new ShipmentId("ups", "1Z999AA10000000001"), new ShipmentId("ups", "1Z999AA10000000002"));
        assertThat(a.customer().locale()).isEqualTo("tr");
        assertThat(a.consent().email()).isTrue();
        assertThat(a.consent().sms()).isFalse();
        assertThat(a.consent().recordedAt()).isEqualTo(NOW);
        assertThat(a.source()).isEqualTo("csv");
        assertThat(read.orders().get(1).order().consent().sms()).isTrue();
    }

    @Test
    void each_bad_row_is_reported_with_its_line() throws Exception {
        OrderCsv.Read read = OrderCsv.read(new StringReader("""
                order_id,email,consent_email,carrier,tracking_number
                A-1,a@example.com,true,ups,1Z999AA10000000001
                ,b@example.com,true,ups,1Z999AA10000000002
                C-3,c@example.com,perhaps,ups,1Z999AA10000000003
                D-4,d@example.com,true,ups
                A-1,other@example.com,true,ups,1Z999AA10000000004
                """), NOW);

        assertThat(read.problems()).extracting(Object::toString).containsExactly(
                "line 3: order_id is empty",
                "line 4: consent_email must be true or false, not 'perhaps'",
                "line 5: has 4 fields, the header has 5",
                "line 6: order A-1 repeats with other customer, consent or sale values than line 2");
    }

    @Test
    void a_header_without_the_required_columns_is_one_problem_on_line_1() throws Exception {
        OrderCsv.Read read = OrderCsv.read(new StringReader("id,mail\n1,a@example.com\n"), NOW);
        assertThat(read.orders()).isEmpty();
        assertThat(read.problems()).extracting(Object::toString)
                .containsExactly("line 1: header lacks column(s) carrier, order_id, tracking_number");
    }

    @Test
    void any_channel_has_its_consent_column_and_any_contact_kind_its_contact_column() throws Exception {
        OrderCsv.Read read = OrderCsv.read(new StringReader("""
                order_id,first_name,email,contact_device_token,consent_email,consent_push,consent_telegram,carrier,tracking_number
                P-1,Ayşe,ayse@example.com,fcm-1,true,evet,false,ups,1Z999AA10000000001
                """), NOW);

        assertThat(read.problems()).isEmpty();
        Order p = read.orders().get(0).order();
        assertThat(p.customer().contact(io.kargotakip.core.channel.ContactKind.DEVICE_TOKEN)).isEqualTo("fcm-1");
        assertThat(p.consent().allows("push")).isTrue();
        assertThat(p.consent().allows("webpush")).as("web push follows push").isTrue();
        assertThat(p.consent().channels()).containsKey("telegram");
        assertThat(p.consent().allows("telegram")).isFalse();
        assertThat(p.consent().allows("sms")).as("no column, no consent").isFalse();
    }

    @Test
    void a_misspelt_per_channel_column_is_a_header_problem() throws Exception {
        OrderCsv.Read read = OrderCsv.read(new StringReader("""
                order_id,contact_fax,consent_E-mail,carrier,tracking_number
                P-2,123,true,ups,1Z999AA10000000002
                """), NOW);

        assertThat(read.orders()).isEmpty();
        assertThat(read.problems()).extracting(Object::toString).containsExactly(
                "line 1: column contact_fax is not a contact kind; known: [email, phone, whatsapp, device_token, webpush_subscription]",
                "line 1: column consent_E-mail is not consent_<channel id>, e.g. consent_sms");
    }

    @Test
    void the_sales_columns_give_what_the_rules_look_at_and_a_bad_amount_is_the_rows_problem() throws Exception {
        OrderCsv.Read read = OrderCsv.read(new StringReader("""
                order_id,email,consent_email,carrier,tracking_number,value,currency,cod_amount,categories,segments,cltv_band
                A-1,a@example.com,true,ups,1Z999AA10000000001,1249.90,TRY,1249.90,electronics|phones,vip|first_order,high
                A-1,a@example.com,true,ups,1Z999AA10000000002,1249.90,TRY,1249.90,electronics|phones,vip|first_order,high
                B-2,b@example.com,true,ups,1Z999AA10000000003,,,,,,
                C-3,c@example.com,true,ups,1Z999AA10000000004,çok,TRY,,,,
                """), NOW);

        assertThat(read.problems()).extracting(Object::toString).containsExactly("line 5: value must be a number such as 249.90");
        var a = read.orders().get(0).order().purchase();
        assertThat(a.value()).isEqualByComparingTo("1249.90");
        assertThat(a.cod()).isTrue();
        assertThat(a.codAmount()).isEqualByComparingTo("1249.90");
        assertThat(a.currency()).isEqualTo("TRY");
        assertThat(a.categories()).containsExactlyInAnyOrder("electronics", "phones");
        assertThat(a.segments()).containsExactlyInAnyOrder("vip", "first_order");
        assertThat(a.cltvBand()).isEqualTo("high");
        assertThat(read.orders().get(0).order().shipments()).hasSize(2);
        assertThat(read.orders().get(1).order().purchase()).as("a prepaid order of no segment").isEqualTo(io.kargotakip.core.order.Purchase.NONE);
    }

    @Test
    void the_delivery_country_column_is_read_in_any_case_and_an_order_s_rows_must_agree_on_it() throws Exception {
        OrderCsv.Read read = OrderCsv.read(new StringReader("""
                order_id,email,consent_email,carrier,tracking_number,ship_to_country
                A-1,a@example.com,true,ups,1Z999AA10000000001,de
                A-1,a@example.com,true,ups,1Z999AA10000000002,DE
                B-2,b@example.com,true,ups,1Z999AA10000000003,
                C-3,c@example.com,true,ups,1Z999AA10000000004,TR
                C-3,c@example.com,true,ups,1Z999AA10000000005,DE
                """), NOW);

        assertThat(read.orders()).extracting(n -> n.order().shipToCountry()).containsExactly("DE", null, "TR");
        assertThat(read.problems()).extracting(Object::toString)
                .containsExactly("line 6: order C-3 repeats with other customer, consent or sale values than line 5");
    }
}
