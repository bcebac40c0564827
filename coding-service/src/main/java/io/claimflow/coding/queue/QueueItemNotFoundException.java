package io.claimflow.coding.queue;

import io.claimflow.platform.web.NotFoundException;

/** No queue item with that id (REST answers 404; the detail does not repeat the id the caller sent). */
public class QueueItemNotFoundException extends NotFoundException {

    private static final long serialVersionUID = 1L;

    public QueueItemNotFoundException(long id) {
        super("No coder queue item has that id");
    }
}
