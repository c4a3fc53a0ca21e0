package io.kargotakip.core.channel;

/**
 * The filled-in templates of one kind for one channel: subject, plain text and, where the channel has them, HTML.
 * Channels turn it into their {@link MessageForm}.
 */
public record RenderedMessage(String subject, String text, String html) {
}
