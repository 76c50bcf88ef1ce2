package org.checkoutpipeline.orderproducer.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.checkoutpipeline.orderproducer.json.EventJson;
import org.checkoutpipeline.schemas.serde.EventCodec;
import org.checkoutpipeline.schemas.serde.EventDecodingException;
import org.checkoutpipeline.schemas.serde.EventHeaders;
import org.checkoutpipeline.schemas.topic.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tail}: the pipeline's events as readable JSON, one line each, as they are committed. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Prints checkout.events and fulfillment.events as JSON, one record per line "
                + "(read_committed: only what downstream consumers see). Ctrl-C stops.",
                "Example: order-producer tail --from-beginning --order ord_1001"})
final class TailCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private KafkaOptions kafka;

    @Option(names = {"-t", "--topic"}, split = ",",
            description = "Topics to follow (default checkout.events,fulfillment.events).")
    private List<String> topics = new ArrayList<>(List.of(Topics.CHECKOUT_EVENTS.name(), Topics.FULFILLMENT_EVENTS.name()));

    @Option(names = "--from-beginning", description = "Start at the oldest record instead of the newest.")
    private boolean fromBeginning;

    @Option(names = {"-o", "--order"}, split = ",", description = "Only these orders (their orderId keys).")
    private Set<String> orders = Set.of();

    @Option(names = "--pretty", description = "Indent the JSON.")
    private boolean pretty;

    @Option(names = "--max-records", description = "Stop after printing this many records.")
    private Long maxRecords;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop when nothing arrives for this long (e.g. 10s); by default runs until Ctrl-C.")
    private Duration idleTimeout;

    private volatile boolean stopping;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        EventCodec codec = EventCodec.standard();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.settings().clientConfig(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "order-producer-tail")),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            Thread main = Thread.currentThread();
            Thread hook = new Thread(() -> {
                stopping = true;
                consumer.wakeup();
                try {
                    main.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Runtime.getRuntime().addShutdownHook(hook);
            long printed = 0;
            long lastRecord = System.nanoTime();
            try {
                while (!stopping) {
                    var records = consumer.poll(Duration.ofMillis(200));
                    if (!records.isEmpty()) {
                        lastRecord = System.nanoTime();
                    } else if (idleTimeout != null && System.nanoTime() - lastRecord > idleTimeout.toNanos()) {
                        break;
                    }
                    for (ConsumerRecord<String, byte[]> record : records) {
                        if (!orders.isEmpty() && !orders.contains(record.key())) {
                            continue;
                        }
                        ObjectNode line = render(record, codec);
                        out.println(pretty ? EventJson.pretty(line) : EventJson.compact(line));
                        out.flush();
                        if (maxRecords != null && ++printed >= maxRecords) {
                            return 0;
                        }
                    }
                }
            } catch (WakeupException e) {
                // Ctrl-C
            } finally {
                if (!stopping) {
                    Runtime.getRuntime().removeShutdownHook(hook);
                }
            }
        }
        return 0;
    }

    static ObjectNode render(ConsumerRecord<String, byte[]> record, EventCodec codec) {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("topic", record.topic());
        line.put("partition", record.partition());
        line.put("offset", record.offset());
        line.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        line.put("key", record.key());
        line.put("type", EventHeaders.eventType(record.headers()).orElse(null));
        if (record.value() == null) {
            line.putNull("event");
            return line;
        }
        try {
            line.set("event", EventJson.of(codec.decode(record.value())));
        } catch (EventDecodingException e) {
            line.put("error", e.problem() + ": " + e.getMessage());
        }
        return line;
    }
}
