package org.checkoutpipeline.stripeemulator.page;

/**
 * A fragment of HTML that is safe to insert as is, because it was built by the emulator from
 * escaped parts. Everything else that goes into a page is text and is escaped.
 */
public record Html(String value) {

    public static final Html EMPTY = new Html("");

    /** Escapes text for use in element content and in double- or single-quoted attributes. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        var out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    public static Html text(String text) {
        return new Html(escape(text));
    }

    public static Html concat(Iterable<Html> parts) {
        var out = new StringBuilder();
        parts.forEach(part -> out.append(part.value()));
        return new Html(out.toString());
    }
}
