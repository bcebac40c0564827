package io.claimflow.coding.queue;

import java.util.Optional;

/** Port: reading and finalizing coder queue items. */
public interface QueueItems {

    QueuePage list(QueueFilter filter);

    Optional<QueueItem> find(long id);

    /** The item, locked for update until the transaction ends. */
    Optional<QueueItem> lock(long id);

    void finalizeItem(long id, String coderId, int codingVersion);
}
