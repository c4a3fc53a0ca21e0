package io.kargotakip.core.support;

/**
 * A ticket payload that is not one the helpdesk sends or the form documents (not JSON, a field missing or of the wrong
 * kind, an unreadable time). The message says what is wrong, without echoing the payload; retrying will not help.
 */
public class TicketPayloadException extends Exception {

    public TicketPayloadException(String message) {
        super(message);
    }

    public TicketPayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
