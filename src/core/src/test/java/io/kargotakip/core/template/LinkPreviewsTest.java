package io.kargotakip.core.template;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LinkPreviewsTest {

    private final LinkPreviews previews = LinkPreviews.builtIn();

    @Test
    void the_chat_apps_and_crawlers_of_the_data_file_are_previews_by_substring_ignoring_case() {
        assertThat(previews.agents()).contains("whatsapp", "facebookexternalhit", "slackbot", "telegrambot", "twitterbot",
                "discordbot", "linkedinbot", "googlebot").noneMatch(a -> a.startsWith("#"));
        assertThat(previews.isPreview("WhatsApp/2.23.20.0 A")).isTrue();
        assertThat(previews.isPreview("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)")).isTrue();
        assertThat(previews.isPreview("Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)")).isTrue();
        assertThat(previews.isPreview("TelegramBot (like TwitterBot)")).isTrue();
        assertThat(previews.isPreview("Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)")).isTrue();
        assertThat(previews.isPreview("LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)")).isTrue();
        assertThat(previews.isPreview("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")).isTrue();
    }

    @Test
    void a_browser_or_no_agent_is_the_customer() {
        assertThat(previews.isPreview("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1")).isFalse();
        assertThat(previews.isPreview("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36")).isFalse();
        assertThat(previews.isPreview(null)).isFalse();
        assertThat(previews.isPreview("")).isFalse();
    }
}
