package io.kargotakip.core.template;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class BrandTest {

    private static Map<String, String> complete() {
        Map<String, String> env = new HashMap<>();
        env.put("KARGO_BRAND_NAME", "Örnek Mağaza");
        env.put("KARGO_BRAND_FROM_EMAIL", "bildirim@ornek.com.tr");
        env.put("KARGO_TRACKING_BASE_URL", "https://takip.ornek.com.tr");
        env.put("KARGO_SUPPORT_URL", "https://ornek.com.tr/yardim");
        env.put("KARGO_DEFAULT_LOCALE", "en");
        env.put("KARGO_LINK_SECRET", "0123456789abcdef");
        return env;
    }

    @Test
    void readsEverySetting() {
        Brand brand = Brand.fromEnvironment(complete()::get);

        assertThat(brand).isEqualTo(new Brand("Örnek Mağaza", "bildirim@ornek.com.tr", "https://takip.ornek.com.tr",
                "https://ornek.com.tr/yardim", "en", "0123456789abcdef"));
    }

    @Test
    void trimsRequiredValuesAndDropsATrailingSlash() {
        Map<String, String> env = complete();
        env.put("KARGO_BRAND_NAME", "  Örnek Mağaza ");
        env.put("KARGO_TRACKING_BASE_URL", " http://localhost:8080/ ");

        Brand brand = Brand.fromEnvironment(env::get);

        assertThat(brand.name()).isEqualTo("Örnek Mağaza");
        assertThat(brand.trackingBaseUrl()).isEqualTo("http://localhost:8080");
    }

    @Test
    void defaultsLocaleToTurkishAndSupportToTheTrackingSite() {
        Map<String, String> env = complete();
        env.remove("KARGO_DEFAULT_LOCALE");
        env.remove("KARGO_SUPPORT_URL");

        Brand brand = Brand.fromEnvironment(env::get);

        assertThat(brand.defaultLocale()).isEqualTo("tr");
        assertThat(brand.supportUrl()).isEqualTo("https://takip.ornek.com.tr/destek");
    }

    @Test
    void defaultSupportUrlHasNoDoubleSlashWhenTheTrackingUrlEndsWithOne() {
        Map<String, String> env = complete();
        env.remove("KARGO_SUPPORT_URL");
        env.put("KARGO_TRACKING_BASE_URL", "https://takip.ornek.com.tr/");

        Brand brand = Brand.fromEnvironment(env::get);

        assertThat(brand.trackingBaseUrl()).isEqualTo("https://takip.ornek.com.tr");
        assertThat(brand.supportUrl()).isEqualTo("https://takip.ornek.com.tr/destek");
    }

    @Test
    void oneExceptionListsEveryMissingOrInvalidSetting() {
        Map<String, String> env = complete();
        env.remove("KARGO_BRAND_NAME");
        env.put("KARGO_BRAND_FROM_EMAIL", "bildirim.ornek.com.tr");
        env.put("KARGO_TRACKING_BASE_URL", "takip.ornek.com.tr");
        env.put("KARGO_DEFAULT_LOCALE", "de");
        env.put("KARGO_LINK_SECRET", "short-secret");

        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class, () -> Brand.fromEnvironment(env::get));

        assertThat(e).isNotNull();
        assertThat(e.getMessage())
                .startsWith("invalid brand configuration: ")
                .contains("KARGO_BRAND_NAME is required")
                .contains("KARGO_BRAND_FROM_EMAIL is not an e-mail address")
                .contains("KARGO_TRACKING_BASE_URL must start with https://")
                .contains("KARGO_DEFAULT_LOCALE must be tr or en")
                .contains("KARGO_LINK_SECRET must be at least 16 characters");
        assertThat(e.getMessage().split("; ")).hasSize(5);
        assertThat(e.getMessage()).doesNotContain("short-secret");
    }

    @Test
    void everyRequiredSettingIsReportedWhenNothingIsSet() {
        assertThatIllegalArgumentException().isThrownBy(() -> Brand.fromEnvironment(key -> null))
                .withMessageContaining("KARGO_BRAND_NAME is required")
                .withMessageContaining("KARGO_BRAND_FROM_EMAIL is required")
                .withMessageContaining("KARGO_TRACKING_BASE_URL is required")
                .withMessageContaining("KARGO_LINK_SECRET is required")
                .withMessageNotContaining("KARGO_DEFAULT_LOCALE");
    }

    @Test
    void blankCountsAsMissing() {
        Map<String, String> env = complete();
        env.put("KARGO_BRAND_NAME", "   ");
        env.put("KARGO_LINK_SECRET", "");

        assertThatIllegalArgumentException().isThrownBy(() -> Brand.fromEnvironment(env::get))
                .withMessageContaining("KARGO_BRAND_NAME is required")
                .withMessageContaining("KARGO_LINK_SECRET is required")
                .withMessageNotContaining("at least 16");
    }

    @Test
    void anEmptyOptionalSettingTakesItsDefault() {
        // SAM passes an empty parameter as an empty variable
        Map<String, String> env = complete();
        env.put("KARGO_SUPPORT_URL", "");
        env.put("KARGO_DEFAULT_LOCALE", " ");

        Brand brand = Brand.fromEnvironment(env::get);

        assertThat(brand.supportUrl()).isEqualTo(brand.trackingBaseUrl() + "/destek");
        assertThat(brand.defaultLocale()).isEqualTo("tr");
    }

    @Test
    void aSixteenCharacterSecretIsEnoughAndFifteenIsNot() {
        Map<String, String> env = complete();
        env.put("KARGO_LINK_SECRET", "x".repeat(16));
        assertThat(Brand.fromEnvironment(env::get).linkSecret()).hasSize(16);

        env.put("KARGO_LINK_SECRET", "x".repeat(15));
        assertThatIllegalArgumentException().isThrownBy(() -> Brand.fromEnvironment(env::get))
                .withMessage("invalid brand configuration: KARGO_LINK_SECRET must be at least 16 characters");
    }

    @Test
    void thePosTextIsTheBrandsWhenSetAndTheLocalesDefaultOtherwise() {
        Map<String, String> env = complete();
        assertThat(Brand.fromEnvironment(env::get).posInfo()).as("unset: the words of the message's locale").isNull();

        env.put("KARGO_POS_INFO", "  Kurye nakit ve tüm kartları kabul eder. ");
        assertThat(Brand.fromEnvironment(env::get).posInfo()).isEqualTo("Kurye nakit ve tüm kartları kabul eder.");

        env.put("KARGO_POS_INFO", "x".repeat(81));
        assertThatIllegalArgumentException().isThrownBy(() -> Brand.fromEnvironment(env::get))
                .withMessage("invalid brand configuration: KARGO_POS_INFO must be at most 80 characters, was 81");
    }
}
