package org.checkoutpipeline.orderproducer.cli;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * A one-line progress display: redrawn in place on a terminal, printed as a new line at most every
 * few seconds when the output is a file or pipe.
 */
public final class ProgressLine {

    private final PrintWriter out;
    private final boolean interactive;
    private final long intervalNanos;
    private long lastPrinted;
    private int lastLength;

    public ProgressLine(PrintWriter out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
        this.intervalNanos = interactive ? 0 : Duration.ofSeconds(2).toNanos();
    }

    /** Whether standard output looks like a terminal. */
    public static boolean isTerminal() {
        return System.console() != null;
    }

    /** A bar such as {@code [#########...........]  45%}. */
    public static String bar(long done, long total, int width) {
        double share = total <= 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(share * width);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + String.format("%3d%%", Math.round(share * 100));
    }

    public synchronized void update(String text) {
        long now = System.nanoTime();
        if (lastPrinted != 0 && now - lastPrinted < intervalNanos) {
            return;
        }
        lastPrinted = now;
        print(text);
    }

    /** Prints the final state and ends the line. */
    public synchronized void finish(String text) {
        print(text);
        if (interactive) {
            out.println();
        }
        out.flush();
    }

    private void print(String text) {
        if (interactive) {
            out.print("\r" + text + " ".repeat(Math.max(0, lastLength - text.length())));
            lastLength = text.length();
        } else {
            out.println(text);
        }
        out.flush();
    }
}
