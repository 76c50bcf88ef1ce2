package org.checkoutpipeline.orderproducer.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.checkoutpipeline.schemas.serde.EventCodec;
import org.checkoutpipeline.schemas.serde.EventDecodingException;
import org.checkoutpipeline.schemas.topic.DeadLetters;
import org.checkoutpipeline.schemas.topic.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code replay-dlq}: puts dead-lettered records back on their source topic, once the cause is
 * fixed (a reader upgraded to know a new schema, a bug in a consumer repaired).
 */
@Command(name = "replay-dlq", mixinStandardHelpOptions = true,
        description = {"Re-publishes the records of a dead-letter topic to the topic they came from "
                + "(header dlq.source.topic), key, value and original headers unchanged, the dlq.* headers removed "
                + "and dlq.replayed.from added. Reads from the consumer group's last position up to the end as it is "
                + "when the command starts, and commits that position, so a record is replayed once per group.",
                "Records whose value this build still cannot decode are reported and left out unless "
                        + "--include-undecodable is given.",
                "Example: order-producer replay-dlq --topic orders.placed.dlq --dry-run"})
final class ReplayDlqCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private KafkaOptions kafka;

    @Option(names = {"-t", "--topic"}, required = true, description = "The dead-letter topic, e.g. orders.placed.dlq.")
    private String topic;

    @Option(names = "--to", description = "Target topic (default: each record's dlq.source.topic header).")
    private String target;

    @Option(names = "--group", defaultValue = "order-producer-replay-dlq",
            description = "Consumer group remembering what was replayed (default ${DEFAULT-VALUE}).")
    private String group;

    @Option(names = "--limit", description = "Replay at most this many records.")
    private Long limit;

    @Option(names = "--include-undecodable", description = "Replay records this build cannot decode too.")
    private boolean includeUndecodable;

    @Option(names = "--dry-run", description = "List what would be replayed; publish and commit nothing.")
    private boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!topic.endsWith(Topics.DLQ_SUFFIX)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--topic must be a dead-letter topic ending in " + Topics.DLQ_SUFFIX + ". Got: '" + topic + "'");
        }
        EventCodec codec = EventCodec.standard();
        Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
        int replayed = 0;
        int skipped = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.settings().clientConfig(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.settings().clientConfig(Map.of(
                     ProducerConfig.ACKS_CONFIG, "all",
                     ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                     ProducerConfig.CLIENT_ID_CONFIG, "order-producer-replay-dlq")),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            if (partitions.isEmpty()) {
                err.println("Topic " + topic + " does not exist");
                return 2;
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            List<ProducerRecord<byte[], byte[]>> pending = new ArrayList<>();
            boolean full = false;
            while (!full && partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(partition)) {
                        continue;
                    }
                    if (limit != null && replayed >= limit) {
                        full = true;
                        break;
                    }
                    positions.put(partition, new OffsetAndMetadata(record.offset() + 1));
                    String where = record.topic() + "/" + record.partition() + "/" + record.offset();
                    String problem = undecodable(record.value(), codec);
                    if (problem != null && !includeUndecodable) {
                        skipped++;
                        err.println(where + ": still undecodable, left out (" + problem + ")");
                        continue;
                    }
                    String destination = target != null ? target : sourceTopic(record);
                    pending.add(DeadLetters.replayOf(record, destination, where));
                    out.println((dryRun ? "would replay " : "replaying ") + where + " (key "
                            + (record.key() == null ? "null" : new String(record.key(), StandardCharsets.UTF_8))
                            + ", error was: " + DeadLetters.header(record.headers(), DeadLetters.ERROR) + ") to " + destination);
                    replayed++;
                }
            }
            if (!dryRun) {
                pending.forEach(producer::send);
                producer.flush();
                if (!positions.isEmpty()) {
                    consumer.commitSync(positions);
                }
            }
        }
        out.println((dryRun ? "Would replay " : "Replayed ") + replayed + " records from " + topic
                + (skipped == 0 ? "" : "; " + skipped + " still undecodable left out"));
        return 0;
    }

    private static String undecodable(byte[] value, EventCodec codec) {
        if (value == null) {
            return "no value";
        }
        try {
            codec.decode(value);
            return null;
        } catch (EventDecodingException e) {
            return e.problem() + ": " + e.getMessage();
        }
    }

    private String sourceTopic(ConsumerRecord<byte[], byte[]> record) {
        String source = DeadLetters.header(record.headers(), DeadLetters.SOURCE_TOPIC);
        return source != null ? source : Topics.sourceTopicName(topic);
    }
}
