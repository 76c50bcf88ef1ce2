package org.checkoutpipeline.stripeemulator.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * When each object next has something to do in emulator time (a session to expire, a delayed
 * payment to settle), ordered by that time, so that a sweep reads only what is due instead of
 * every stored object. An entry is a reminder, not a decision: whoever takes it checks the
 * object's state, and a stale entry (the session was paid before it could expire) does nothing.
 */
public final class DueTimes {

    private record Due(long at, String id) implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            int byTime = Long.compare(at, other.at);
            return byTime != 0 ? byTime : id.compareTo(other.id);
        }
    }

    private final ConcurrentSkipListSet<Due> due = new ConcurrentSkipListSet<>();

    /** Remembers that object {@code id} has something due at epoch second {@code at}. */
    public void schedule(long at, String id) {
        due.add(new Due(at, id));
    }

    /**
     * Removes and returns, in time order, the ids of everything due at or before {@code now}. Safe
     * against concurrent takers: each entry goes to exactly one of them.
     */
    public List<String> takeDue(long now) {
        var ids = new ArrayList<String>();
        var dueNow = due.headSet(new Due(now, "\uffff"), true);
        for (Due first = dueNow.pollFirst(); first != null; first = dueNow.pollFirst()) {
            ids.add(first.id());
        }
        return ids;
    }

    /** Forgets a reminder that will have nothing to do (the session was paid before it could expire). */
    public void cancel(long at, String id) {
        due.remove(new Due(at, id));
    }

    /** How many reminders are waiting (stale ones included). */
    public int size() {
        return due.size();
    }
}
