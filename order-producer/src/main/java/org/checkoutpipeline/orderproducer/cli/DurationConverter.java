package org.checkoutpipeline.orderproducer.cli;

import java.time.Duration;

import org.checkoutpipeline.runtime.Env;
import picocli.CommandLine;

/** Reads durations as the services' environment variables do: {@code 250ms}, {@code 2s}, {@code 10m}, {@code 1h}, {@code 1d} or {@code PT2S}. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String text) {
        try {
            return Env.parseDuration(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(
                    "a duration such as 250ms, 2s, 10m, 1h or PT2S is expected. Got: '" + text + "'");
        }
    }
}
