package org.checkoutpipeline.stripeemulator.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The emulator's own clock: a base clock (normally the system clock) plus an offset that only
 * grows. {@link #advance(Duration)} moves emulator time forward and then notifies listeners, which
 * is how sessions expire and delayed payments settle without waiting in real time.
 */
public final class EmulatorClock extends Clock {

    private final Clock base;
    private final AtomicLong offsetMillis;
    private final List<Consumer<Instant>> listeners;

    public EmulatorClock(Clock base) {
        this(base, new AtomicLong(), new CopyOnWriteArrayList<>());
    }

    private EmulatorClock(Clock base, AtomicLong offsetMillis, List<Consumer<Instant>> listeners) {
        this.base = base;
        this.offsetMillis = offsetMillis;
        this.listeners = listeners;
    }

    /** Moves time forward and runs the listeners with the new instant. */
    public Instant advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward; amount was " + amount);
        }
        offsetMillis.addAndGet(amount.toMillis());
        Instant now = instant();
        for (Consumer<Instant> listener : listeners) {
            listener.accept(now);
        }
        return now;
    }

    /** Registers code to run after every {@link #advance}. */
    public void onAdvance(Consumer<Instant> listener) {
        listeners.add(listener);
    }

    public Duration offset() {
        return Duration.ofMillis(offsetMillis.get());
    }

    public long epochSecond() {
        return instant().getEpochSecond();
    }

    @Override
    public Instant instant() {
        return base.instant().plusMillis(offsetMillis.get());
    }

    @Override
    public long millis() {
        return base.millis() + offsetMillis.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
