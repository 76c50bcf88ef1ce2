package org.checkoutpipeline.fulfillment.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class DeadlineIndexTest {

    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void listsTheEntriesDueByATimeEarliestFirstAndFollowsMoves() {
        DeadlineIndex index = new DeadlineIndex();
        index.move("late", null, T.plusSeconds(60));
        index.move("b", null, T);
        index.move("a", null, T);
        index.move("early", null, T.minusSeconds(60));
        index.move("moved", null, T.minusSeconds(30));
        index.move("moved", T.minusSeconds(30), T.plusSeconds(30));
        index.move("done", null, T.minusSeconds(10));
        index.move("done", T.minusSeconds(10), null);

        assertThat(index.dueBy(T)).containsExactly(
                new DeadlineIndex.Due(T.minusSeconds(60), "early"),
                new DeadlineIndex.Due(T, "a"),
                new DeadlineIndex.Due(T, "b"));
        assertThat(index.dueBy(T.plusSeconds(30))).extracting(DeadlineIndex.Due::orderId)
                .containsExactly("early", "a", "b", "moved");

        index.remove(new DeadlineIndex.Due(T, "a"));
        assertThat(index.dueBy(T)).extracting(DeadlineIndex.Due::orderId).containsExactly("early", "b");
        assertThat(index.dueBy(T.plusSeconds(3600))).extracting(DeadlineIndex.Due::orderId)
                .containsExactly("early", "b", "moved", "late");
    }

    @Test
    void aMoveToTheSameTimeChangesNothing() {
        DeadlineIndex index = new DeadlineIndex();
        index.move("o", null, T);
        index.move("o", T, T);
        assertThat(index.dueBy(T)).containsExactly(new DeadlineIndex.Due(T, "o"));
    }
}
