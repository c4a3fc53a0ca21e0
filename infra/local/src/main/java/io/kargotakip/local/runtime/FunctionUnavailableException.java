package io.kargotakip.local.runtime;

/**
 * The function cannot take invocations: it reported an init error, it never asked for its event, or
 * its Runtime API was closed. On AWS these surface as {@code Runtime.*} / {@code Unhandled} errors of the
 * Invoke call.
 */
public final class FunctionUnavailableException extends RuntimeException {

    public FunctionUnavailableException(String message) {
        super(message);
    }
}
