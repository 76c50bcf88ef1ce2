package org.checkoutpipeline.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.checkoutpipeline.bridge.config.WebhookBridgeConfig;
import org.checkoutpipeline.bridge.http.WebhookHandler;
import org.checkoutpipeline.checkout.config.CheckoutWorkerConfig;
import org.checkoutpipeline.fulfillment.config.FulfillmentConfig;
import org.checkoutpipeline.runtime.Env;
import org.checkoutpipeline.runtime.KafkaSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * docker-compose.yml cannot be started on machines without a Docker engine, so it is checked
 * against the code: each service's command exists in the jar, every variable it sets is one that
 * service reads, and the addresses services give each other name a service and the port it
 * listens on. Variables are resolved as Compose would with an empty environment ({@code ${X:-d}}
 * becomes {@code d}).
 */
class ComposeFileTest {

    private static final Path COMPOSE = Path.of("..", "docker-compose.yml");
    private static final Path LOGBACK = Path.of("src", "main", "resources", "logback.xml");
    private static final String IMAGE = "checkout-pipeline:0.1.0";
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z0-9_]+)(:?[-?])([^}]*)}");
    private static final Pattern PICOCLI_ENV = Pattern.compile("\\$\\{env:([A-Z0-9_]+)");

    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readComposeFile() throws IOException {
        try (Reader reader = Files.newBufferedReader(COMPOSE)) {
            Map<String, Object> compose = new Yaml().load(reader);
            services = (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    static Stream<String> pipelineServices() throws IOException {
        readComposeFile();
        return services.entrySet().stream().filter(service -> IMAGE.equals(service.getValue().get("image")))
                .map(Map.Entry::getKey);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pipelineServices")
    void everyServiceCommandExistsInTheJar(String service) {
        List<String> command = command(service);
        CommandLine commandLine = AllInOne.commandLine();
        for (String word : command) {
            if (word.startsWith("-")) {
                break;
            }
            assertThat(commandLine.getSubcommands()).as("%s runs '%s'", service, String.join(" ", command)).containsKey(word);
            commandLine = commandLine.getSubcommands().get(word);
        }
        assertThat(commandLine.getCommandSpec().name()).isEqualTo(lastSubcommand(command));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pipelineServices")
    void everyVariableAServiceSetsIsOneItReadsAndTheSettingsAreValid(String service) {
        Map<String, String> environment = environment(service);
        Set<String> read = new TreeSet<>(logbackVariables());
        String subcommand = command(service).get(0);
        switch (subcommand) {
            case "checkout-worker" -> read.addAll(askedFor(environment, CheckoutWorkerConfig::fromEnv));
            case "webhook-bridge" -> read.addAll(askedFor(environment, WebhookBridgeConfig::fromEnv));
            case "fulfillment-worker" -> read.addAll(askedFor(environment, FulfillmentConfig::fromEnv));
            case "create-topics" -> read.addAll(askedFor(environment, KafkaSettings::fromEnv));
            case "stripe-emulator", "order-producer" -> read.addAll(picocliVariables(command(service)));
            default -> throw new AssertionError("No check for the command of " + service + ": " + subcommand);
        }
        assertThat(environment.keySet()).as("variables %s sets that it does not read", service)
                .allSatisfy(name -> assertThat(read.contains(name) || name.startsWith(KafkaSettings.CLIENT_PREFIX))
                        .as(name).isTrue());
    }

    @Test
    void servicesReachKafkaAtItsInternalListener() {
        String advertised = String.valueOf(((Map<?, ?>) services.get("kafka").get("environment")).get("KAFKA_ADVERTISED_LISTENERS"));
        pipelineServices0().forEach(service -> {
            String bootstrap = environment(service).get(KafkaSettings.BOOTSTRAP_VARIABLE);
            if (bootstrap != null) {
                assertThat(advertised).as("%s connects to %s", service, bootstrap).contains("//" + bootstrap);
            }
        });
    }

    @Test
    void stripeClientsCallTheEmulatorWhereItListens() {
        Map<String, String> emulator = environment("stripe-emulator");
        String emulatorPort = emulator.get("STRIPE_EMULATOR_PORT");
        for (String service : List.of("checkout-worker", "webhook-bridge")) {
            URI base = URI.create(environment(service).get("STRIPE_API_BASE"));
            assertThat(base.getHost()).as("%s's STRIPE_API_BASE", service).isEqualTo("stripe-emulator");
            assertThat(String.valueOf(base.getPort())).isEqualTo(emulatorPort);
        }
        assertThat(emulator.get("STRIPE_EMULATOR_HOST")).as("the other containers call it").isEqualTo("0.0.0.0");
        assertThat(ports("stripe-emulator")).as("its controls reachable from this machine only")
                .containsExactly("127.0.0.1:" + emulatorPort + ":" + emulatorPort);
    }

    @Test
    void theStatusApiRefusesToStartWithoutATokenFromTheOperatorsEnvironment() {
        for (String service : List.of("fulfillment-worker-1", "fulfillment-worker-2")) {
            Map<?, ?> raw = (Map<?, ?>) services.get(service).get("environment");
            assertThat(String.valueOf(raw.get("FULFILLMENT_STATUS_TOKEN"))).as(service)
                    .startsWith("${FULFILLMENT_STATUS_TOKEN:?set FULFILLMENT_STATUS_TOKEN");
            assertThat(environment(service)).doesNotContainKey("FULFILLMENT_STATUS_TRUSTED_NETWORK");
        }
    }

    @Test
    void emulatorDeliversWebhooksToTheBridgeWithTheSecretTheBridgeChecks() {
        Map<String, String> emulator = environment("stripe-emulator");
        Map<String, String> bridge = environment("webhook-bridge");
        URI webhook = URI.create(emulator.get("STRIPE_EMULATOR_WEBHOOK_URL"));
        assertThat(webhook.getHost()).isEqualTo("webhook-bridge");
        assertThat(String.valueOf(webhook.getPort())).isEqualTo(bridge.get("BRIDGE_HTTP_PORT"));
        assertThat(webhook.getPath()).isEqualTo(WebhookHandler.PATH);
        assertThat(bridge.get("STRIPE_WEBHOOK_SECRET")).isEqualTo(emulator.get("STRIPE_EMULATOR_WEBHOOK_SECRET"));
    }

    @Test
    void fulfillmentInstancesAdvertiseTheirOwnHostAndHealthchecksProbeTheirOwnPort() {
        for (String service : List.of("fulfillment-worker-1", "fulfillment-worker-2")) {
            Map<String, String> environment = environment(service);
            assertThat(environment.get("FULFILLMENT_ADVERTISED_HOST")).isEqualTo(services.get(service).get("hostname"))
                    .isEqualTo(service);
            assertThat(healthcheck(service)).contains("/" + environment.get("FULFILLMENT_HTTP_PORT"));
            assertThat(ports(service)).allSatisfy(mapping -> assertThat(mapping).endsWith(":" + environment.get("FULFILLMENT_HTTP_PORT")));
        }
        assertThat(healthcheck("checkout-worker")).contains("/" + environment("checkout-worker").get("CHECKOUT_HTTP_PORT"));
        assertThat(healthcheck("webhook-bridge")).contains("/" + environment("webhook-bridge").get("BRIDGE_HTTP_PORT"));
    }

    @Test
    void topicsComeOnlyFromTheCatalogueBeforeAnyServiceStarts() {
        assertThat(String.valueOf(((Map<?, ?>) services.get("kafka").get("environment")).get("KAFKA_AUTO_CREATE_TOPICS_ENABLE")))
                .isEqualTo("false");
        assertThat(command("create-topics")).containsExactly("create-topics");
        for (String service : List.of("checkout-worker", "webhook-bridge", "fulfillment-worker-1", "fulfillment-worker-2")) {
            Map<?, ?> dependsOn = (Map<?, ?>) services.get(service).get("depends_on");
            assertThat(((Map<?, ?>) dependsOn.get("create-topics")).get("condition"))
                    .as(service).isEqualTo("service_completed_successfully");
        }
    }

    private static List<String> pipelineServices0() {
        return services.entrySet().stream().filter(service -> IMAGE.equals(service.getValue().get("image")))
                .map(Map.Entry::getKey).toList();
    }

    private static Set<String> askedFor(Map<String, String> environment, Function<Env, ?> read) {
        Env env = new Env(environment);
        read.apply(env);
        env.validate();
        return env.askedFor();
    }

    /** The {@code ${env:NAME}} defaults of the picocli command the service runs, its mixins included. */
    private static Set<String> picocliVariables(List<String> command) {
        CommandLine commandLine = AllInOne.commandLine();
        for (String word : command) {
            if (word.startsWith("-")) {
                break;
            }
            commandLine = commandLine.getSubcommands().get(word);
        }
        Set<String> names = new TreeSet<>();
        CommandSpec spec = commandLine.getCommandSpec();
        List<ArgSpec> args = new ArrayList<>(spec.args());
        spec.mixins().values().forEach(mixin -> args.addAll(mixin.args()));
        for (ArgSpec arg : args) {
            String original = arg.defaultValueString(false);
            if (original != null) {
                Matcher matcher = PICOCLI_ENV.matcher(original);
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        }
        return names;
    }

    private static Set<String> logbackVariables() {
        try {
            Matcher matcher = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(Files.readString(LOGBACK));
            Set<String> names = new TreeSet<>();
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
            return names;
        } catch (IOException e) {
            throw new AssertionError("Cannot read " + LOGBACK, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> command(String service) {
        return ((List<Object>) services.get(service).get("command")).stream().map(String::valueOf).toList();
    }

    private static String lastSubcommand(List<String> command) {
        String last = command.get(0);
        for (String word : command) {
            if (word.startsWith("-")) {
                break;
            }
            last = word;
        }
        return last;
    }

    /** The service's environment as Compose passes it with no variables set on the host. */
    private static Map<String, String> environment(String service) {
        Object raw = services.get(service).get("environment");
        Map<String, String> environment = new LinkedHashMap<>();
        if (raw instanceof Map<?, ?> map) {
            map.forEach((name, value) -> environment.put(String.valueOf(name), resolve(String.valueOf(value))));
        }
        return environment;
    }

    private static String resolve(String value) {
        Matcher matcher = INTERPOLATION.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            // ${NAME:-default} gives the default; ${NAME:?message}, which the operator must set, a stand-in.
            String replacement = matcher.group(2).endsWith("?") ? "set-by-the-operator-" + matcher.group(1) : matcher.group(3);
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<String> ports(String service) {
        Object ports = services.get(service).get("ports");
        return ports == null ? List.of() : ((List<Object>) ports).stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static String healthcheck(String service) {
        Map<String, Object> healthcheck = (Map<String, Object>) services.get(service).get("healthcheck");
        return String.join(" ", ((List<Object>) healthcheck.get("test")).stream().map(String::valueOf).toList());
    }
}
