package io.kargotakip.core.channel;

/** A send failed. Retryable failures (throttling, provider down) are tried again; others are final. */
public class ChannelException extends Exception {

    private final boolean retryable;

    public ChannelException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
