package io.kargotakip.core.channel;

/**
 * One message to one recipient, in the form of the channel that sends it.
 *
 * @param notificationId the intent's id, sent along so provider feedback can be matched back
 * @param recipient      the customer's contact of the channel's {@link ContactKind} (e-mail address, E.164 phone, device token, ...)
 * @param content        the message as the channel rendered it
 * @param unsubscribeUrl the opt-out link carried by every message (KVKK, RFC 8058 for e-mail)
 */
public record OutboundMessage<F extends MessageForm>(String notificationId, String recipient, F content, String unsubscribeUrl) {

    @Override
    public String toString() {
        // the recipient and the content are personal data: never in logs
        return "OutboundMessage[" + notificationId + "]";
    }
}
