package io.claimflow.coding.queue;

/** The queue item was finalized already. */
public class QueueItemClosedException extends RuntimeException {

    public QueueItemClosedException(long id) {
        super("Coder queue item " + id + " is not open");
    }
}
