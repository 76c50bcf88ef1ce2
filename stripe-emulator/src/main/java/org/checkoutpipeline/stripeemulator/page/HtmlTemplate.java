package org.checkoutpipeline.stripeemulator.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A page template from the class path with three kinds of placeholder: {@code {{name}}} takes text
 * and escapes it; {@code {{{name}}}} takes an {@link Html} fragment and inserts it as is;
 * {@code {{t:English text}}} is the page's fixed text in the page's language ({@link PageText}). Anything
 * else given for a triple placeholder is refused, so merchant text cannot reach the page unescaped
 * by mistake. A placeholder without a value is an error, not an empty string.
 */
public final class HtmlTemplate {

    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\{\\{(\\{?)([a-z_]+)\\}?\\}\\}|\\{\\{t:([^}]+)\\}\\}");

    private static final String TEXT = "t:";
    private final String name;
    private final List<String> literals = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();
    private final List<Boolean> raw = new ArrayList<>();

    private HtmlTemplate(String name, String source) {
        this.name = name;
        Matcher m = PLACEHOLDER.matcher(source);
        int last = 0;
        while (m.find()) {
            literals.add(source.substring(last, m.start()));
            boolean text = m.group(3) != null;
            raw.add(!text && !m.group(1).isEmpty());
            keys.add(text ? TEXT + m.group(3) : m.group(2));
            last = m.end();
        }
        literals.add(source.substring(last));
    }

    /** Loads {@code name} from this package's resources. */
    public static HtmlTemplate load(String name) {
        try (InputStream in = HtmlTemplate.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + name);
            }
            return new HtmlTemplate(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + name, e);
        }
    }

    public Html render(Map<String, ?> values) {
        return render(values, PageText.ENGLISH);
    }

    /** Renders with the page's fixed texts ({@code {{t:English text}}}) in {@code text}'s language. */
    Html render(Map<String, ?> values, PageText text) {
        var out = new StringBuilder(4096);
        for (int i = 0; i < keys.size(); i++) {
            out.append(literals.get(i));
            String key = keys.get(i);
            if (key.startsWith(TEXT)) {
                out.append(Html.escape(text.t(key.substring(TEXT.length()))));
                continue;
            }
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException("template " + name + " needs a value for '" + key + "'");
            }
            Object value = values.get(key);
            if (raw.get(i)) {
                if (!(value instanceof Html html)) {
                    throw new IllegalArgumentException("template " + name + ": '" + key
                            + "' inserts HTML and needs an Html value, was "
                            + (value == null ? "null" : value.getClass().getSimpleName()));
                }
                out.append(html.value());
            } else {
                out.append(Html.escape(value == null ? "" : value.toString()));
            }
        }
        out.append(literals.get(literals.size() - 1));
        return new Html(out.toString());
    }
}
