package org.checkoutpipeline.checkout.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

/**
 * The loop's transactional paths that a real broker rarely shows, on Kafka's {@link MockConsumer}
 * and {@link MockProducer}. Every step runs on the loop's own thread (a poll task), records are
 * processed only when a step runs their tasks, and time moves only when a step moves it: each
 * test is one exact interleaving.
 */
class CheckoutLoopTest {

    private static final String TOPIC = "orders.placed";
    private static final String OUTPUT_TOPIC = "checkout.events";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);
    /** The key of an order whose handling says the worker must stop (Stripe refused the API key). */
    private static final String REFUSED = "refused";

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final MutableClock clock = MutableClock.of(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
    private final ManualTasks tasks = new ManualTasks();
    private final CheckoutLoop loop = new CheckoutLoop(consumer, producer, CheckoutLoopTest::echo, tasks, TOPIC, 1_000,
            COMMIT_INTERVAL, Duration.ofSeconds(1), clock, new SimpleMeterRegistry());
    private final Thread thread = new Thread(loop, "checkout-loop-under-test");

    @BeforeEach
    void start() {
        consumer.updatePartitions(TOPIC, List.of(partition(0), partition(1)));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        thread.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        loop.abandon();
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }

    @Test
    void finishedRecordsAreCommittedWithTheirOutputsOnlyOnceTheCommitIntervalHasPassed() throws Exception {
        step(() -> {
            consumer.rebalance(List.of(P0));
            consumer.addRecord(order(P0, 0, "a"));
            consumer.addRecord(order(P0, 1, "b"));
        });
        step(tasks::runAll);
        assertThat(producer.history()).as("published before the commit interval passed").isEmpty();

        step(() -> clock.add(COMMIT_INTERVAL));

        assertThat(outputs()).containsExactly("out-0-0", "out-0-1");
        assertThat(producer.consumerGroupOffsetsHistory()).singleElement()
                .satisfies(offsets -> assertThat(offsets.values()).singleElement()
                        .isEqualTo(Map.of(P0, new OffsetAndMetadata(2))));
    }

    @Test
    void aTransactionThatFailsToCommitIsAbortedAndTheLoopRewindsToTheCommittedOffsets() throws Exception {
        step(() -> {
            consumer.rebalance(List.of(P0));
            consumer.commitSync(Map.of(P0, new OffsetAndMetadata(2)));
            consumer.addRecord(order(P0, 2, "a"));
            consumer.addRecord(order(P0, 3, "b"));
        });
        step(() -> {
            tasks.runAll();
            producer.commitTransactionException = new KafkaException("the broker lost the transaction coordinator");
            clock.add(COMMIT_INTERVAL);
        });

        assertThat(producer.transactionAborted()).as("the failed transaction was aborted").isTrue();
        assertThat(producer.history()).isEmpty();
        assertThat(producer.consumerGroupOffsetsHistory()).isEmpty();
        assertThat(consumer.position(P0)).as("back at the committed offset").isEqualTo(2);

        // Redelivered from the committed offset, the same records now commit once.
        step(() -> {
            producer.commitTransactionException = null;
            consumer.addRecord(order(P0, 2, "a"));
            consumer.addRecord(order(P0, 3, "b"));
        });
        step(() -> {
            tasks.runAll();
            clock.add(COMMIT_INTERVAL);
        });
        assertThat(outputs()).containsExactly("out-0-2", "out-0-3");
        assertThat(producer.commitCount()).isEqualTo(1);
    }

    @Test
    void partitionsRevokedMidBatchCommitWhatIsDoneAndDropTheRest() throws Exception {
        step(() -> {
            consumer.rebalance(List.of(P0, P1));
            consumer.addRecord(order(P0, 0, "a"));
            consumer.addRecord(order(P0, 1, "b"));
            consumer.addRecord(order(P1, 0, "c"));
        });
        step(() -> {
            tasks.run("a");
            tasks.run("c");
        });
        assertThat(producer.history()).as("nothing is due before the commit interval").isEmpty();

        step(() -> consumer.rebalance(List.of(P1)));
        assertThat(outputs()).as("only the revoked partition's finished head").containsExactly("out-0-0");
        assertThat(producer.consumerGroupOffsetsHistory()).singleElement()
                .satisfies(offsets -> assertThat(offsets.values()).singleElement()
                        .isEqualTo(Map.of(P0, new OffsetAndMetadata(1))));

        // The revoked partition's record still in flight finishes late: its next owner publishes it, not this loop.
        step(() -> {
            tasks.runAll();
            clock.add(COMMIT_INTERVAL);
        });
        assertThat(outputs()).containsExactly("out-0-0", "out-1-0");
        assertThat(producer.consumerGroupOffsetsHistory()).hasSize(2).last()
                .satisfies(offsets -> assertThat(offsets.values()).singleElement()
                        .isEqualTo(Map.of(P1, new OffsetAndMetadata(1))));
    }

    @Test
    void aFencedProducerStopsTheLoopForGoodWithoutPublishing() throws Exception {
        step(() -> {
            consumer.rebalance(List.of(P0));
            consumer.addRecord(order(P0, 0, "a"));
        });
        lastStep(() -> {
            tasks.runAll();
            producer.fenceProducer();
            clock.add(COMMIT_INTERVAL);
        });

        assertThat(thread.isAlive()).as("the loop ended").isFalse();
        assertThat(loop.fatal()).contains("can no longer commit").contains("ProducerFencedException");
        assertThat(producer.history()).isEmpty();
        assertThat(producer.closed()).isTrue();
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void aFatalResultCommitsWhatFinishedBeforeItAndLeavesTheGroup() throws Exception {
        step(() -> {
            consumer.rebalance(List.of(P0));
            consumer.addRecord(order(P0, 0, "a"));
            consumer.addRecord(order(P0, 1, REFUSED));
            consumer.addRecord(order(P0, 2, "c"));
        });
        lastStep(() -> {
            tasks.run("a");
            tasks.run(REFUSED);
        });

        assertThat(loop.fatal()).isEqualTo("Stripe refused the API key");
        assertThat(outputs()).as("the record before the fatal one, not the one after").containsExactly("out-0-0");
        assertThat(producer.consumerGroupOffsetsHistory()).singleElement()
                .satisfies(offsets -> assertThat(offsets.values()).singleElement()
                        .isEqualTo(Map.of(P0, new OffsetAndMetadata(1))));
        assertThat(consumer.closed()).isTrue();
    }

    /** Publishes one output per record, or stops the worker for an order keyed {@link #REFUSED}. */
    private static OrderOutputs echo(ConsumerRecord<byte[], byte[]> record, int partitionCount) {
        if (REFUSED.equals(new String(record.key(), StandardCharsets.UTF_8))) {
            return OrderOutputs.stop("Stripe refused the API key");
        }
        byte[] value = ("out-" + record.partition() + "-" + record.offset()).getBytes(StandardCharsets.UTF_8);
        return OrderOutputs.publish(List.of(new ProducerRecord<>(OUTPUT_TOPIC, record.key(), value)));
    }

    private List<String> outputs() {
        return producer.history().stream().map(record -> new String(record.value(), StandardCharsets.UTF_8)).toList();
    }

    /**
     * Runs {@code action} in the loop's next poll, then waits for the poll after it: by then the loop
     * has dispatched what the action added, collected what it finished, and committed if due.
     */
    private void step(Runnable action) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        consumer.schedulePollTask(() -> {
            try {
                action.run();
            } catch (RuntimeException | AssertionError e) {
                done.completeExceptionally(e);
            }
        });
        consumer.schedulePollTask(() -> done.complete(null));
        done.get(10, TimeUnit.SECONDS);
    }

    /** Runs {@code action} in the loop's next poll and waits for the loop to end because of it. */
    private void lastStep(Runnable action) throws InterruptedException {
        consumer.schedulePollTask(action);
        thread.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(thread.isAlive()).as("the loop ended").isFalse();
    }

    private static ConsumerRecord<byte[], byte[]> order(TopicPartition partition, long offset, String key) {
        return new ConsumerRecord<>(TOPIC, partition.partition(), offset, key.getBytes(StandardCharsets.UTF_8),
                ("order " + key).getBytes(StandardCharsets.UTF_8));
    }

    private static PartitionInfo partition(int number) {
        Node node = new Node(0, "localhost", 9092);
        return new PartitionInfo(TOPIC, number, node, new Node[] {node}, new Node[] {node});
    }
}
