package io.kargotakip.core.notification;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a message tells, by name: its templates are found by it (per channel and locale). The brief's five (section 13)
 * are built in; a brand's rules file names more ({@code vip_support}, {@code cod_delivery_day}, …), so a kind is a
 * name from configuration, not a closed list.
 *
 * @param templateName lower-case letters, digits and {@code _}, starting with a letter (a template file's name)
 */
public record MessageKind(String templateName) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public static final MessageKind SHIPPED = new MessageKind("shipped");
    public static final MessageKind OUT_FOR_DELIVERY = new MessageKind("out_for_delivery");
    public static final MessageKind DELIVERED = new MessageKind("delivered");
    public static final MessageKind FAILED_ATTEMPT = new MessageKind("failed_attempt");
    public static final MessageKind DELAYED = new MessageKind("delayed");

    private static final List<MessageKind> BUILT_IN = List.of(SHIPPED, OUT_FOR_DELIVERY, DELIVERED, FAILED_ATTEMPT, DELAYED);

    public MessageKind {
        if (templateName == null || !NAME.matcher(templateName).matches()) {
            throw new IllegalArgumentException("a message kind is lower-case letters, digits and _, starting with a letter; not '"
                    + templateName + "'");
        }
    }

    /** The brief's five, which every channel ships templates for. */
    public static List<MessageKind> builtIn() {
        return BUILT_IN;
    }

    /** @throws IllegalArgumentException when {@code name} is not a kind's name */
    public static MessageKind fromTemplateName(String name) {
        return new MessageKind(name);
    }

    @Override
    public String toString() {
        return templateName;
    }
}
