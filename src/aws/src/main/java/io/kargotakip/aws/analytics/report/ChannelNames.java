package io.kargotakip.aws.analytics.report;

/** The channels' names as the report writes them. */
final class ChannelNames {

    private ChannelNames() {
    }

    static String of(String channel) {
        return switch (channel) {
            case "email" -> "E-posta";
            case "sms" -> "SMS";
            case "whatsapp" -> "WhatsApp";
            case "push" -> "Uygulama bildirimi";
            case "webpush" -> "Web bildirimi";
            default -> channel;
        };
    }
}
