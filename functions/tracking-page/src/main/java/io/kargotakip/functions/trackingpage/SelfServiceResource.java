package io.kargotakip.functions.trackingpage;

import io.kargotakip.aws.http.FormPosts;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.page.PageView;
import io.kargotakip.aws.page.PageWords;
import io.kargotakip.aws.page.TrackingPages;
import io.kargotakip.aws.selfservice.SelfService;
import io.kargotakip.core.address.Address;
import io.kargotakip.core.address.AddressForm;
import io.kargotakip.core.address.FieldProblem;
import io.kargotakip.core.address.TurkishAddressBook;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tracking page's self-service pages, {@code /t/<token>/<action>}: a new delivery address ({@code adres}), another
 * delivery day ({@code randevu}), the delivery-day survey ({@code anket}) and the notification settings
 * ({@code tercihler}). {@code GET} shows the form, {@code POST} (a plain HTML form) records it: only from this site
 * ({@code Sec-Fetch-Site}, {@code Origin}), with the form's own signed, expiring value for this page and action, within
 * the rate limits of the page token and of the sender's address. A refused post saves nothing and says why in the
 * customer's language, beside the fields; a saved one leads back to the page, which shows it.
 */
@Path("/")
public class SelfServiceResource {

    static final List<String> ACTIONS = List.of("adres", "randevu", "anket", "tercihler");

    @Inject
    TrackingPages pages;

    @Inject
    Frames frames;

    @Inject
    Visits visits;

    @Inject
    SelfService selfService;

    @Inject
    PageForms forms;

    @Inject
    Metrics metrics;

    @GET
    @Path("t/{token}/{action}")
    public Response show(@PathParam("token") String token, @PathParam("action") String action, @QueryParam("lang") String lang,
                         @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        try {
            Optional<TrackingPages.Resolved> found = ACTIONS.contains(action) ? pages.resolve(token) : Optional.empty();
            if (found.isEmpty()) {
                return notFound(lang, acceptLanguage);
            }
            PageView v = pages.view(found.get(), pages.locale(found.get(), lang, acceptLanguage));
            return render(200, v, form(found.get(), v, action, Map.of(), List.of(), null, false));
        } finally {
            metrics.flush();
        }
    }

    @POST
    @Path("t/{token}/{action}")
    @Consumes(MediaType.WILDCARD)
    public Response post(@PathParam("token") String token, @PathParam("action") String action, @QueryParam("lang") String lang,
                         @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                         @HeaderParam("Origin") String origin, @HeaderParam("Sec-Fetch-Site") String fetchSite,
                         @HeaderParam(HttpHeaders.HOST) String host, @HeaderParam("X-Forwarded-For") String forwardedFor,
                         @HeaderParam(HttpHeaders.USER_AGENT) String agent, byte[] body) {
        try {
            Optional<TrackingPages.Resolved> found = ACTIONS.contains(action) ? pages.resolve(token) : Optional.empty();
            if (found.isEmpty()) {
                return notFound(lang, acceptLanguage);
            }
            TrackingPages.Resolved r = found.get();
            PageView v = pages.view(r, pages.locale(r, lang, acceptLanguage));
            PageWords.Words w = v.words();
            if (!forms.sameSite(origin, fetchSite, host)) {
                metrics.count("PageFormsRefusedCrossSite");
                return render(403, v, form(r, v, action, Map.of(), List.of(), w.get("form.refused"), true));
            }
            if (!forms.withinLimits(token, forwardedFor)) {
                metrics.count("PageFormsRateLimited");
                return render(429, v, form(r, v, action, Map.of(), List.of(), w.get("form.too_many"), true));
            }
            Map<String, String> fields = FormPosts.isForm(contentType) ? FormPosts.fields(body, "channel") : null;
            if (fields == null) {
                return render(400, v, form(r, v, action, Map.of(), List.of(), w.get("form.bad"), true));
            }
            if (!forms.signed(token, action, fields.get("form"))) {
                metrics.count("PageFormsRefusedToken");
                return render(403, v, form(r, v, action, Map.of(), List.of(), w.get("form.refused"), true));
            }
            Response done = switch (action) {
                case "adres" -> address(r, v, fields);
                case "randevu" -> reschedule(r, v, fields);
                case "anket" -> survey(r, v, fields);
                default -> preferences(r, v, fields);
            };
            if (done.getStatus() == 303 || done.getStatus() == 200) {
                visits.record(r.id(), "action:" + action, agent);
            }
            return done;
        } finally {
            metrics.flush();
        }
    }

    /**
     * The address form's pick-lists of one province: its districts, and each district's neighbourhoods with their
     * postal codes. Only the province is in the URL, never a district or a street: the rest is chosen in the page.
     */
    @GET
    @Path("t/{token}/adres/liste")
    public Response lists(@PathParam("token") String token, @QueryParam("il") String province) {
        try {
            if (pages.resolve(token).isEmpty()) {
                return io.kargotakip.aws.http.ProblemMapper.problem(io.kargotakip.aws.http.Problem.of(404, "Not found",
                        "no tracking page has this token, or it has expired"));
            }
            TurkishAddressBook book = TurkishAddressBook.builtIn();
            Map<String, Object> out = new LinkedHashMap<>();
            Optional<String> p = book.findProvince(province == null ? "" : province).resolved();
            List<String> districts = p.map(book::districts).orElse(List.of());
            Map<String, Object> neighbourhoods = new LinkedHashMap<>();
            districts.forEach(d -> neighbourhoods.put(d, book.neighbourhoods(p.get(), d).stream()
                    .map(n -> Map.of("name", n.name(), "postalCode", n.postalCode())).toList()));
            out.put("districts", districts);
            out.put("neighbourhoods", neighbourhoods);
            // written whole, with its length: a streamed body of this size does not come back through the Lambda HTTP adapter
            byte[] body = io.kargotakip.aws.Json.write(out).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return Response.ok(body).type(MediaType.APPLICATION_JSON + ";charset=utf-8").header("Cache-Control", "private, max-age=3600").build();
        } finally {
            metrics.flush();
        }
    }

    private Response address(TrackingPages.Resolved r, PageView v, Map<String, String> f) {
        AddressForm given = new AddressForm(f.get("province"), f.get("district"), f.get("neighbourhood"), f.get("postalCode"), f.get("line"),
                f.get("building"));
        SelfService.AddressResult result = selfService.changeAddress(r.id(), given);
        if (result instanceof SelfService.AddressResult.Invalid invalid) {
            return render(400, v, form(r, v, "adres", f, invalid.problems(), v.t("address.problems"), true));
        }
        if (result instanceof SelfService.AddressResult.Refused refused) {
            return render(409, v, form(r, v, "adres", f, List.of(), refused.refusal().message(v.locale()), true));
        }
        return back(v);
    }

    private Response reschedule(TrackingPages.Resolved r, PageView v, Map<String, String> f) {
        LocalDate day;
        try {
            day = LocalDate.parse(f.getOrDefault("day", ""));
        } catch (DateTimeParseException e) {
            day = null;
        }
        SelfService.RescheduleResult result = day == null ? null : selfService.reschedule(r.id(), day);
        if (result == null || result instanceof SelfService.RescheduleResult.NotOffered) {
            List<FieldProblem> problems = result == null
                    ? List.of(io.kargotakip.core.selfservice.SelfServiceCheck.dayNotOffered(selfService.offeredDays(r.id())))
                    : List.of(((SelfService.RescheduleResult.NotOffered) result).problem());
            return render(400, v, form(r, v, "randevu", f, problems, v.t("reschedule.invalid"), true));
        }
        if (result instanceof SelfService.RescheduleResult.Refused refused) {
            return render(409, v, form(r, v, "randevu", f, List.of(), refused.refusal().message(v.locale()), true));
        }
        return back(v);
    }

    private Response survey(TrackingPages.Resolved r, PageView v, Map<String, String> f) {
        int score;
        try {
            score = Integer.parseInt(f.getOrDefault("score", "").strip());
        } catch (NumberFormatException e) {
            score = -1; // the check names the range
        }
        SelfService.NpsResult result = selfService.answerNps(r.id(), score, f.get("comment"));
        if (result instanceof SelfService.NpsResult.Invalid invalid) {
            return render(400, v, form(r, v, "anket", f, invalid.problems(), v.t("address.problems"), true));
        }
        if (result instanceof SelfService.NpsResult.Refused refused) {
            return render(409, v, form(r, v, "anket", f, List.of(), refused.refusal().message(v.locale()), true));
        }
        return back(v);
    }

    private Response preferences(TrackingPages.Resolved r, PageView v, Map<String, String> f) {
        if (r.order() == null) {
            return render(409, v, form(r, v, "tercihler", f, List.of(), v.t("preferences.none"), true));
        }
        List<String> chosen = "stop_all".equals(f.get("do")) ? List.of()
                : List.of(f.getOrDefault("channel", "").split(",")).stream().filter(c -> !c.isBlank()).toList();
        if (!forms.choose(r.order(), chosen, v.locale())) {
            return render(409, v, form(r, v, "tercihler", f, List.of(), v.t("preferences.none"), true));
        }
        // the same page, with the choice as the ledger now holds it
        return render(200, pages.view(r, v.locale()), form(r, v, "tercihler", Map.of(), List.of(), v.t("preferences.saved"), false));
    }

    /** After a saved action: the page, which shows it (303, so a reload does not post again). */
    private static Response back(PageView v) {
        return Response.seeOther(URI.create("/t/" + v.token() + "?lang=" + v.locale())).header("Cache-Control", "no-store").build();
    }

    private Response render(int status, PageView v, Pages.Form form) {
        return frames.html(status, Pages.Templates.form(v, frames.of(v, "/" + form.action()), form).render());
    }

    private Response notFound(String lang, String acceptLanguage) {
        metrics.count("TrackingPagesNotFound");
        return frames.notFound(pages.locale(lang, acceptLanguage));
    }

    /** The form of {@code action}, with the values given (or stored) and the problems of a refused post beside its fields. */
    private Pages.Form form(TrackingPages.Resolved r, PageView v, String action, Map<String, String> given, List<FieldProblem> problems,
                            String message, boolean problem) {
        String locale = v.locale();
        String token = forms.token(r.token(), action);
        Map<String, FieldProblem> byField = new LinkedHashMap<>();
        problems.forEach(p -> byField.putIfAbsent(p.field(), p));
        io.kargotakip.aws.store.SelfServiceLog.Found done = selfService.done(r.id());
        return switch (action) {
            case "adres" -> {
                Optional<Address> stored = done.address().map(c -> c.address());
                if (!problem && message == null && !open(v)) {
                    message = v.t("address.closed");
                    problem = true;
                }
                Map<String, String> values = new LinkedHashMap<>();
                values.put("province", given.getOrDefault("province", stored.map(Address::province).orElse("")));
                values.put("district", given.getOrDefault("district", stored.map(Address::district).orElse("")));
                values.put("neighbourhood", given.getOrDefault("neighbourhood", stored.map(Address::neighbourhood).orElse("")));
                values.put("postalCode", given.getOrDefault("postalCode", stored.map(Address::postalCode).orElse("")));
                values.put("line", given.getOrDefault("line", stored.map(Address::line).orElse("")));
                values.put("building", given.getOrDefault("building", stored.map(a -> a.building() == null ? "" : a.building()).orElse("")));
                TurkishAddressBook book = TurkishAddressBook.builtIn();
                Optional<String> province = book.findProvince(values.get("province")).resolved();
                Optional<String> district = province.flatMap(p -> book.findDistrict(p, values.get("district")).resolved());
                List<Pages.Field> fields = List.of(
                        text("province", v.t("address.province"), values, byField, locale, "provinces", book.provinces(), true),
                        text("district", v.t("address.district"), values, byField, locale, "districts",
                                province.map(book::districts).orElse(List.of()), true),
                        text("neighbourhood", v.t("address.neighbourhood"), values, byField, locale, "neighbourhoods",
                                district.map(d -> book.neighbourhoods(province.get(), d).stream().map(TurkishAddressBook.Neighbourhood::name).toList())
                                        .orElse(List.of()), true),
                        text("postalCode", v.t("address.postal_code"), values, byField, locale, null, List.of(), true),
                        text("line", v.t("address.line"), values, byField, locale, null, List.of(), true),
                        text("building", v.t("address.building"), values, byField, locale, null, List.of(), false));
                yield new Pages.Form("adres", v.t("address.title"), token, message, problem, open(v) ? fields : List.of(), v.t("address.save"),
                        "/t/" + r.token() + "/adres/liste", null);
            }
            case "randevu" -> {
                List<LocalDate> offered = selfService.offeredDays(r.id());
                if (!problem && message == null && offered.isEmpty()) {
                    message = v.t("reschedule.closed");
                    problem = true;
                }
                String chosen = given.getOrDefault("day", done.reschedule().map(x -> x.day().toString()).orElse(""));
                List<Pages.Choice> days = offered.stream().map(d -> new Pages.Choice(d.toString(), PageWords.day(d, locale), d.toString().equals(chosen)))
                        .toList();
                FieldProblem p = byField.get("day");
                List<Pages.Field> fields = offered.isEmpty() ? List.of() : List.of(new Pages.Field("day", v.t("reschedule.choose"), "radio", chosen, null,
                        days, p == null ? null : p.message(locale), List.of(), true, null));
                yield new Pages.Form("randevu", v.t("reschedule.title"), token, message, problem, fields, v.t("reschedule.save"), null, null);
            }
            case "anket" -> {
                if (done.nps().isPresent() && message == null) {
                    yield new Pages.Form("anket", v.t("nps.title"), token, v.words().format("nps.thanks",
                            Map.of("score", String.valueOf(done.nps().get().score()))), false, List.of(), v.t("nps.save"), null, null);
                }
                if (!"delivered".equals(v.statusCode()) && message == null) {
                    yield new Pages.Form("anket", v.t("nps.title"), token, v.t("nps.closed"), true, List.of(), v.t("nps.save"), null, null);
                }
                String score = given.getOrDefault("score", "");
                List<Pages.Choice> scale = new ArrayList<>();
                for (int i = 0; i <= 10; i++) {
                    scale.add(new Pages.Choice(String.valueOf(i), String.valueOf(i), String.valueOf(i).equals(score)));
                }
                FieldProblem ps = byField.get("score");
                FieldProblem pc = byField.get("comment");
                List<Pages.Field> fields = List.of(
                        new Pages.Field("score", v.t("nps.question"), "scale", score, null, scale, ps == null ? null : ps.message(locale), List.of(), true,
                                "0 = " + v.t("nps.low") + ", 10 = " + v.t("nps.high")),
                        new Pages.Field("comment", v.t("nps.comment"), "textarea", given.getOrDefault("comment", ""), null, List.of(),
                                pc == null ? null : pc.message(locale), List.of(), false, null));
                yield new Pages.Form("anket", v.t("nps.title"), token, message, problem, fields, v.t("nps.save"), null, null);
            }
            default -> {
                Map<String, Boolean> current = r.order() == null ? Map.of() : forms.current(r.order());
                List<Pages.Choice> channels = current.entrySet().stream()
                        .map(e -> new Pages.Choice(e.getKey(), v.t("preferences.channel." + e.getKey()), e.getValue())).toList();
                List<Pages.Field> fields = channels.isEmpty() ? List.of() : List.of(new Pages.Field("channel", v.t("preferences.intro"), "check", "", null,
                        channels, null, List.of(), false, null));
                yield new Pages.Form("tercihler", v.t("preferences.title"), token, channels.isEmpty() && message == null ? v.t("preferences.none") : message,
                        problem, fields, v.t("preferences.save"), null, v.t("preferences.stop_all"));
            }
        };
    }

    private static boolean open(PageView v) {
        return v.actions().stream().anyMatch(a -> a.name().equals("adres"));
    }

    private static Pages.Field text(String name, String label, Map<String, String> values, Map<String, FieldProblem> problems, String locale,
                                    String list, List<String> options, boolean required) {
        FieldProblem p = problems.get(name);
        return new Pages.Field(name, label, "text", values.getOrDefault(name, ""), list,
                options.stream().map(o -> new Pages.Choice(o, o, false)).toList(), p == null ? null : p.message(locale),
                p == null ? List.of() : p.suggestions(), required, null);
    }
}
