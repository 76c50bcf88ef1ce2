package org.checkoutpipeline.stripeemulator.page;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

/**
 * The payment page's fixed text in one language: English, French, German, Spanish or Japanese
 * ({@code translations.json}, keyed by the English text; a text without a translation stays
 * English). Merchant text is never translated.
 */
final class PageText {

    static final PageText ENGLISH = new PageText("en", Map.of());
    private static final Map<String, Map<String, String>> TRANSLATIONS = load();

    private final String language;
    private final Map<String, String> texts;

    private PageText(String language, Map<String, String> texts) {
        this.language = language;
        this.texts = texts;
    }

    /**
     * The page's language: the session's {@code locale}, or with {@code auto} (or none) the first
     * language of the browser's {@code Accept-Language} that the page has, else English.
     */
    static PageText of(String locale, String acceptLanguage) {
        if (locale != null && !locale.equals("auto")) {
            return forLanguage(locale.substring(0, 2));
        }
        if (acceptLanguage != null) {
            for (String part : acceptLanguage.split(",")) {
                String tag = part.split(";")[0].trim().toLowerCase(Locale.ROOT);
                String language = tag.length() >= 2 ? tag.substring(0, 2) : tag;
                if (language.equals("en") || TRANSLATIONS.containsKey(language)) {
                    return forLanguage(language);
                }
            }
        }
        return ENGLISH;
    }

    private static PageText forLanguage(String language) {
        Map<String, String> texts = TRANSLATIONS.get(language);
        return texts == null ? ENGLISH : new PageText(language, texts);
    }

    /** The page's {@code lang}. */
    String language() {
        return language;
    }

    /** The text in this language; {@code {0}} in it is replaced by {@code argument}. */
    String t(String english, String argument) {
        return t(english).replace("{0}", argument);
    }

    String t(String english) {
        return texts.getOrDefault(english, english);
    }

    private static Map<String, Map<String, String>> load() {
        try (InputStream in = PageText.class.getResourceAsStream("translations.json")) {
            return Map.copyOf(new ObjectMapper().readValue(in, new TypeReference<Map<String, Map<String, String>>>() {}));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the page's translations", e);
        }
    }
}
