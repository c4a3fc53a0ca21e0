package io.kargotakip.aws.page;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The page's brand configuration: read whole, every problem named in one line, nothing unsafe let into the page. */
class PageSettingsTest {

    @Test
    void nothing_configured_is_the_brands_name_on_neutral_colours() {
        PageSettings none = PageSettings.fromEnvironment(k -> null);
        assertThat(none.faq()).isEmpty();
        assertThat(none.support().any()).isFalse();
        assertThat(none.imageOrigins()).as("no third-party request by default").isEmpty();
        assertThat(none.tiles()).isEmpty();
    }

    @Test
    void the_shipped_example_is_valid_and_texts_fall_back_between_locales(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        PageSettings example = PageSettings.fromEnvironment(Map.of(PageSettings.VARIABLE,
                io.kargotakip.emulators.Emulators.projectRoot().resolve("examples/tracking-page.json").toString())::get);
        assertThat(example.faq()).hasSize(3);
        assertThat(example.upsell()).extracting(PageSettings.Upsell::id).containsExactly("ipek-sal", "deri-kemer");
        PageSettings one = PageSettings.parse("""
                {"faq": [{"question": "Nerede?", "answer": {"en": "Here."}}],
                 "logoUrl": "https://cdn.modax.example/logo.svg", "map": {"tiles": "https://tiles.modax.example/{z}/{x}/{y}.png", "attribution": "© OSM"}}""");
        assertThat(one.faq().get(0).question()).containsEntry("tr", "Nerede?").containsEntry("en", "Nerede?");
        assertThat(one.faq().get(0).answer()).containsEntry("tr", "Here.");
        assertThat(one.imageOrigins()).containsExactly("https://cdn.modax.example", "https://tiles.modax.example");
        Path file = dir.resolve("page.json");
        Files.writeString(file, "{\"colors\": {\"primary\": \"#003366\"}}");
        assertThat(PageSettings.fromEnvironment(Map.of(PageSettings.VARIABLE, file.toString())::get).colours().primary()).isEqualTo("#003366");
    }

    @Test
    void every_problem_is_named_in_one_line() {
        assertThatThrownBy(() -> PageSettings.parse("""
                {"colors": {"primary": "red;}body{display:none"}, "font": "x}</style>",
                 "support": {"whatsapp": "0532 111 22 33", "email": "nope"},
                 "upsell": [{"id": "Bad Id", "title": "x", "url": "javascript:alert(1)"}],
                 "logoUrl": "http://cdn.example/logo.png", "map": {"tiles": "https://t.example/tile.png"},
                 "api": {"allowedOrigins": ["https://www.shop.example/path"]}}"""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("\n")
                .hasMessageContaining("colors.primary: a colour as #rgb or #rrggbb")
                .hasMessageContaining("font: a CSS font-family list")
                .hasMessageContaining("support.whatsapp: a number in E.164 form")
                .hasMessageContaining("support.email: an e-mail address")
                .hasMessageContaining("upsell[0].id")
                .hasMessageContaining("upsell[0].url: an https:// URL")
                .hasMessageContaining("logoUrl: an https:// URL")
                .hasMessageContaining("map.tiles: a tile URL template with {z}, {x} and {y}")
                .hasMessageContaining("map.attribution")
                .hasMessageContaining("api.allowedOrigins[0]: an origin");
        assertThatThrownBy(() -> PageSettings.parse("[1]")).hasMessage("KARGO_PAGE_CONFIG: must be a JSON object");
        assertThatThrownBy(() -> PageSettings.parse("{oops")).hasMessageStartingWith("KARGO_PAGE_CONFIG: not JSON");
        assertThatThrownBy(() -> PageSettings.fromEnvironment(Map.of(PageSettings.VARIABLE, "/no/such/page.json")::get))
                .hasMessage("KARGO_PAGE_CONFIG: cannot read the file /no/such/page.json");
    }

    @Test
    void colours_a_customer_could_not_read_are_refused() {
        assertThatThrownBy(() -> PageSettings.parse("{\"colors\": {\"primary\": \"#ffdd00\"}}"))
                .hasMessageContaining("colors.onPrimary on colors.primary: contrast 1.3:1, at least 4.5:1");
        assertThat(PageSettings.contrastRatio("#000", "#fff")).isEqualTo(21.0);
        assertThat(PageSettings.parse("{\"colors\": {\"primary\": \"#ffdd00\", \"onPrimary\": \"#1d1d1b\"}}").colours().onPrimary()).isEqualTo("#1d1d1b");
    }
}
