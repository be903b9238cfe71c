package org.giftportal.bench;

import java.util.Arrays;

/** Per-operation timings of one measured run, and what they add up to. */
record Latencies(long[] nanos, long wallNanos) {

    double perSecond() {
        return nanos.length / (wallNanos / 1e9);
    }

    double percentileMillis(double percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }

    String summary() {
        return String.format("%8.1f /s   p50 %7.2f ms   p99 %7.2f ms   (%d in %.1f s)", perSecond(),
                percentileMillis(50), percentileMillis(99), nanos.length, wallNanos / 1e9);
    }
}
