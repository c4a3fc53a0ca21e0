package io.kargotakip.core.channel;

/** A message ready to send: subject (for e-mail, push titles), plain text and, where the channel has it, HTML. */
public record RenderedMessage(String subject, String text, String html) {
}
