package io.kargotakip.core.template;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LinksTest {

    static final Brand BRAND = new Brand("ModaX", "bildirim@modax.example", "https://takip.modax.example", "https://modax.example/destek",
            "tr", "link-secret-for-tests-only");

    @Test
    void an_opt_out_link_names_its_notification_only_with_the_brand_s_signature() {
        Links links = new Links(BRAND);
        String url = links.optOut("n-0123abcd");
        String token = url.substring(url.lastIndexOf('/') + 1);

        assertThat(links.optOutNotification(token)).contains("n-0123abcd");
        assertThat(links.optOutNotification("n-other." + token.substring(token.indexOf('.') + 1))).as("another notification").isEmpty();
        assertThat(new Links(new Brand("ModaX", "b@m.example", "https://t.example", null, "tr", "another-secret")).optOutNotification(token))
                .as("another brand's secret").isEmpty();
        assertThat(links.optOutNotification("n-0123abcd")).isEmpty();
        assertThat(links.optOutNotification("n-0123abcd.")).isEmpty();
        assertThat(links.optOutNotification(null)).isEmpty();
    }

    @Test
    void a_web_push_token_names_its_order_only_with_the_brand_s_signature_and_is_no_opt_out_token() {
        Links links = new Links(BRAND);
        String token = links.webPushToken("WEB-5001.a");
        assertThat(token).startsWith("WEB-5001.a.");
        assertThat(links.webPushOrder(token)).as("an order id may hold dots: the signature is after the last").contains("WEB-5001.a");
        assertThat(links.webPushOrder("WEB-5002." + token.substring(token.lastIndexOf('.') + 1))).as("another order").isEmpty();
        assertThat(links.optOutNotification(token)).as("signed for another purpose").isEmpty();
        assertThat(links.webPushOrder(links.optOut("n-1").substring(links.optOut("n-1").lastIndexOf('/') + 1))).isEmpty();
        assertThat(links.webPushOrder("WEB-5001")).isEmpty();
        assertThat(links.webPushOrder(null)).isEmpty();
    }
}
