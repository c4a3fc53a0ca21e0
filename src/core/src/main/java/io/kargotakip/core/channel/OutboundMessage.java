package io.kargotakip.core.channel;

/**
 * One message to one recipient.
 *
 * @param notificationId the intent's id, sent along so provider feedback can be matched back
 * @param recipient      address in the channel's form (e-mail address, E.164 phone, device token)
 * @param unsubscribeUrl the opt-out link carried by every message (KVKK, RFC 8058 for e-mail)
 */
public record OutboundMessage(String notificationId, String recipient, RenderedMessage content, String unsubscribeUrl) {

    @Override
    public String toString() {
        // the recipient is personal data: never in logs
        return "OutboundMessage[" + notificationId + "]";
    }
}
