package io.kargotakip.core.carrier;

/**
 * What a pushing carrier expects back once its push is accepted, where that is not our default
 * ({@code 202} with a JSON body): Aras's callback expects its SOAP response with {@code Result = true},
 * Hepsiburada a {@code 204}.
 */
public record PushAcknowledgement(int status, String contentType, byte[] body) {

    public PushAcknowledgement {
        if (status < 200 || status > 299) {
            throw new IllegalArgumentException("an acknowledgement is a 2xx answer");
        }
        body = body == null ? new byte[0] : body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
