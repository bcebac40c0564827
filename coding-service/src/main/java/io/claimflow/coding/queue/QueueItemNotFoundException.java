package io.claimflow.coding.queue;

/** No queue item with that id. */
public class QueueItemNotFoundException extends RuntimeException {

    public QueueItemNotFoundException(long id) {
        super("No coder queue item " + id);
    }
}
