package io.kargotakip.functions.ordersapi;

import io.kargotakip.aws.http.Headers;
import io.kargotakip.aws.http.Problem;
import io.kargotakip.aws.http.ProblemMapper;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.pipeline.CustomerAnswers;
import io.kargotakip.aws.store.AnswerLog;
import io.kargotakip.core.notification.Question;
import io.kargotakip.core.template.AnswerPage;
import io.kargotakip.core.template.Links;
import io.kargotakip.core.webhook.WebhookAuth;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The page a message's question is answered on, and the read of the answers. A tracked link of {@code odeme-teyit} or
 * {@code adres-teyit} ({@code /c/<token>/<action>}) records the click and leads here, {@code /a/<token>/<action>}, with
 * the link's own signed token: {@code GET} asks the question in the customer's language (a link preview or mail
 * scanner records nothing), {@code POST} (the page's form, {@code answer=confirmed|declined|wrong_address}) records the
 * first answer of the message occurrence ({@link CustomerAnswers}); a later, different one is told the first stands.
 * The form carries a value bound to the token ({@link Links#answerFormToken}), and a post another site's page makes
 * ({@code Origin}, {@code Sec-Fetch-Site}) is refused. {@code GET /answers?orderId=…}, with the orders API's key, lists
 * an order's answers for operations.
 */
@Path("/")
public class AnswersResource {

    /** What the pages need, built by {@link Wiring}: the words, the links (form tokens) and the brand's name. */
    record Pages(AnswerPage words, Links links, String brandName, String trackingBaseUrl) {
    }

    /** An answer as {@code GET /answers} lists it: ids, the answer, its time and channel; no contact. */
    @RegisterForReflection
    public record AnswerJson(String question, String answer, String answeredAt, String channel, String notificationId, String kind,
                             String shipment, String occurrenceKey) {
        static AnswerJson of(AnswerLog.Answer a) {
            return new AnswerJson(a.question(), a.answer(), a.answeredAt().toString(), a.channel(), a.notificationId(), a.kind(),
                    a.shipment(), a.occurrenceKey());
        }
    }

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(AnswersResource.class);
    static final String FORM_FIELD = "form";
    static final String ANSWER_FIELD = "answer";
    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:0;background:#f6f6f4;color:#1d1d1b}"
            + "main{max-width:32rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:.75rem}"
            + ".brand{font-weight:600;color:#666}.detail{color:#444}form{display:flex;flex-direction:column;gap:.75rem;margin-top:1.5rem}"
            + "button{font-size:1rem;padding:.9rem;border-radius:.5rem;border:1px solid #1d1d1b;background:#fff;cursor:pointer}"
            + "button.first{background:#1d1d1b;color:#fff}";
    /**
     * Nothing but this page's own style: no script, no other source, no framing, forms only to itself. The referrer goes
     * to this site only ({@code same-origin}: with {@code no-referrer} a browser sends its form post with {@code Origin: null}).
     */
    static final String CSP = "default-src 'none'; style-src '" + sha256(STYLE) + "'; img-src 'none'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    @Inject
    CustomerAnswers answers;

    @Inject
    Pages pages;

    @Inject
    @Named("orders-api-auth")
    WebhookAuth auth;

    @Inject
    Metrics metrics;

    @GET
    @Path("a/{token}/{action}")
    public Response page(@PathParam("token") String token, @PathParam("action") String action) {
        try {
            Optional<CustomerAnswers.Asked> asked = answers.asked(token, action);
            if (asked.isEmpty()) {
                return notFound();
            }
            CustomerAnswers.Asked a = asked.get();
            AnswerPage.Form form = pages.words().form(a.question(), a.order());
            if (a.answered().isPresent()) {
                // the first answer stands: the page says so instead of asking again
                return page(200, form.locale(), form.title(), form.order(),
                        p(pages.words().recorded(a.question(), a.answered().get().answer(), form.locale())));
            }
            StringBuilder body = new StringBuilder();
            body.append("<p id=\"question\">").append(escape(form.question())).append("</p>");
            if (!form.detail().isEmpty()) {
                body.append("<p class=\"detail\">").append(escape(form.detail())).append("</p>");
            }
            body.append("<form method=\"post\"><input type=\"hidden\" name=\"").append(FORM_FIELD).append("\" value=\"")
                    .append(escape(pages.links().answerFormToken(token))).append("\">");
            boolean first = true;
            for (AnswerPage.Choice choice : form.choices()) {
                body.append("<button type=\"submit\" name=\"").append(ANSWER_FIELD).append("\" value=\"").append(escape(choice.answer()))
                        .append("\"").append(first ? " class=\"first\"" : "").append(">").append(escape(choice.label())).append("</button>");
                first = false;
            }
            body.append("</form>");
            return page(200, form.locale(), form.title(), form.order(), body.toString());
        } finally {
            metrics.flush();
        }
    }

    @POST
    @Path("a/{token}/{action}")
    @Consumes(MediaType.WILDCARD)
    public Response answer(@PathParam("token") String token, @PathParam("action") String action,
                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @HeaderParam("Origin") String origin,
                           @HeaderParam("Sec-Fetch-Site") String fetchSite, @HeaderParam(HttpHeaders.HOST) String host, byte[] body) {
        try {
            Optional<CustomerAnswers.Asked> asked = answers.asked(token, action);
            if (asked.isEmpty()) {
                return notFound();
            }
            CustomerAnswers.Asked a = asked.get();
            AnswerPage.Form form = pages.words().form(a.question(), a.order());
            String locale = form.locale();
            if (!io.kargotakip.aws.http.FormPosts.sameSite(origin, fetchSite, host, pages.trackingBaseUrl())) {
                metrics.count("AnswersRefusedCrossSite");
                LOG.infof("answer post refused: from another site (Origin %s, Sec-Fetch-Site %s, Host %s)", origin, fetchSite, host);
                return page(403, locale, form.title(), form.order(), p(pages.words().text("refused", locale)));
            }
            Map<String, String> fields = io.kargotakip.aws.http.FormPosts.isForm(contentType) ? io.kargotakip.aws.http.FormPosts.fields(body) : null;
            if (fields == null) {
                return page(400, locale, form.title(), form.order(), p(pages.words().text("bad_form", locale)));
            }
            if (!pages.links().isAnswerFormToken(token, fields.get(FORM_FIELD))) {
                metrics.count("AnswersRefusedForm");
                LOG.infof("answer post refused: without this page's form token");
                return page(403, locale, form.title(), form.order(), p(pages.words().text("refused", locale)));
            }
            String answer = fields.get(ANSWER_FIELD);
            if (answer == null || !a.question().answers().contains(answer)) {
                return page(400, locale, form.title(), form.order(), p(pages.words().text("bad_form", locale)));
            }
            AnswerLog.Recorded recorded = answers.answer(a, answer);
            String said = pages.words().recorded(a.question(), recorded.answer().answer(), locale);
            String html = recorded instanceof AnswerLog.Recorded.Stands ? p(said)
                    : "<p id=\"thanks\">" + escape(pages.words().text("thanks", locale)) + "</p>" + p(said);
            return page(200, locale, form.title(), form.order(), html);
        } finally {
            metrics.flush();
        }
    }

    /** An order's answers, oldest first, with the orders API's key. */
    @GET
    @Path("answers")
    public Response list(@Context HttpHeaders headers, @QueryParam("orderId") String orderId) {
        try {
            String why = auth.rejectReason(Headers.lowerCased(headers), new byte[0], Instant.now());
            if (why != null) {
                return ProblemMapper.problem(Problem.of(401, "Unauthorized", why));
            }
            if (orderId == null || orderId.isBlank()) {
                return ProblemMapper.problem(Problem.of(400, "Missing order", "give the order as ?orderId=…"));
            }
            Optional<List<AnswerLog.Answer>> found = answers.ofOrder(orderId);
            if (found.isEmpty()) {
                return ProblemMapper.problem(Problem.of(404, "Not found", "no order " + orderId + " is stored"));
            }
            return Response.ok(Map.of("orderId", orderId, "answers", found.get().stream().map(AnswerJson::of).toList()))
                    .type(MediaType.APPLICATION_JSON).header("Cache-Control", "no-store").build();
        } finally {
            metrics.flush();
        }
    }

    /** The same page for every link that leads nowhere: a forged token, an unknown action, a message past its retention. */
    private Response notFound() {
        String locale = pages.words().defaultLocale();
        return page(404, locale, pages.words().text("title", locale), "", p(pages.words().text("not_found", locale)));
    }

    private Response page(int status, String locale, String title, String order, String body) {
        String html = "<!doctype html><html lang=\"" + escape(locale) + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">"
                + "<title>" + escape(title) + " · " + escape(pages.brandName()) + "</title><style>" + STYLE + "</style></head><body><main>"
                + "<p class=\"brand\">" + escape(pages.brandName()) + "</p><h1>" + escape(title) + "</h1>"
                + (order.isEmpty() ? "" : "<p class=\"order\">" + escape(order) + "</p>") + body + "</main></body></html>";
        return Response.status(status).entity(html).type(MediaType.TEXT_HTML + ";charset=utf-8")
                .header("Content-Security-Policy", CSP).header("Cache-Control", TrackedLinksResource.NO_STORE)
                .header("Referrer-Policy", "same-origin").header("X-Content-Type-Options", "nosniff").build();
    }

    private static String p(String text) {
        return "<p id=\"answer\">" + escape(text) + "</p>";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String sha256(String text) {
        try {
            return "sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
