package io.kargotakip.core.channel;

/** A send failed. Retryable failures (throttling, provider down) are tried again; others are final. */
public class ChannelException extends Exception {

    /** What a final failure is about, so the caller knows what may help. */
    public enum Reason {
        /** Anything else: a bug in the request, the provider refused it. */
        OTHER,
        /** This recipient cannot be reached on this channel (not on WhatsApp, invalid number): another channel may reach them. */
        RECIPIENT,
        /**
         * The contact itself is gone for good (a web-push subscription the push service answers 404/410 for): the
         * sender removes it from the customer, and another channel may reach them, as for {@link #RECIPIENT}.
         */
        CONTACT_GONE,
        /** The merchant's set-up at the provider (a template missing, paused or disabled, an expired token): operations must act. */
        CONFIGURATION
    }

    private final boolean retryable;
    private final Reason reason;

    public ChannelException(String message, boolean retryable, Throwable cause) {
        this(message, retryable, Reason.OTHER, cause);
    }

    public ChannelException(String message, boolean retryable, Reason reason, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.reason = reason == null ? Reason.OTHER : reason;
    }

    public boolean retryable() {
        return retryable;
    }

    public Reason reason() {
        return reason;
    }
}
