package org.checkoutpipeline.runtime;

import java.util.List;

/** The service's settings are wrong; the message lists every problem, each naming the variable and its value. */
public final class ConfigException extends RuntimeException {

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super("Invalid configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
