package org.checkoutpipeline.checkout.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class KeyedExecutorTest {

    @Test
    void tasksOfOneKeyRunInSubmissionOrderOneAtATime() throws Exception {
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        try (KeyedExecutor executor = new KeyedExecutor(8, "test")) {
            for (int i = 0; i < 200; i++) {
                String key = "order-" + (i % 5);
                int sequence = i;
                executor.submit(key, () -> {
                    if (running.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    seen.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(sequence);
                    running.get(key).decrementAndGet();
                });
            }
            assertThat(executor.shutdown(10_000)).isTrue();
        }
        assertThat(overlaps).hasValue(0);
        assertThat(seen).hasSize(5).allSatisfy((key, sequence) -> assertThat(sequence).isSorted().hasSize(40));
    }

    @Test
    void differentKeysRunInParallel() throws Exception {
        CountDownLatch bothStarted = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        try (KeyedExecutor executor = new KeyedExecutor(2, "test")) {
            for (String key : List.of("a", "b")) {
                executor.submit(key, () -> {
                    bothStarted.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            assertThat(bothStarted.await(10, TimeUnit.SECONDS)).isTrue();
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> executor.activeKeys() == 0);
        }
    }
}
