package org.checkoutpipeline.orderproducer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.avro.specific.SpecificRecord;
import org.checkoutpipeline.events.CheckoutCreated;
import org.checkoutpipeline.events.CheckoutFailed;
import org.checkoutpipeline.schemas.serde.EventCodec;
import org.checkoutpipeline.schemas.serde.EventDecodingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer of {@code checkout.events}, shared by every {@link OrderPublisher#awaitCheckout}
 * call: it reads every partition from the end as it was at start-up ({@code read_committed}, no
 * consumer group) and completes the futures waiting for each order. Recent outcomes are remembered,
 * so a caller that asks after the event arrived still gets it.
 */
final class CheckoutWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CheckoutWatcher.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final EventCodec codec = EventCodec.standard();
    private final Object lock = new Object();
    private final Map<String, List<CompletableFuture<CheckoutOutcome>>> waiting = new HashMap<>();
    private final Map<String, CheckoutOutcome> remembered;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean started;

    CheckoutWatcher(OrderPublisherConfig config) {
        this.topic = config.checkoutTopic();
        int capacity = config.rememberedOutcomes();
        this.remembered = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CheckoutOutcome> eldest) {
                return size() > capacity;
            }
        };
        this.consumer = new KafkaConsumer<>(config.kafka().clientConfig(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, config.clientId() + "-checkout-watcher")),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, config.clientId() + "-checkout-watcher");
        this.thread.setDaemon(true);
    }

    /** Assigns every partition at its current end, so anything published after this returns is seen. */
    CheckoutWatcher start(Duration timeout) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        if (partitions.isEmpty()) {
            consumer.close();
            throw new IllegalStateException("Topic " + topic + " has no partitions: create the pipeline's topics first");
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(partition -> consumer.position(partition, timeout));
        started = true;
        thread.start();
        return this;
    }

    CompletableFuture<CheckoutOutcome> await(String orderId, Duration timeout) {
        CompletableFuture<CheckoutOutcome> future = new CompletableFuture<>();
        synchronized (lock) {
            CheckoutOutcome known = remembered.get(orderId);
            if (known != null) {
                future.complete(known);
                return future;
            }
            waiting.computeIfAbsent(orderId, id -> new ArrayList<>()).add(future);
        }
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            synchronized (lock) {
                List<CompletableFuture<CheckoutOutcome>> futures = waiting.get(orderId);
                if (futures != null && futures.remove(future) && futures.isEmpty()) {
                    waiting.remove(orderId);
                }
            }
            future.completeExceptionally(new CheckoutTimeoutException(orderId, timeout));
        });
        return future;
    }

    /** Orders someone is waiting for right now. */
    int waitingCount() {
        synchronized (lock) {
            return waiting.size();
        }
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    handle(record);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            log.error("The checkout.events watcher stopped; awaitCheckout calls will time out", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        SpecificRecord event;
        try {
            event = codec.decode(record.value());
        } catch (EventDecodingException e) {
            log.debug("Skipping {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            return;
        }
        CheckoutOutcome outcome;
        if (event instanceof CheckoutCreated created) {
            outcome = new CheckoutOutcome.Created(created);
        } else if (event instanceof CheckoutFailed failed) {
            outcome = new CheckoutOutcome.Failed(failed);
        } else {
            return;
        }
        List<CompletableFuture<CheckoutOutcome>> futures;
        synchronized (lock) {
            remembered.putIfAbsent(outcome.orderId(), outcome);
            futures = waiting.remove(outcome.orderId());
        }
        if (futures != null) {
            futures.forEach(future -> future.complete(outcome));
        }
    }

    @Override
    public void close() {
        running = false;
        if (!started) {
            consumer.close(Duration.ZERO);
            return;
        }
        consumer.wakeup();
        try {
            if (thread.isAlive() && !stopped.await(10, TimeUnit.SECONDS)) {
                log.warn("The checkout.events watcher did not stop within 10s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<CompletableFuture<CheckoutOutcome>> left = new ArrayList<>();
        synchronized (lock) {
            waiting.values().forEach(left::addAll);
            waiting.clear();
        }
        left.forEach(future -> future.completeExceptionally(new IllegalStateException("The order publisher was closed")));
    }
}
