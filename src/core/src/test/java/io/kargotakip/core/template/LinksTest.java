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

    @Test
    void click_and_pixel_links_sign_their_own_purpose_so_no_token_passes_for_another() {
        Links links = new Links(BRAND);
        String click = links.click("n-0123abcd");
        String pixel = links.openPixel("n-0123abcd");
        String optOut = links.optOut("n-0123abcd");
        String clickToken = click.substring(click.lastIndexOf('/') + 1);
        String pixelToken = pixel.substring(pixel.lastIndexOf('/') + 1);
        String optOutToken = optOut.substring(optOut.lastIndexOf('/') + 1);

        assertThat(click).startsWith("https://takip.modax.example/c/n-0123abcd.");
        assertThat(pixel).startsWith("https://takip.modax.example/o/n-0123abcd.").endsWith(".gif");
        assertThat(links.clickNotification(clickToken)).contains("n-0123abcd");
        assertThat(links.openNotification(pixelToken)).as("with .gif").contains("n-0123abcd");
        assertThat(links.openNotification(pixelToken.substring(0, pixelToken.length() - 4))).as("without").contains("n-0123abcd");

        assertThat(links.clickNotification(optOutToken)).as("an opt-out token is no click").isEmpty();
        assertThat(links.clickNotification(pixelToken.substring(0, pixelToken.length() - 4))).as("a pixel token is no click").isEmpty();
        assertThat(links.openNotification(clickToken)).as("a click token is no open").isEmpty();
        assertThat(links.optOutNotification(clickToken)).as("a click token opts nobody out").isEmpty();
        assertThat(links.clickNotification("n-other." + clickToken.substring(clickToken.indexOf('.') + 1))).isEmpty();
        assertThat(links.clickNotification("n-0123abcd.")).isEmpty();
        assertThat(links.clickNotification(null)).isEmpty();
        assertThat(links.openNotification(".gif")).isEmpty();
    }
}
