package org.checkoutpipeline.stripeemulator.page;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.checkoutpipeline.stripeemulator.api.ApiError;
import org.checkoutpipeline.stripeemulator.api.Params;
import org.checkoutpipeline.stripeemulator.checkout.CheckoutSession;
import org.checkoutpipeline.stripeemulator.checkout.CheckoutSessionService;
import org.checkoutpipeline.stripeemulator.checkout.ClientSecrets;
import org.checkoutpipeline.stripeemulator.checkout.CompletionService;
import org.checkoutpipeline.stripeemulator.checkout.CompletionService.Payer;
import org.checkoutpipeline.stripeemulator.checkout.PaymentOutcome;
import org.checkoutpipeline.stripeemulator.clock.EmulatorClock;
import org.checkoutpipeline.stripeemulator.currency.Currencies;
import org.checkoutpipeline.stripeemulator.methods.Flow;
import org.checkoutpipeline.stripeemulator.methods.PaymentMethodCatalog;
import org.checkoutpipeline.stripeemulator.payment.PaymentIntent;
import org.checkoutpipeline.stripeemulator.payment.PaymentJson;
import org.checkoutpipeline.stripeemulator.api.HttpUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hosted payment page at a session's {@code url}, {@code /c/pay/{id}}: server-rendered HTML
 * without scripts, in the post/redirect/get style.
 *
 * <ul>
 *   <li>{@code GET /c/pay/{id}}: the form while the session is open; otherwise a page saying it is
 *       complete (it can never charge again) or expired.
 *   <li>{@code POST /c/pay/{id}}: pays, then 303 to {@code success_url} with
 *       {@code {CHECKOUT_SESSION_ID}} replaced; a declined card or bad field 303s back to the form
 *       with the message; the 3D Secure test card 303s to the authentication step.
 *   <li>{@code GET /c/pay/{id}/authenticate} and {@code POST} with {@code decision=approve|fail}:
 *       the 3D Secure step.
 *   <li>{@code GET /c/pay/{id}/authorize} and {@code POST} with {@code decision=authorize|fail}: the
 *       test page a redirect method (iDEAL, Klarna, PayPal, ...) sends the customer to.
 * </ul>
 *
 * <p>Cancelling is the back link to {@code cancel_url}: nothing changes, and the session stays
 * open and payable until it expires. Posts are refused with 403 unless they carry the session's
 * {@link CsrfGuard} token and come from the page's own site; a submission the page cannot read is
 * answered 400 with what is wrong, never a stack trace.
 */
public final class HostedPage implements HttpHandler {

    /** The path prefix the page is served under. */
    public static final String CONTEXT = "/c/pay/";
    /** An expired session's recovery URL ({@code after_expiration[recovery]}): {@code /c/recover/<id>}. */
    public static final String RECOVER_CONTEXT = "/c/recover/";
    /** Where an embedded session's page is, by its client secret: {@code /c/embed/<client_secret>}. */
    public static final String EMBED_CONTEXT = "/c/embed/";
    private static final Logger LOG = LoggerFactory.getLogger(HostedPage.class);
    /** The step of a redirect method: the emulator's authorize / fail test page. */
    private static final String AUTHORIZE = "authorize";
    private static final int MAX_BODY_BYTES = 16 * 1024;
    /** How many customers' entries the page keeps for sending them back to the form. */
    private static final int MAX_ENTERED = 10_000;
    private static final Pattern SESSION_ID = Pattern.compile("cs_[A-Za-z0-9_]{1,250}");
    private static final String FORM_TYPE = "application/x-www-form-urlencoded";
    private static final String SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline';"
            + " script-src '" + sha256(PageViews.PAGE_SCRIPT) + "'; img-src data:; base-uri 'none';"
            + " frame-ancestors 'none'";
    private static final String EMBEDDED_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline';"
            + " script-src '" + sha256(PageViews.PAGE_SCRIPT) + "'; connect-src 'self'; img-src data:;"
            + " base-uri 'none'; frame-ancestors *";

    private final CheckoutSessionService sessions;
    private final ClientSecrets secrets;
    private final EnteredValues entered;
    private final CompletionService completions;
    private final EmulatorClock clock;
    private final CsrfGuard csrf;
    private final PageViews views;

    /** A response: a page with a status, or a 303 to {@code location}. */
    /** A page, a redirect, or (for the embedded page's script) a JSON body. */
    private record Response(int status, String html, String location, String json) {

        static Response page(int status, String html) {
            return new Response(status, html, null, null);
        }

        static Response seeOther(String location) {
            return new Response(303, null, location, null);
        }

        /** Where the embedded page's script goes next: the frame itself, or the merchant's top window. */
        static Response navigate(String location, boolean top) {
            return new Response(200, null, null, "{\"location\":\"" + location.replace("\\", "\\\\")
                    .replace("\"", "\\\"") + "\",\"top\":" + top + "}");
        }
    }

    public HostedPage(CheckoutSessionService sessions, CompletionService completions,
            EmulatorClock clock, Currencies currencies, ClientSecrets secrets, Supplier<String> publicBaseUrl) {
        this.sessions = sessions;
        this.secrets = secrets;
        this.completions = completions;
        this.clock = clock;
        this.csrf = new CsrfGuard(publicBaseUrl);
        this.views = new PageViews(new MoneyFormat(currencies));
        this.entered = new EnteredValues(MAX_ENTERED);
    }

    @Override
    public void handle(HttpExchange exchange) {
        Response response;
        boolean embedded = exchange.getRequestURI().getRawPath().startsWith(EMBED_CONTEXT);
        try {
            String path = exchange.getRequestURI().getRawPath();
            response = path.startsWith(RECOVER_CONTEXT) ? recover(exchange)
                    : path.startsWith(PaymentJson.VOUCHER_PATH) ? voucher(path.substring(PaymentJson.VOUCHER_PATH.length()))
                    : route(exchange, embedded);
            if (embedded && response.location() != null && exchange.getRequestMethod().equals("POST")) {
                // The embedded page posts with a script: it reloads its frame, or sends the
                // merchant's window to return_url (within the click's user activation).
                response = Response.navigate(response.location(), !response.location().startsWith(EMBED_CONTEXT));
            }
        } catch (BadForm e) {
            response = Response.page(400, views.message("The payment form could not be read",
                    e.getMessage(), null, null));
        } catch (RuntimeException e) {
            LOG.error("payment page {} {} failed", exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), e);
            response = Response.page(500, views.message("Something went wrong",
                    "The emulator could not show this page; its log has the details.", null, null));
        }
        send(exchange, response, embedded);
    }

    private Response route(HttpExchange exchange, boolean embedded) {
        String rest = exchange.getRequestURI().getRawPath().substring((embedded ? EMBED_CONTEXT : CONTEXT).length());
        String[] parts = rest.split("/", -1);
        boolean authentication = parts.length == 2 && parts[1].equals("authenticate");
        boolean authorization = parts.length == 2 && parts[1].equals(AUTHORIZE);
        String id = embedded ? secrets.sessionIdOf(parts[0]) : parts[0];
        if (!(parts.length == 1 || authentication || authorization) || id == null
                || !SESSION_ID.matcher(id).matches()) {
            return notFound();
        }
        sessions.expireIfDue(id, clock.epochSecond());
        CheckoutSession session = sessions.find(id);
        // An embedded session has no hosted page, and a hosted one no embedded page.
        if (session == null || (session.options().embedded() != null) != embedded) {
            return notFound();
        }
        String method = exchange.getRequestMethod();
        if (method.equals("GET")) {
            Map<String, Object> query = query(exchange);
            PageViews language = views.in(PageText.of(session.options().locale(),
                    exchange.getRequestHeaders().getFirst("Accept-Language")));
            return authentication ? authenticationStep(session, query, language)
                    : authorization ? authorizationStep(session, query, language) : show(session, query, language);
        }
        if (method.equals("POST")) {
            Map<String, Object> form = checkedForm(exchange, session);
            if (form == null) {
                return forbidden(exchange, session);
            }
            if (!session.isOpen()) {
                return Response.seeOther(pagePath(session));
            }
            return authentication ? decide(session, form) : authorization ? decideRedirect(session, form)
                    : pay(session, form);
        }
        return Response.page(405, views.message("Method not allowed",
                "The payment page answers GET and POST, not " + method + ".", null, null));
    }

    /** A recovery link opens a new session with the expired one's cart and sends the customer to it. */
    private Response recover(HttpExchange exchange) {
        if (!exchange.getRequestMethod().equals("GET")) {
            return Response.page(405, views.message("Method not allowed", "A recovery link is opened with GET.",
                    null, null));
        }
        String id = exchange.getRequestURI().getRawPath().substring(RECOVER_CONTEXT.length());
        CheckoutSession recovered = SESSION_ID.matcher(id).matches() ? sessions.recover(id) : null;
        if (recovered == null) {
            return Response.page(410, views.message("This link can no longer be used",
                    "The checkout it belongs to cannot be recovered: it is not expired, recovery is off, or the"
                            + " link is more than 30 days old. Return to the merchant to start again.", null, null));
        }
        return Response.seeOther(pagePath(recovered));
    }

    /** The hosted voucher ({@code next_action.*_display_details.hosted_voucher_url}): what to pay, where, by when. */
    private Response voucher(String path) {
        // Boleto's pdf (".../pdf") is the same instructions: the emulator renders no PDF.
        String intentId = path.endsWith("/pdf") ? path.substring(0, path.length() - 4) : path;
        PaymentIntent intent = intentId.matches("pi_[A-Za-z0-9]{1,250}") ? sessions.findPaymentIntent(intentId) : null;
        if (intent == null || intent.voucherExpiresAt() == null) {
            return Response.page(404, views.message("Voucher not found", "There is no voucher at this address.",
                    null, null));
        }
        CheckoutSession s = sessions.find(intent.checkoutSession());
        return Response.page(200, views.voucher(intent, s));
    }

    private Response notFound() {
        return Response.page(404, views.message("Checkout session not found",
                "There is no checkout session at this address. Check the link, or ask the merchant"
                        + " for a new one.", null, null));
    }

    private Response show(CheckoutSession s, Map<String, Object> query, PageViews views) {
        switch (s.status()) {
            case COMPLETE -> {
                boolean processing = s.paymentStatus() == CheckoutSession.PaymentStatus.UNPAID;
                String heading = switch (s.mode()) {
                    case PAYMENT -> processing ? "Your payment is processing" : "Payment complete";
                    case SUBSCRIPTION -> processing ? "Your payment is processing" : "Subscription started";
                    case SETUP -> "Payment details saved";
                };
                String afterSubmit = s.options().fields().customText().get("after_submit");
                PaymentIntent intent = s.paymentIntentId() == null ? null : sessions.findPaymentIntent(s.paymentIntentId());
                if (processing && intent != null && intent.voucherExpiresAt() != null) {
                    return Response.page(200, views.message("Your voucher is ready", afterSubmit != null ? afterSubmit
                            : "Pay it before it expires; the order is confirmed once it is paid.", "Show the voucher",
                            PaymentJson.VOUCHER_PATH + intent.id()));
                }
                return Response.page(200, views.message(heading, afterSubmit != null ? afterSubmit : processing
                        ? "This checkout session is complete; the bank debit settles in a few days."
                        : "This checkout session is complete and cannot be paid again.",
                        "Return to the merchant", successUrl(s)));
            }
            case EXPIRED -> {
                return Response.page(410, views.message("This checkout session has expired",
                        "It can no longer be paid. Return to the merchant to start again.",
                        "Return to the merchant", s.cancelUrl()));
            }
            default -> {
                PageError error = PageError.fromCode(text(query, "error"));
                EnteredValues.Entered e = entered.get(text(query, "entered"));
                CheckoutSession shown = s;
                if (e != null) {
                    try {
                        shown = completions.preview(s, e.payer());
                    } catch (ApiError refused) {
                        shown = s;
                    }
                }
                return Response.page(200, views.checkout(shown, pagePath(s), csrf.token(s.id()), error,
                        e != null ? e.payer() : new Payer(sessions.prefilledEmail(s), null),
                        e != null ? e.paymentMethod() : null));
            }
        }
    }

    private Response authenticationStep(CheckoutSession s, Map<String, Object> query, PageViews views) {
        if (!s.isOpen()) {
            return Response.seeOther(pagePath(s));
        }
        return Response.page(200, views.authenticate(s, pagePath(s) + "/authenticate",
                csrf.token(s.id()), text(query, "entered")));
    }

    /** The redirect method's test page: Stripe's "Authorize test payment" / "Fail test payment". */
    private Response authorizationStep(CheckoutSession s, Map<String, Object> query, PageViews views) {
        EnteredValues.Entered e = entered.get(text(query, "entered"));
        if (!s.isOpen() || e == null) {
            return Response.seeOther(pagePath(s));
        }
        return Response.page(200, views.authorize(s, pagePath(s) + "/" + AUTHORIZE, csrf.token(s.id()),
                text(query, "entered"), e.paymentMethod()));
    }

    private Response pay(CheckoutSession s, Map<String, Object> form) {
        PaymentForm.Submission submission = PaymentForm.read(form, s, YearMonth.now(clock));
        if (submission instanceof PaymentForm.ApplyCode apply) {
            var e = new EnteredValues.Entered(apply.paymentMethod(), apply.entered());
            PageError refused = refusal(s, apply.entered(), false);
            return backToForm(s, refused, e);
        }
        if (submission instanceof PaymentForm.Pay pay) {
            PageError refused = refusal(s, pay.payer(), true);
            if (refused != null) {
                return backToForm(s, refused, new EnteredValues.Entered(pay.outcome().paymentMethodType(),
                        pay.payer()));
            }
            return complete(s, pay.outcome(), pay.payer());
        }
        if (submission instanceof PaymentForm.Authenticate authenticate) {
            PageError refused = refusal(s, authenticate.payer(), true);
            var e = new EnteredValues.Entered(PaymentForm.CARD, authenticate.payer());
            if (refused != null) {
                return backToForm(s, refused, e);
            }
            return Response.seeOther(pagePath(s) + "/authenticate"
                    + queryString(Map.of("entered", entered.save(e))));
        }
        if (submission instanceof PaymentForm.Redirect redirect) {
            PageError refused = refusal(s, redirect.payer(), true);
            var e = new EnteredValues.Entered(redirect.paymentMethod(), redirect.payer());
            if (refused != null) {
                return backToForm(s, refused, e);
            }
            return Response.seeOther(pagePath(s) + "/" + AUTHORIZE + queryString(Map.of("entered", entered.save(e))));
        }
        var retry = (PaymentForm.Retry) submission;
        if (retry.declined() != null) {
            completions.recordFailure(s.id(), retry.declined());
        }
        return backToForm(s, retry.error(), new EnteredValues.Entered(retry.paymentMethod(), retry.entered()));
    }

    /** Why the session does not accept what the customer entered, in the page's words; null if it does. */
    private PageError refusal(CheckoutSession s, Payer payer, boolean toPay) {
        try {
            if (toPay) {
                completions.check(s, payer);
            } else {
                completions.preview(s, payer);
            }
            return null;
        } catch (ApiError e) {
            String param = e.param() == null ? "" : e.param();
            if (param.equals("shipping[address][country]")) {
                return PageError.SHIPPING_COUNTRY;
            }
            if (param.startsWith("shipping")) {
                return PageError.INCOMPLETE_SHIPPING;
            }
            if (param.startsWith("billing_address")) {
                return PageError.INCOMPLETE_BILLING;
            }
            if (param.equals("phone")) {
                return PageError.INVALID_PHONE;
            }
            if (param.startsWith("tax_ids")) {
                return PageError.INVALID_TAX_ID;
            }
            if (param.startsWith("custom_fields")) {
                return PageError.INCOMPLETE_FIELD;
            }
            if (param.equals("consent[terms_of_service]")) {
                return PageError.TERMS_REQUIRED;
            }
            if (param.equals("promotion_code")) {
                return e.getMessage().startsWith("This code is invalid") ? PageError.PROMOTION_CODE_INVALID
                        : PageError.PROMOTION_CODE_RESTRICTED;
            }
            throw new BadForm(e.getMessage());
        }
    }

    /** The 3D Secure step's answer: {@code approve} pays with the authenticated card. */
    private Response decide(CheckoutSession s, Map<String, Object> form) {
        return decide(s, form, "approve", PaymentForm.CARD::equals, e -> PaymentOutcome.authenticated());
    }

    /** A redirect method's test page answer: {@code authorize} pays with that method. */
    private Response decideRedirect(CheckoutSession s, Map<String, Object> form) {
        return decide(s, form, "authorize", method -> PaymentMethodCatalog.stripe().get(method).flow() == Flow.REDIRECT,
                e -> PaymentOutcome.paid(e.paymentMethod(), Map.of()));
    }

    /**
     * A test step's answer: {@code fail} (or a lost token) returns to the form with Stripe's
     * authentication failure; {@code pass} completes with {@code outcome}.
     */
    private Response decide(CheckoutSession s, Map<String, Object> form, String pass,
            java.util.function.Predicate<String> forMethod,
            java.util.function.Function<EnteredValues.Entered, PaymentOutcome> outcome) {
        Object decision = form.get("decision");
        EnteredValues.Entered e = entered.get(text(form, "entered"));
        // A token from another step (a card's at the redirect page, say) pays nothing here.
        if (e == null || !forMethod.test(e.paymentMethod())) {
            return backToForm(s, PageError.AUTHENTICATION_FAILED, null);
        }
        if ("fail".equals(decision)) {
            completions.recordFailure(s.id(), PaymentOutcome.authenticationFailed(e.paymentMethod()));
            return backToForm(s, PageError.AUTHENTICATION_FAILED, e);
        }
        if (!pass.equals(decision)) {
            throw new BadForm("decision must be '" + pass + "' or 'fail', was "
                    + (decision == null ? "missing" : "'" + decision + "'") + ".");
        }
        return complete(s, outcome.apply(e), e.payer());
    }

    private Response complete(CheckoutSession s, PaymentOutcome outcome, Payer payer) {
        CheckoutSession paid;
        try {
            paid = completions.complete(s.id(), outcome, payer);
        } catch (ApiError e) {
            // Paid or expired between reading the session and paying: the page says which.
            return Response.seeOther(pagePath(s));
        }
        String success = successUrl(paid);
        return Response.seeOther(success != null && HttpUrls.isCheckoutUrl(success) ? success
                : pagePath(s));
    }

    /** Back to the form (post/redirect/get): the address names the error and a token for the entries. */
    private Response backToForm(CheckoutSession s, PageError error, EnteredValues.Entered e) {
        var query = new LinkedHashMap<String, String>();
        query.put("error", error == null ? null : error.code());
        query.put("entered", e == null ? null : entered.save(e));
        return Response.seeOther(pagePath(s) + queryString(query));
    }

    private Response forbidden(HttpExchange exchange, CheckoutSession s) {
        String reason = csrf.crossSiteReason(exchange.getRequestHeaders());
        return Response.page(403, views.message("Payment refused", reason != null
                ? "This form was not submitted from the checkout page: " + reason + "."
                : "The form's security token is missing or does not belong to this checkout session."
                        + " Open the checkout page again and retry.", null, null));
    }

    /**
     * The posted form, or null when it fails the cross-site checks.
     *
     * @throws BadForm when the body is not a readable form
     */
    private Map<String, Object> checkedForm(HttpExchange exchange, CheckoutSession s) {
        if (csrf.crossSiteReason(exchange.getRequestHeaders()) != null) {
            return null;
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith(FORM_TYPE)) {
            throw new BadForm("The payment form must be sent as " + FORM_TYPE + ", not "
                    + (type == null ? "without a Content-Type" : "as " + type) + ".");
        }
        Map<String, Object> form;
        try {
            form = Params.parseForm(readBody(exchange)).tree();
        } catch (ApiError e) {
            throw new BadForm("The form data is not valid URL encoding: " + e.getMessage());
        }
        Object token = form.get("csrf_token");
        if (!(token instanceof String t) || !csrf.isValid(s.id(), t)) {
            return null;
        }
        return form;
    }

    private static String readBody(HttpExchange exchange) {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new BadForm("The form is larger than " + MAX_BODY_BYTES + " bytes.");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadForm("The form could not be received: " + e.getMessage());
        }
    }

    private static Map<String, Object> query(HttpExchange exchange) {
        try {
            return Params.parseForm(exchange.getRequestURI().getRawQuery()).tree();
        } catch (ApiError e) {
            return Map.of();
        }
    }

    private static String text(Map<String, Object> values, String name) {
        return values.get(name) instanceof String s && !s.isEmpty() ? s : null;
    }

    /** Where a paid customer goes: {@code success_url}, or an embedded session's {@code return_url}. */
    private static String successUrl(CheckoutSession s) {
        var embedded = s.options().embedded();
        String url = embedded == null ? s.successUrl() : embedded.redirectsAfterPayment() ? embedded.returnUrl() : null;
        return url == null ? null : url.replace("{CHECKOUT_SESSION_ID}", s.id());
    }

    /** The session's page: {@code /c/pay/<id>}, or for an embedded session {@code /c/embed/<client_secret>}. */
    private String pagePath(CheckoutSession s) {
        return s.options().embedded() == null ? CONTEXT + s.id() : EMBED_CONTEXT + secrets.secretFor(s.id());
    }

    private static String queryString(Map<String, String> values) {
        var out = new StringBuilder();
        values.forEach((name, value) -> {
            if (value != null) {
                out.append(out.length() == 0 ? '?' : '&').append(name).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return out.toString();
    }

    private static void send(HttpExchange exchange, Response response, boolean embedded) {
        try (exchange) {
            var headers = exchange.getResponseHeaders();
            headers.set("Cache-Control", "no-store");
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "same-origin");
            if (response.location() != null) {
                headers.set("Location", response.location());
                exchange.sendResponseHeaders(303, -1);
                return;
            }
            if (response.json() != null) {
                byte[] body = response.json().getBytes(StandardCharsets.UTF_8);
                headers.set("Content-Type", "application/json");
                exchange.sendResponseHeaders(response.status(), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
                return;
            }
            byte[] body = response.html().getBytes(StandardCharsets.UTF_8);
            headers.set("Content-Type", "text/html; charset=utf-8");
            if (embedded) {
                // Merchants frame the embedded page on their own site, as Stripe.js does.
                headers.remove("X-Frame-Options");
                headers.set("Content-Security-Policy", EMBEDDED_SECURITY_POLICY);
            } else {
                headers.set("Content-Security-Policy", SECURITY_POLICY);
            }
            exchange.sendResponseHeaders(response.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not send the payment page response", e);
        }
    }

    /** A CSP source for an inline script: {@code sha256-<base64 of its UTF-8 digest>}. */
    private static String sha256(String script) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(script.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + java.util.Base64.getEncoder().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
