package org.checkoutpipeline.runtime;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Masks secrets for logs: enough of the value stays visible to tell which key is deployed. */
public final class Secrets {

    private Secrets() {
    }

    /** {@code sk_test_51Hx...Yz9Q} becomes {@code sk_test_****Yz9Q}; short values become {@code ****}. */
    public static String mask(String secret) {
        if (secret == null) {
            return null;
        }
        int prefixEnd = secret.lastIndexOf('_') + 1;
        if (secret.length() - prefixEnd < 8) {
            return secret.substring(0, prefixEnd) + "****";
        }
        return secret.substring(0, prefixEnd) + "****" + secret.substring(secret.length() - 4);
    }

    /** Settings for printing: sorted by name, the values of those whose names say they are secret shown as {@code ****}. */
    public static Map<String, String> maskedSettings(Map<String, String> settings) {
        Map<String, String> shown = new TreeMap<>();
        settings.forEach((name, value) -> shown.put(name, isSecretName(name) ? "****" : value));
        return shown;
    }

    /** Whether a setting's name says it holds a secret (password, secret, key, token, jaas config). */
    public static boolean isSecretName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("secret") || lower.contains("jaas")
                || lower.endsWith("key") || lower.contains("token");
    }
}
