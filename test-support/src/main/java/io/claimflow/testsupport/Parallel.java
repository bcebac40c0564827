package io.claimflow.testsupport;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** Starts two services at once; on any failure closes whichever did start, so no process or port is left behind. */
final class Parallel {

    private Parallel() {}

    record Both<A, B>(A first, B second) {}

    static <A extends AutoCloseable, B extends AutoCloseable> Both<A, B> startBoth(
            String firstName, Callable<A> first, Callable<B> second) {
        FutureTask<A> firstTask = new FutureTask<>(first);
        Thread thread = new Thread(firstTask, "claimflow-start-" + firstName);
        thread.setDaemon(true);
        thread.start();

        Throwable failure = null;
        B secondResult = null;
        try {
            secondResult = second.call();
        } catch (Throwable e) {
            failure = e;
        }
        A firstResult = null;
        try {
            firstResult = firstTask.get();
        } catch (ExecutionException e) {
            failure = combine(failure, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = combine(failure, e);
        }
        if (failure != null) {
            closeQuietly(firstResult, failure);
            closeQuietly(secondResult, failure);
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("Test infrastructure did not start", failure);
        }
        return new Both<>(firstResult, secondResult);
    }

    static void closeAll(AutoCloseable... closeables) throws Exception {
        Exception failure = null;
        for (AutoCloseable closeable : closeables) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static Throwable combine(Throwable failure, Throwable next) {
        if (failure == null) {
            return next;
        }
        failure.addSuppressed(next);
        return failure;
    }

    private static void closeQuietly(AutoCloseable closeable, Throwable failure) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
