package org.checkoutpipeline.stripeemulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.checkoutpipeline.stripeemulator.store.DueTimes;
import org.junit.jupiter.api.Test;

/** The index the sweep reads what is due from. */
class DueTimesTest {

    @Test
    void takesWhatIsDueInTimeOrderAndLeavesTheRest() {
        var due = new DueTimes();
        due.schedule(30, "cs_c");
        due.schedule(10, "cs_a");
        due.schedule(20, "cs_b");
        due.schedule(40, "cs_d");
        due.cancel(20, "cs_b");

        assertThat(due.takeDue(30)).containsExactly("cs_a", "cs_c");
        assertThat(due.takeDue(30)).isEmpty();
        assertThat(due.size()).isEqualTo(1);
    }

    @Test
    void concurrentSweepsEachTakeAnEntryOnceAndNeverFail() throws Exception {
        var due = new DueTimes();
        for (int i = 0; i < 20_000; i++) {
            due.schedule(i % 100, "cs_" + i);
        }
        var taken = new CopyOnWriteArrayList<String>();
        var failures = new CopyOnWriteArrayList<Throwable>();
        var start = new CountDownLatch(1);
        var threads = new ArrayList<Thread>();
        for (int t = 0; t < 4; t++) {
            var thread = new Thread(() -> {
                try {
                    start.await();
                    for (long now = 0; now < 100; now++) {
                        taken.addAll(due.takeDue(now));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(failures).isEmpty();
        assertThat(taken).hasSize(20_000);
        assertThat(new HashSet<>(taken)).hasSize(20_000);
        assertThat(due.size()).isZero();
    }
}
