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
}
