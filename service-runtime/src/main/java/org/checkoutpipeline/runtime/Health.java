package org.checkoutpipeline.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What {@code /healthz} and {@code /readyz} report. Liveness checks say whether the process
 * should be restarted (a stuck or fatally misconfigured service); readiness checks say whether
 * it should receive work now (connected, caught up, not shutting down).
 */
public final class Health {

    /** One check's verdict; {@code detail} says why, for operators. */
    public record Status(boolean up, String detail) {
        public static Status up(String detail) {
            return new Status(true, detail);
        }

        public static Status down(String detail) {
            return new Status(false, detail);
        }
    }

    private final Map<String, Supplier<Status>> liveness = new ConcurrentHashMap<>();
    private final Map<String, Supplier<Status>> readiness = new ConcurrentHashMap<>();

    /** A check that, when down, means the process is broken and should be restarted. */
    public Health liveness(String name, Supplier<Status> check) {
        liveness.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(check, "check"));
        return this;
    }

    /** A check that, when down, means the service should not be sent work yet. */
    public Health readiness(String name, Supplier<Status> check) {
        readiness.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(check, "check"));
        return this;
    }

    public Map<String, Status> live() {
        return evaluate(liveness);
    }

    /** Readiness includes liveness: a broken service is not ready either. */
    public Map<String, Status> ready() {
        Map<String, Status> all = new LinkedHashMap<>(evaluate(liveness));
        all.putAll(evaluate(readiness));
        return all;
    }

    public static boolean allUp(Map<String, Status> statuses) {
        return statuses.values().stream().allMatch(Status::up);
    }

    private static Map<String, Status> evaluate(Map<String, Supplier<Status>> checks) {
        Map<String, Status> result = new LinkedHashMap<>();
        checks.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            Status status;
            try {
                status = entry.getValue().get();
            } catch (RuntimeException e) {
                status = Status.down("check failed: " + e);
            }
            result.put(entry.getKey(), status);
        });
        return result;
    }
}
