package io.kargotakip.channels.operations;

import io.kargotakip.core.operations.OperationsException;
import io.kargotakip.core.operations.TicketRequest;

import java.net.URI;

/** A helpdesk a ticket is posted to, in its format. */
interface Helpdesk {

    /** @return the helpdesk's id of the ticket */
    String open(TicketRequest ticket) throws OperationsException;

    /** The base URL without a trailing slash and without the API path the format adds (a user may paste either). */
    static String base(URI url, String apiPath) {
        String u = url.toString();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u.endsWith(apiPath) ? u.substring(0, u.length() - apiPath.length()) : u;
    }
}
