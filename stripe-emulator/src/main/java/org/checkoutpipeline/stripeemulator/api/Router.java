package org.checkoutpipeline.stripeemulator.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches a method and path against route templates such as
 * {@code POST /v1/checkout/sessions/{session}/expire}. The template doubles as the endpoint name
 * that fault injection rules refer to.
 */
public final class Router {

    /** A registered route. {@code idempotent} marks POST routes that honour Idempotency-Key. */
    public record Route(String method, String template, String[] segments, ApiHandler handler,
            boolean idempotent, boolean stripeApi) {

        public String endpoint() {
            return method + " " + template;
        }
    }

    /** A route that matched, with the values of its {@code {placeholders}}. */
    public record Match(Route route, Map<String, String> pathParams) {}

    private final List<Route> routes = new ArrayList<>();

    public Router stripe(String method, String template, ApiHandler handler) {
        return add(method, template, handler, "POST".equals(method), true);
    }

    public Router emulator(String method, String template, ApiHandler handler) {
        return add(method, template, handler, false, false);
    }

    private Router add(String method, String template, ApiHandler handler, boolean idempotent,
            boolean stripeApi) {
        routes.add(new Route(method, template, template.substring(1).split("/"), handler, idempotent,
                stripeApi));
        return this;
    }

    /** Finds the route for a request, or null. */
    public Match match(String method, String path) {
        String[] parts = (path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path)
                .substring(1).split("/");
        for (Route route : routes) {
            if (!route.method.equals(method) || route.segments.length != parts.length) {
                continue;
            }
            Map<String, String> values = null;
            boolean matched = true;
            for (int i = 0; i < parts.length; i++) {
                String segment = route.segments[i];
                if (segment.startsWith("{")) {
                    if (parts[i].isEmpty()) {
                        matched = false;
                        break;
                    }
                    if (values == null) {
                        values = new HashMap<>(2);
                    }
                    values.put(segment.substring(1, segment.length() - 1), parts[i]);
                } else if (!segment.equals(parts[i])) {
                    matched = false;
                    break;
                }
            }
            if (matched) {
                return new Match(route, values == null ? Map.of() : values);
            }
        }
        return null;
    }
}
