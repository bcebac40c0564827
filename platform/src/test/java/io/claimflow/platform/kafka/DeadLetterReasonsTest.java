package io.claimflow.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;

class DeadLetterReasonsTest {

    private final DeadLetterReasons reasons = new DeadLetterReasons(3);

    @Test
    void namesTheListenersExceptionUnderSpringsWrapper() {
        Exception failure = new ListenerExecutionFailedException(
                "Listener failed", new IllegalStateException("database\nunavailable"));

        assertThat(reasons.isRetryable(failure)).isTrue();
        assertThat(reasons.reason(failure))
                .isEqualTo("failed after 4 attempts: IllegalStateException: database unavailable");
    }

    @Test
    void badInputIsNotRetryable() {
        Exception failure = new ListenerExecutionFailedException(
                "Listener failed", new NumberFormatException("For input string: \"x\""));

        assertThat(reasons.isRetryable(failure)).isFalse();
        assertThat(reasons.reason(failure))
                // the input may be a member id or a birth date
                .isEqualTo("not retryable: NumberFormatException: For input string: [withheld]");
    }

    @Test
    void deserializationFailureSaysWhatCouldNotBeRead() {
        Exception failure = new ListenerExecutionFailedException(
                "Listener failed",
                new DeserializationException(
                        "failed to deserialize",
                        new byte[] {1},
                        false,
                        new SerializationException("Unknown magic byte 1")));

        assertThat(reasons.isRetryable(failure)).isFalse();
        assertThat(reasons.reason(failure))
                .isEqualTo("value could not be deserialized: " + "SerializationException: Unknown magic byte 1");
    }

    @Test
    void longReasonsAreCut() {
        String reason = reasons.reason(new IllegalArgumentException("x".repeat(1000)));

        assertThat(reason).hasSize(300).endsWith("...");
    }
}
