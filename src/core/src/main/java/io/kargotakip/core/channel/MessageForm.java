package io.kargotakip.core.channel;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A message in the form one kind of channel sends: each channel renders its own from the same message kind and
 * variables ({@link RenderContext}), so an SMS is not an e-mail with the HTML left off and a WhatsApp message can be
 * an approved template with parameters. The forms hold personal data (names, links): their {@code toString} is
 * never logged; {@link OutboundMessage#toString()} leaves them out.
 */
public sealed interface MessageForm
        permits MessageForm.EmailForm, MessageForm.SmsForm, MessageForm.WhatsAppForm, MessageForm.PushForm, MessageForm.WebPushForm {

    /** What the outbox shows of the message: the e-mail's subject, the SMS's text, the WhatsApp template and its values. */
    String preview();

    /** What the provider bills: SMS segments; one for every other form. */
    default int parts() {
        return 1;
    }

    /** E-mail: subject, plain text and (when the template has one) HTML. */
    record EmailForm(String subject, String text, String html) implements MessageForm {

        @Override
        public String preview() {
            return subject;
        }

        /** The e-mail form of the channel's templates: {@code <kind>.subject}, {@code .txt}, {@code .html}. */
        public static EmailForm render(RenderContext context) {
            RenderedMessage parts = context.parts();
            return new EmailForm(parts.subject(), parts.text(), parts.html());
        }
    }

    /**
     * SMS: the text and how many segments it takes (what the operator bills). Turkish letters (ş, ğ, ı, İ) are not in
     * the GSM-7 alphabet, so a text with them is sent as UCS-2: 70 characters per single segment instead of 160.
     */
    record SmsForm(String text, int segments) implements MessageForm {

        @Override
        public String preview() {
            return text;
        }

        @Override
        public int parts() {
            return segments;
        }

        public SmsForm {
            Objects.requireNonNull(text, "text");
        }

        public static SmsForm of(String text) {
            return new SmsForm(text, Segments.count(text));
        }

        /** The SMS form of the channel's {@code <kind>.txt} template. */
        public static SmsForm render(RenderContext context) {
            return of(context.parts().text().strip());
        }
    }

    /**
     * WhatsApp Business: an approved template (name, language, body parameters in order), or free text, which
     * WhatsApp allows only inside the 24-hour window after the customer last wrote.
     */
    record WhatsAppForm(String templateName, String language, List<String> parameters, String freeText) implements MessageForm {

        public WhatsAppForm {
            parameters = parameters == null ? List.of() : List.copyOf(parameters);
            if ((templateName == null) == (freeText == null)) {
                throw new IllegalArgumentException("a WhatsApp message is either a template or free text");
            }
        }

        public static WhatsAppForm template(String templateName, String language, List<String> parameters) {
            return new WhatsAppForm(templateName, language, parameters, null);
        }

        public static WhatsAppForm freeText(String text) {
            return new WhatsAppForm(null, null, List.of(), text);
        }

        public boolean isTemplate() {
            return templateName != null;
        }

        @Override
        public String preview() {
            return isTemplate() ? templateName + "/" + language + " " + parameters : freeText;
        }
    }

    /** Mobile push: title, body and the key/value data the app reads (e.g. the tracking link). */
    record PushForm(String title, String body, Map<String, String> data) implements MessageForm {

        public PushForm {
            data = data == null ? Map.of() : Map.copyOf(data);
        }

        @Override
        public String preview() {
            return title + ": " + body;
        }
    }

    /** Web push: the JSON payload the site's service worker receives (encrypted on the way, RFC 8291). */
    record WebPushForm(String payload) implements MessageForm {

        public WebPushForm {
            Objects.requireNonNull(payload, "payload");
        }

        public byte[] bytes() {
            return payload.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String preview() {
            return payload;
        }
    }
}
