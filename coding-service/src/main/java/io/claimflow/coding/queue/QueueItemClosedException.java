package io.claimflow.coding.queue;

import io.claimflow.platform.web.ConflictException;

/** The queue item was finalized already (REST answers 409). */
public class QueueItemClosedException extends ConflictException {

    private static final long serialVersionUID = 1L;

    public QueueItemClosedException(long id) {
        super("Coder queue item " + id + " is not open");
    }
}
