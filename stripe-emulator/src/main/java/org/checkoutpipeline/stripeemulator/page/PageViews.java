package org.checkoutpipeline.stripeemulator.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.checkoutpipeline.stripeemulator.checkout.CheckoutSession;
import org.checkoutpipeline.stripeemulator.checkout.LineItem;
import org.checkoutpipeline.stripeemulator.util.HttpUrls;

/** Renders the hosted page's views; every merchant or customer string is escaped. */
final class PageViews {

    private final HtmlTemplate page = HtmlTemplate.load("page.html");
    private final HtmlTemplate checkout = HtmlTemplate.load("checkout.html");
    private final HtmlTemplate lineItem = HtmlTemplate.load("line-item.html");
    private final HtmlTemplate message = HtmlTemplate.load("message.html");
    private final HtmlTemplate authenticate = HtmlTemplate.load("authenticate.html");
    private final Html style = new Html(resource("page.css"));
    private final MoneyFormat money;

    PageViews(MoneyFormat money) {
        this.money = money;
    }

    private static String resource(String name) {
        try (InputStream in = PageViews.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    /** The payment form of an open session. */
    String checkout(CheckoutSession s, String action, String csrfToken, PageError error, String email,
            String paymentMethod) {
        var values = new HashMap<String, Object>();
        values.put("back_link", backLink(s.cancelUrl()));
        values.put("heading", heading(s));
        values.put("total", headlineTotal(s));
        var items = new ArrayList<Html>();
        for (LineItem item : s.lineItems()) {
            items.add(item(item));
        }
        values.put("items", Html.concat(items));
        values.put("total_line", s.amountTotal() == null ? Html.EMPTY : new Html(
                "<div class=\"total-line\"><span>Total due today</span><span id=\"total-due\">"
                        + Html.escape(money.format(s.currency(), s.amountTotal())) + "</span></div>"));
        values.put("action", action);
        values.put("error", error == null ? Html.EMPTY
                : new Html("<p class=\"error\" id=\"error\" role=\"alert\" data-code=\""
                        + Html.escape(error.code()) + "\">" + Html.escape(error.message()) + "</p>"));
        values.put("csrf_token", csrfToken);
        values.put("email", email);
        boolean sepa = PaymentForm.SEPA_DEBIT.equals(paymentMethod);
        values.put("button", button(s));
        // The two "checked" values are attribute syntax, not text: insert them unescaped.
        values.put("card_checked", new Html(sepa ? "" : " checked"));
        values.put("sepa_checked", new Html(sepa ? " checked" : ""));
        return layout(titleFor(s), checkout.render(values));
    }

    /** The 3D Secure step. */
    String authenticate(CheckoutSession s, String action, String csrfToken, String email, String name) {
        var values = new HashMap<String, Object>();
        values.put("total", headlineTotal(s));
        values.put("action", action);
        values.put("csrf_token", csrfToken);
        values.put("email", email);
        values.put("name", name);
        return layout("Authenticate your payment", authenticate.render(values));
    }

    /** A page with a heading, a sentence and an optional link (only http(s) targets are linked). */
    String message(String heading, String detail, String linkText, String linkUrl) {
        var values = new HashMap<String, Object>();
        values.put("heading", heading);
        values.put("detail", detail);
        values.put("link", linkUrl == null || !HttpUrls.isCheckoutUrl(linkUrl) ? Html.EMPTY
                : new Html("<p><a id=\"return-link\" href=\"" + Html.escape(linkUrl) + "\">"
                        + Html.escape(linkText) + "</a></p>"));
        return layout(heading, message.render(values));
    }

    private String layout(String title, Html body) {
        return page.render(Map.of("title", title, "style", style, "body", body)).value();
    }

    private Html backLink(String cancelUrl) {
        if (cancelUrl == null || !HttpUrls.isCheckoutUrl(cancelUrl)) {
            return Html.EMPTY;
        }
        return new Html("<a class=\"back\" id=\"back-link\" href=\"" + Html.escape(cancelUrl)
                + "\">&larr; Back</a>");
    }

    private Html item(LineItem item) {
        var values = new HashMap<String, Object>();
        values.put("name", item.productName());
        values.put("description", item.productDescription() == null ? Html.EMPTY
                : new Html("<div class=\"item-meta\">" + Html.escape(item.productDescription()) + "</div>"));
        values.put("quantity", item.quantity());
        String unit = money.format(item.currency(), new BigDecimal(item.unitAmountDecimal()));
        values.put("unit_price", item.recurring() ? unit + " " + interval(item) : unit + " each");
        String amount = money.format(item.currency(), item.amountTotal());
        values.put("amount", item.recurring() ? amount + " " + interval(item) : amount);
        return lineItem.render(values);
    }

    /** The submit button's word: the session's {@code submit_type}, else its mode's. */
    private static String button(CheckoutSession s) {
        String submitType = s.options().submitType();
        if (submitType != null && !submitType.equals("auto")) {
            return switch (submitType) {
                case "book" -> "Book";
                case "donate" -> "Donate";
                case "subscribe" -> "Subscribe";
                default -> "Pay";
            };
        }
        return switch (s.mode()) {
            case PAYMENT -> "Pay";
            case SUBSCRIPTION -> "Subscribe";
            case SETUP -> "Save card";
        };
    }

    private static String heading(CheckoutSession s) {
        return switch (s.mode()) {
            case PAYMENT -> "Pay " + merchantItems(s);
            case SUBSCRIPTION -> "Subscribe to " + merchantItems(s);
            case SETUP -> "Save your card for future payments";
        };
    }

    private static String merchantItems(CheckoutSession s) {
        if (s.lineItems().size() == 1) {
            return s.lineItems().get(0).productName();
        }
        return s.lineItems().size() + " items";
    }

    private String headlineTotal(CheckoutSession s) {
        if (s.amountTotal() == null) {
            return s.currency().toUpperCase(Locale.ROOT) + " · no charge today";
        }
        String total = money.format(s.currency(), s.amountTotal());
        if (s.mode() == CheckoutSession.Mode.SUBSCRIPTION) {
            LineItem recurring = s.lineItems().stream().filter(LineItem::recurring).findFirst().orElse(null);
            if (recurring != null) {
                return total + " " + interval(recurring);
            }
        }
        return total;
    }

    private static String interval(LineItem item) {
        return item.intervalCount() <= 1 ? "per " + item.interval()
                : "every " + item.intervalCount() + " " + item.interval() + "s";
    }

    private static String titleFor(CheckoutSession s) {
        return switch (s.mode()) {
            case PAYMENT -> "Checkout";
            case SUBSCRIPTION -> "Subscribe";
            case SETUP -> "Save payment details";
        };
    }
}
