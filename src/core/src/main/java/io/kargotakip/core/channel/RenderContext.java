package io.kargotakip.core.channel;

import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.template.TemplateCatalog;

import java.util.Map;

/**
 * What a channel renders its {@link MessageForm} from: one message kind in one locale, the variables every channel
 * gets ({@code first_name}, {@code tracking_link}, {@code optout_link}, ...) and the template catalog, read from the
 * channel's own folder ({@code templates/<channel>/<locale>/<kind>.*}).
 *
 * @param conversationOpen the customer wrote to us on this channel recently enough that a free-form message may
 *                         go (WhatsApp's 24-hour customer-service window); false for channels without one
 * @param variant          the A/B variant of the kind's templates ({@code <kind>.<variant>.*}), null for the kind's own
 */
public record RenderContext(String channel, String locale, MessageKind kind, Map<String, String> values, TemplateCatalog templates,
                            boolean conversationOpen, String variant) {

    public RenderContext(String channel, String locale, MessageKind kind, Map<String, String> values, TemplateCatalog templates) {
        this(channel, locale, kind, values, templates, false, null);
    }

    public RenderContext(String channel, String locale, MessageKind kind, Map<String, String> values, TemplateCatalog templates,
                         boolean conversationOpen) {
        this(channel, locale, kind, values, templates, conversationOpen, null);
    }

    public RenderContext {
        // not Map.copyOf: a brand without a support link leaves a null value, which the templates report by name
        values = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(values));
    }

    /** The channel's subject, text and HTML templates of this kind, filled in. */
    public RenderedMessage parts() {
        return templates.render(channel, locale, kind.templateName(), variant, values);
    }

    public String value(String name) {
        return values.get(name);
    }
}
