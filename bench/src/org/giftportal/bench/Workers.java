package org.giftportal.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs {@code total} operations on {@code workers} threads that start together, timing each one. */
final class Workers {
    interface Operation {
        /** Performs operation number {@code index} on worker {@code worker}; false if it failed. */
        boolean run(int worker, int index) throws Exception;
    }

    private Workers() {
    }

    static Latencies run(int workers, int total, Operation operation) throws Exception {
        long[] nanos = new long[total];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int worker = w;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        long begin = System.nanoTime();
                        if (!operation.run(worker, i)) {
                            failures.incrementAndGet();
                        }
                        nanos[i] = System.nanoTime() - begin;
                    }
                    return null;
                }));
            }
            long begin = System.nanoTime();
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
            long wall = System.nanoTime() - begin;
            if (failures.get() > 0) {
                throw new IllegalStateException(failures.get() + " of " + total + " operations failed");
            }
            return new Latencies(nanos, wall);
        } finally {
            pool.shutdownNow();
        }
    }
}
