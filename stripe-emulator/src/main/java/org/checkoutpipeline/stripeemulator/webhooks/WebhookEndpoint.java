package org.checkoutpipeline.stripeemulator.webhooks;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.checkoutpipeline.stripeemulator.api.HttpUrls;

/**
 * A registered webhook endpoint: where events are POSTed and the secret that signs them.
 *
 * @param enabledEvents event types sent to it; {@code *} means every type
 * @param created emulator epoch second
 * @param apiVersion the API version its events are rendered in ({@code api_version})
 */
public record WebhookEndpoint(
        String id,
        String url,
        List<String> enabledEvents,
        String secret,
        String description,
        Map<String, String> metadata,
        long created,
        boolean disabled,
        String apiVersion) {

    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)+");

    public WebhookEndpoint {
        enabledEvents = List.copyOf(enabledEvents);
        metadata = Map.copyOf(metadata);
    }

    /** Whether an event of this type is sent here. */
    public boolean wants(String eventType) {
        return !disabled && (enabledEvents.contains("*") || enabledEvents.contains(eventType));
    }

    public WebhookEndpoint with(String newUrl, List<String> newEvents, String newDescription,
            Map<String, String> newMetadata, boolean newDisabled) {
        return new WebhookEndpoint(id, newUrl, newEvents, secret, newDescription, newMetadata, created,
                newDisabled, apiVersion);
    }

    /** Checks an absolute http(s) URL; the message names {@code what} and the value. */
    public static void requireHttpUrl(String url, String what) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + " is not a URL: '" + url + "'");
        }
        if (!HttpUrls.isHttp(uri)) {
            throw new IllegalArgumentException(what + " must be an absolute http(s) URL, was '" + url + "'");
        }
    }

    /** Checks {@code *} or a dotted event type such as {@code checkout.session.completed}. */
    public static void requireEventType(String type, String what) {
        if (type == null || !(type.equals("*") || EVENT_TYPE.matcher(type).matches())) {
            throw new IllegalArgumentException(what + " must be '*' or an event type such as"
                    + " checkout.session.completed, was '" + type + "'");
        }
    }
}
