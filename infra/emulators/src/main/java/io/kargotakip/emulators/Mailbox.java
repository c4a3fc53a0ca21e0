package io.kargotakip.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** The mails the SES emulator accepted, read back over its HTTP API ({@code GET /store}). */
public final class Mailbox {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<JsonNode> mails;

    private Mailbox(List<JsonNode> mails) {
        this.mails = mails;
    }

    public static Mailbox of(URI store) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(store).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            List<JsonNode> mails = new ArrayList<>();
            JSON.readTree(response.body()).path("emails").forEach(mails::add);
            return new Mailbox(mails);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the SES emulator's store at " + store + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public List<JsonNode> all() {
        return mails;
    }

    public List<JsonNode> to(String recipient) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode mail : mails) {
            for (JsonNode to : mail.path("destination").path("to")) {
                if (to.asText().contains(recipient)) {
                    out.add(mail);
                }
            }
        }
        return out;
    }
}
