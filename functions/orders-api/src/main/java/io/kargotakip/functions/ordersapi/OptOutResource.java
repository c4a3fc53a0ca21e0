package io.kargotakip.functions.ordersapi;

import io.kargotakip.aws.http.Problem;
import io.kargotakip.aws.http.ProblemMapper;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.store.ConsentLedger;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.core.order.CustomerId;
import io.kargotakip.core.template.Links;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Optional;

/**
 * The opt-out link of every message, {@code /u/<notificationId>.<signature>}: the signature (HMAC with the link
 * secret) is the authentication, so no API key. {@code GET} only shows a page with a button — mail scanners and link
 * previews open links, they must not opt anyone out — and {@code POST} (the button, or RFC 8058's one-click
 * {@code List-Unsubscribe=One-Click} from a mail client) appends an opt-out of that message's channel to the customer's
 * ledger ({@code opt-out-link}); the sender reads the ledger before each send, so it counts from the next one.
 */
@Path("/u/{token}")
public class OptOutResource {

    private static final Logger LOG = Logger.getLogger(OptOutResource.class);
    /** What the page says; recorded as the text the customer was shown. */
    static final String PAGE_TEXT = "Bu kanaldan kargo bildirimi almak istemiyorum.";

    @Inject
    OptOutLinks links;

    @Inject
    Metrics metrics;

    /** What the endpoint needs, built by {@link Wiring}. */
    record OptOutLinks(Links links, NotificationRepository notifications, OrderRepository orders, ConsentLedger ledger, Clock clock) {
    }

    @GET
    @jakarta.ws.rs.Produces(MediaType.TEXT_HTML)
    public Response page(@PathParam("token") String token) {
        if (links.links().optOutNotification(token).isEmpty()) {
            return notFound();
        }
        String html = "<!doctype html><html lang=\"tr\"><meta charset=\"utf-8\"><title>Bildirim tercihi</title>"
                + "<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                + "<p>" + PAGE_TEXT + "</p><button type=\"submit\">Aboneliği bitir</button></form></html>";
        return Response.ok(html, MediaType.TEXT_HTML + ";charset=utf-8").build();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response optOut(@PathParam("token") String token, byte[] body) {
        try {
            Optional<String> notificationId = links.links().optOutNotification(token);
            Optional<NotificationRepository.Stored> notification = notificationId.flatMap(links.notifications()::find);
            if (notification.isEmpty()) {
                return notFound();
            }
            var intent = notification.get().intent();
            Optional<String> customer = Optional.ofNullable(intent.orderId()).flatMap(links.orders()::find)
                    .flatMap(order -> CustomerId.of(order.customer()));
            if (customer.isEmpty()) {
                // the order is gone or erased: nothing can be sent to this customer anyway
                return Response.ok("Bu adrese artık bildirim gönderilmiyor.\n", MediaType.TEXT_PLAIN + ";charset=utf-8").build();
            }
            links.ledger().append(customer.get(), new ConsentLedger.Entry(intent.channel(), false, links.clock().instant(),
                    ConsentLedger.OPT_OUT_LINK, PAGE_TEXT));
            metrics.count("OptOutsByLink");
            LOG.infof("opt-out of %s recorded from the link of notification %s", intent.channel(), notificationId.get());
            return Response.ok("Tamam: bu kanaldan bildirim gönderilmeyecek.\n", MediaType.TEXT_PLAIN + ";charset=utf-8").build();
        } finally {
            metrics.flush();
        }
    }

    private static Response notFound() {
        return ProblemMapper.problem(Problem.of(404, "Unknown link", "this opt-out link is not valid"));
    }
}
