package org.checkoutpipeline.embeddedkafka.junit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A service's main class run in a JVM of its own, on this JVM's class path, so that a test can kill it
 * as a crash does ({@link Process#destroyForcibly()} is SIGKILL): no shutdown hook, no close, an open
 * Kafka transaction and dirty local state left behind.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * Starts {@code mainClass} with {@code environment} added to this process's, its output in {@code log}.
     */
    public static Process start(Class<?> mainClass, Map<String, String> environment, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        builder.environment().putAll(environment);
        Files.createDirectories(log.toAbsolutePath().getParent());
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return builder.start();
    }

    /** Kills {@code process} with SIGKILL and waits until it is gone. */
    public static void kill(Process process) throws InterruptedException {
        process.destroyForcibly().waitFor();
    }
}
