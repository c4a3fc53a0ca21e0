package io.kargotakip.core.notification;

/** The customer messages of the brief (section 13); each has a template per channel and locale. */
public enum MessageKind {
    SHIPPED("shipped"),
    OUT_FOR_DELIVERY("out_for_delivery"),
    DELIVERED("delivered"),
    FAILED_ATTEMPT("failed_attempt"),
    DELAYED("delayed");

    private final String templateName;

    MessageKind(String templateName) {
        this.templateName = templateName;
    }

    public String templateName() {
        return templateName;
    }

    public static MessageKind fromTemplateName(String name) {
        for (MessageKind kind : values()) {
            if (kind.templateName.equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown message kind: " + name);
    }
}
