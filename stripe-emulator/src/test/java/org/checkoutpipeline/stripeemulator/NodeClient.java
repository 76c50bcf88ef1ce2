package org.checkoutpipeline.stripeemulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Stripe's official Node client ({@code stripe} on npm, pinned in {@code src/test/node}) running a
 * scenario of {@code src/test/node/scenarios.mjs} against an emulator, in its own process.
 *
 * <p>Without {@code node} or the installed package, tests fail when {@code CI} is set (the CI
 * script installs the package); elsewhere they are skipped with a message saying what to run.
 */
final class NodeClient {

    static final Path DIR = Path.of("src/test/node");
    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeClient() {}

    /** The client for API 2026-07-29.dahlia (stripe-node 22.4.0). */
    static final String DAHLIA = "stripe";
    /** The client for API 2026-10-28.endive (stripe-node 23.1.0, installed under this alias). */
    static final String ENDIVE = "stripe-endive";

    /** Runs one scenario with the dahlia client and returns the JSON it printed. */
    static JsonNode run(StripeEmulator emulator, String scenario) throws IOException, InterruptedException {
        return run(emulator, scenario, DAHLIA);
    }

    /** Runs one scenario with the client package {@code client} and returns the JSON it printed. */
    static JsonNode run(StripeEmulator emulator, String scenario, String client)
            throws IOException, InterruptedException {
        requireInstalled(client);
        var builder = new ProcessBuilder("node", "scenarios.mjs", scenario).directory(DIR.toFile());
        builder.environment().put("STRIPE_EMULATOR_URL", emulator.baseUrl());
        builder.environment().put("STRIPE_PACKAGE", client);
        var process = builder.start();
        process.getOutputStream().close();
        byte[] out;
        byte[] err;
        try {
            out = process.getInputStream().readAllBytes();
            err = process.getErrorStream().readAllBytes();
        } finally {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        String stdout = new String(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError("node scenarios.mjs " + scenario + " exited " + process.exitValue()
                    + ":\n" + new String(err, StandardCharsets.UTF_8) + stdout);
        }
        return JSON.readTree(stdout);
    }

    private static void requireInstalled(String client) throws IOException, InterruptedException {
        String missing = null;
        if (!Files.isDirectory(DIR.resolve("node_modules/" + client))) {
            missing = "the npm package " + client + " in " + DIR.toAbsolutePath()
                    + ": run 'npm ci --prefix stripe-emulator/src/test/node' (Node 20)";
        }
        try {
            if (new ProcessBuilder("node", "--version").start().waitFor() != 0) {
                missing = "Node.js (node on the PATH)";
            }
        } catch (IOException e) {
            missing = "Node.js (node on the PATH)";
        }
        if (missing == null) {
            return;
        }
        String message = "Node client tests need " + missing + ".";
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
            throw new IllegalStateException("CI is set, so the Node client tests must run. " + message);
        }
        Assumptions.abort(message + " Skipping (set CI=true to make this a failure).");
    }
}
