package org.checkoutpipeline.stripeemulator.api;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The emulator's one test for the absolute http(s) URLs it accepts: only such addresses are ever
 * linked to, redirected to or sent webhooks.
 */
public final class HttpUrls {

    private HttpUrls() {}

    /** Whether {@code uri} is absolute, with an http or https scheme and a host. */
    public static boolean isHttp(URI uri) {
        String scheme = uri.getScheme();
        return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                && uri.getHost() != null;
    }

    /**
     * Whether {@code url} is an absolute http(s) URL once Checkout's {@code {CHECKOUT_SESSION_ID}}
     * placeholder, which success and cancel URLs may hold, is filled in.
     */
    public static boolean isCheckoutUrl(String url) {
        try {
            return isHttp(new URI(url.replace("{CHECKOUT_SESSION_ID}", "CHECKOUT_SESSION_ID")));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
