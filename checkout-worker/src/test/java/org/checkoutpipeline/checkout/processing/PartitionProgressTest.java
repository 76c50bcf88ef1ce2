package org.checkoutpipeline.checkout.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {

    private final PartitionProgress progress = new PartitionProgress();

    @Test
    void onlyTheFinishedHeadIsCommittable() {
        progress.started(10);
        progress.started(11);
        progress.started(12);
        progress.finished(11, result("b"));
        progress.finished(12, result("c"));
        assertThat(progress.hasCommittable()).as("offset 10 still at Stripe").isFalse();

        progress.finished(10, result("a"));
        PartitionProgress.Committable head = progress.drainCommittable();

        assertThat(head.nextOffset()).isEqualTo(13);
        assertThat(head.results()).extracting(r -> r.outputs().get(0).topic()).containsExactly("a", "b", "c");
        assertThat(progress.size()).isZero();
    }

    @Test
    void drainStopsAtTheFirstUnfinishedRecord() {
        progress.started(0);
        progress.started(1);
        progress.started(2);
        progress.finished(0, result("a"));
        progress.finished(2, result("c"));

        PartitionProgress.Committable head = progress.drainCommittable();

        assertThat(head.nextOffset()).isEqualTo(1);
        assertThat(progress.size()).isEqualTo(2);
        assertThat(progress.hasCommittable()).isFalse();
    }

    @Test
    void recordThatStoppedTheWorkerIsNeverCommitted() {
        progress.started(5);
        progress.finished(5, OrderOutputs.stop("Stripe refused the API key"));
        assertThat(progress.hasCommittable()).isFalse();
        assertThat(progress.drainCommittable().nextOffset()).isEqualTo(-1);
    }

    @Test
    void resultForAnOffsetNotStartedHereIsIgnored() {
        progress.finished(99, result("x"));
        assertThat(progress.size()).isZero();
    }

    private static OrderOutputs result(String topic) {
        return OrderOutputs.publish(List.of(new ProducerRecord<>(topic, new byte[0])));
    }
}
