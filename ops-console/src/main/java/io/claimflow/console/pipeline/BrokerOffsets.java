package io.claimflow.console.pipeline;

import java.util.Collection;

/** What the brokers say about the topics and the consumer groups reading them, read in one short round. */
public interface BrokerOffsets {

    /**
     * The offsets of {@code topics} and of their dead-letter topics, and every consumer group's committed offsets.
     *
     * @throws BrokerUnavailableException when the brokers do not answer within the configured timeout
     */
    OffsetsSample sample(Collection<String> topics);

    /** The brokers did not answer in time; the message says so without details of the cluster. */
    final class BrokerUnavailableException extends RuntimeException {

        public BrokerUnavailableException(String message) {
            super(message);
        }
    }
}
