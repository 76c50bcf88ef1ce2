package org.checkoutpipeline.checkout.processing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.WakeupException;
import org.checkoutpipeline.checkout.stripe.StripeCheckout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consume-process-produce loop, exactly once: many orders at Stripe at the same time, and
 * every output published in the Kafka transaction that commits its input's offset.
 *
 * <p>One thread (the caller of {@link #run()}) owns the consumer and the transactional producer.
 * It polls {@code orders.placed}, hands each record to a {@link KeyedExecutor} (records of one
 * order in sequence, different orders in parallel), and collects finished records. Every commit
 * interval it opens a transaction, publishes the outputs of each partition's finished head (see
 * {@link PartitionProgress}), adds the matching offsets with the consumer's group metadata, and
 * commits. A crash anywhere before the commit leaves neither outputs nor offsets, so the records
 * are processed again, and the orderId's idempotency key gets the same sessions back from Stripe.
 * The group metadata fences a zombie instance whose partitions were reassigned (KIP-447).
 *
 * <p>Memory is bounded: past {@code maxBuffered} uncommitted records the consumer pauses.
 */
public final class CheckoutLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(CheckoutLoop.class);
    private static final int COMMIT_BATCH = 2_000;

    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final RecordHandler handler;
    private final RecordTasks executor;
    private final String topic;
    private final int maxBuffered;
    private final Duration commitInterval;
    private final Duration shutdownGrace;
    private final Clock clock;

    private final Map<TopicPartition, PartitionProgress> progress = new HashMap<>();
    /** Bumped when a partition is (re)assigned or rewound, so results of an older assignment are ignored. */
    private final Map<TopicPartition, Integer> epochs = new ConcurrentHashMap<>();
    private final Queue<Finished> finished = new ConcurrentLinkedQueue<>();
    private final AtomicInteger buffered = new AtomicInteger();
    private final AtomicLong lastPoll = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean abandon;
    private volatile String fatal;
    private long lastCommitMillis;
    private final Counter transactions;
    /** The partition count of the orders topic, read on each assignment (on the loop's thread). */
    private final AtomicInteger partitionCount = new AtomicInteger();

    private record Finished(TopicPartition partition, long offset, int epoch, OrderOutputs result) {
    }

    /**
     * @param clock the loop's one time source: commit intervals and the liveness check's last poll
     */
    public CheckoutLoop(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer, StripeCheckout stripe,
                        String topic, int concurrency, int maxBuffered, Duration commitInterval, Duration shutdownGrace,
                        Clock clock, MeterRegistry metrics) {
        this(consumer, producer, new OrderCheckout(stripe, clock, metrics), new KeyedExecutor(concurrency, "checkout-stripe"),
                topic, maxBuffered, commitInterval, shutdownGrace, clock, metrics);
    }

    CheckoutLoop(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer, RecordHandler handler,
                 RecordTasks executor, String topic, int maxBuffered, Duration commitInterval, Duration shutdownGrace,
                 Clock clock, MeterRegistry metrics) {
        this.consumer = consumer;
        this.producer = producer;
        this.handler = handler;
        this.executor = executor;
        this.topic = topic;
        this.maxBuffered = maxBuffered;
        this.commitInterval = commitInterval;
        this.shutdownGrace = shutdownGrace;
        this.clock = clock;
        metrics.gauge("checkout_records_buffered", buffered);
        this.transactions = Counter.builder("checkout_transactions")
                .description("Kafka transactions committed (outputs plus the offsets of their inputs)").register(metrics);
        lastPoll.set(clock.millis());
        lastCommitMillis = clock.millis();
    }

    @Override
    public void run() {
        lastPoll.set(clock.millis());
        producer.initTransactions();
        consumer.subscribe(List.of(topic), new Rebalance());
        try {
            while (running) {
                try {
                    pollOnce();
                } catch (WakeupException e) {
                    if (running) {
                        throw e;
                    }
                }
                collectFinished();
                if (fatal != null) {
                    stopConsuming();
                    break;
                }
                if (isCommitDue()) {
                    commit();
                }
            }
            if (!abandon) {
                finishInFlight();
            }
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException
                 | UnsupportedVersionException e) {
            fatal = "Kafka producer can no longer commit (" + e + "); another instance with transactional id may have replaced this one";
            log.error(fatal, e);
        } finally {
            executor.close();
            closeClients();
        }
    }

    /** Asks the loop to finish in-flight calls, commit their results and close. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    /** Stops at once without committing anything pending, as a crash would. */
    public void abandon() {
        abandon = true;
        stop();
    }

    /** Why the loop stopped for good (Stripe refused the API key, or the producer was fenced), or null. */
    public String fatal() {
        return fatal;
    }

    /** Wall-clock time of the last poll, for the liveness check. */
    public long lastPollMillis() {
        return lastPoll.get();
    }

    public int bufferedRecords() {
        return buffered.get();
    }

    private void pollOnce() {
        applyBackpressure();
        Duration timeout = buffered.get() > 0 ? Duration.ofMillis(5) : Duration.ofMillis(100);
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            dispatch(record);
        }
        lastPoll.set(clock.millis());
    }

    private void dispatch(ConsumerRecord<byte[], byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        PartitionProgress partitionProgress = progress.get(partition);
        if (partitionProgress == null) {
            return;
        }
        partitionProgress.started(record.offset());
        buffered.incrementAndGet();
        int epoch = epochs.get(partition);
        String key = record.key() == null ? partition + "@" + record.offset() : new String(record.key(), StandardCharsets.UTF_8);
        executor.submit(key, () -> finished.add(new Finished(partition, record.offset(), epoch, processUnlessStale(record, partition, epoch))));
    }

    private OrderOutputs processUnlessStale(ConsumerRecord<byte[], byte[]> record, TopicPartition partition, int epoch) {
        if (!running || fatal != null || !epochs.getOrDefault(partition, -1).equals(epoch)) {
            return null;
        }
        try {
            return handler.handle(record, partitionCount.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (RuntimeException e) {
            log.error("Unexpected failure processing {} offset {}; it stays uncommitted", partition, record.offset(), e);
            return OrderOutputs.stop("Unexpected failure processing " + partition + " offset " + record.offset() + ": " + e);
        }
    }

    private void collectFinished() {
        Finished done;
        while ((done = finished.poll()) != null) {
            PartitionProgress partitionProgress = progress.get(done.partition());
            if (partitionProgress == null || !epochs.getOrDefault(done.partition(), -1).equals(done.epoch())
                    || done.result() == null) {
                continue;
            }
            partitionProgress.finished(done.offset(), done.result());
            if (done.result().fatal() != null && fatal == null) {
                fatal = done.result().fatal();
                log.error("Stopping: {}", fatal);
            }
        }
    }

    private boolean isCommitDue() {
        long ready = progress.values().stream().filter(PartitionProgress::hasCommittable).count();
        if (ready == 0) {
            return false;
        }
        return clock.millis() - lastCommitMillis >= commitInterval.toMillis() || buffered.get() >= COMMIT_BATCH;
    }

    /** Publishes every partition's finished head and commits it with the offsets, in one transaction. */
    private void commit() {
        commit(progress.keySet());
    }

    private void commit(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        int committed = 0;
        List<PartitionProgress.Committable> heads = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            PartitionProgress partitionProgress = progress.get(partition);
            if (partitionProgress == null || !partitionProgress.hasCommittable()) {
                continue;
            }
            PartitionProgress.Committable head = partitionProgress.drainCommittable();
            heads.add(head);
            offsets.put(partition, new OffsetAndMetadata(head.nextOffset()));
            committed += head.results().size();
        }
        lastCommitMillis = clock.millis();
        if (offsets.isEmpty()) {
            return;
        }
        try {
            producer.beginTransaction();
            for (PartitionProgress.Committable head : heads) {
                for (OrderOutputs result : head.results()) {
                    for (ProducerRecord<byte[], byte[]> output : result.outputs()) {
                        producer.send(output);
                    }
                }
            }
            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            producer.commitTransaction();
            transactions.increment();
            buffered.addAndGet(-committed);
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException | UnsupportedVersionException e) {
            throw e;
        } catch (KafkaException e) {
            log.warn("Transaction for {} records failed ({}); aborting and processing them again", committed, e.toString());
            producer.abortTransaction();
            rewind();
        }
    }

    /** After an aborted transaction: forget everything uncommitted and go back to the committed offsets. */
    private void rewind() {
        Set<TopicPartition> assigned = new HashSet<>(progress.keySet());
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
        for (TopicPartition partition : assigned) {
            forget(partition);
            track(partition);
            OffsetAndMetadata offset = committed.get(partition);
            if (offset != null) {
                consumer.seek(partition, offset);
            } else {
                consumer.seekToBeginning(List.of(partition));
            }
        }
    }

    private void applyBackpressure() {
        Set<TopicPartition> assignment = consumer.assignment();
        if (buffered.get() >= maxBuffered) {
            consumer.pause(assignment);
        } else if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    /** On shutdown: let calls in flight finish (within the grace period), then commit their results. */
    private void finishInFlight() {
        try {
            boolean done = executor.shutdown(shutdownGrace.toMillis());
            collectFinished();
            commit();
            log.info("Stopped{}; {} records left uncommitted for the next owner",
                    done ? "" : " after the " + shutdownGrace + " grace period", buffered.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (KafkaException e) {
            log.warn("Could not commit the last results on shutdown ({}); they will be processed again", e.toString());
        }
    }

    /** Stripe refused the key: commit what finished before, then leave the group so the lag shows. */
    private void stopConsuming() {
        try {
            commit();
        } catch (KafkaException e) {
            log.warn("Could not commit before stopping: {}", e.toString());
        }
        consumer.unsubscribe();
    }

    private void closeClients() {
        Duration timeout = abandon ? Duration.ZERO : Duration.ofSeconds(10);
        try {
            producer.close(timeout);
        } catch (KafkaException e) {
            log.debug("Producer close: {}", e.toString());
        }
        try {
            consumer.close(timeout);
        } catch (KafkaException e) {
            log.debug("Consumer close: {}", e.toString());
        }
    }

    private void track(TopicPartition partition) {
        progress.put(partition, new PartitionProgress());
        epochs.merge(partition, 1, Integer::sum);
    }

    private void forget(TopicPartition partition) {
        PartitionProgress dropped = progress.remove(partition);
        if (dropped != null) {
            buffered.addAndGet(-dropped.size());
        }
        epochs.merge(partition, 1, Integer::sum);
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            partitions.forEach(CheckoutLoop.this::track);
            try {
                partitionCount.set(consumer.partitionsFor(topic).size());
            } catch (KafkaException e) {
                log.warn("Could not read the partition count of {}: {}", topic, e.toString());
            }
        }

        /** Commits what finished for the partitions being taken away; the rest is redone by their next owner. */
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            collectFinished();
            if (!abandon) {
                try {
                    commit(partitions);
                } catch (KafkaException e) {
                    log.warn("Could not commit revoked partitions {}: {}", partitions, e.toString());
                }
            }
            partitions.forEach(CheckoutLoop.this::forget);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(CheckoutLoop.this::forget);
        }
    }
}
