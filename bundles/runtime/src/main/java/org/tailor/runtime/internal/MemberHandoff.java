package org.tailor.runtime.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs a streaming producer on the calling thread and processes its items on a worker thread,
 * through a bounded queue. The segment service streams members from the store, and a store may
 * forbid writes on the thread that is streaming; the outbox writes happen on the worker instead,
 * while memory stays bounded by the queue.
 */
final class MemberHandoff {

    private static final Object END = new Object();

    private MemberHandoff() {
    }

    /**
     * Feeds every item the producer emits to the worker, in order, and returns once both are done.
     * If either fails, the other stops early and the failure is rethrown (the worker's first).
     */
    static <T> void run(String threadName, int capacity, Consumer<Consumer<T>> producer, Consumer<T> worker) {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(capacity);
        AtomicReference<Throwable> workerFailure = new AtomicReference<>();
        AtomicBoolean cancelled = new AtomicBoolean();
        Thread thread = new Thread(() -> consume(queue, worker, workerFailure, cancelled), threadName);
        thread.setDaemon(true);
        thread.start();

        RuntimeException producerFailure = null;
        try {
            producer.accept(item -> hand(queue, item, thread, workerFailure));
        } catch (RuntimeException e) {
            producerFailure = e;
            cancelled.set(true);
        } catch (Error e) {
            cancelled.set(true);
            finish(queue, thread);
            throw e;
        }
        finish(queue, thread);

        Throwable failed = workerFailure.get();
        if (failed instanceof RuntimeException e) {
            throw e;
        }
        if (failed instanceof Error e) {
            throw e;
        }
        if (producerFailure != null) {
            throw producerFailure;
        }
    }

    private static <T> void hand(BlockingQueue<Object> queue, T item, Thread thread, AtomicReference<Throwable> workerFailure) {
        try {
            while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (workerFailure.get() != null || !thread.isAlive()) {
                    throw new CancellationException("the worker stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while handing over work");
        }
        if (workerFailure.get() != null) {
            throw new CancellationException("the worker stopped");
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void consume(BlockingQueue<Object> queue, Consumer<T> worker,
                                    AtomicReference<Throwable> failure, AtomicBoolean cancelled) {
        try {
            while (true) {
                Object item = queue.take();
                if (item == END) {
                    return;
                }
                if (!cancelled.get() && failure.get() == null) {
                    worker.accept((T) item);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, new CancellationException("the worker was interrupted"));
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        }
    }

    /** Tells the worker there is no more and waits for it; never interrupts it mid-item. */
    private static void finish(BlockingQueue<Object> queue, Thread thread) {
        boolean interrupted = false;
        try {
            while (thread.isAlive()) {
                try {
                    if (queue.offer(END, 100, TimeUnit.MILLISECONDS)) {
                        break;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            while (true) {
                try {
                    thread.join();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
