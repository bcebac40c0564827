package io.claimflow.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.testsupport.LogCapture;
import java.io.EOFException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A client that goes away mid-request is not a server error: no ERROR line, no 500 body to write. */
class ClientAbortTest {

    /** Named as Tomcat names the exception it throws when the client aborts (the platform does not depend on it). */
    static final class ClientAbortException extends IOException {
        ClientAbortException() {
            super("java.io.IOException: Connection reset by peer");
        }
    }

    @Test
    void aClientAbortingMidBodyIsLoggedAtDebugNotError() {
        ProblemDetailsAdvice advice = new ProblemDetailsAdvice();
        try (LogCapture logs = LogCapture.start()) {
            assertThat(advice.unexpected(new ClientAbortException())).isNull();
            assertThat(advice.unexpected(new IllegalStateException("reading", new EOFException())))
                    .isNull();
            assertThat(logs.eventsContaining("Unexpected error")).isEmpty();
        }
    }

    @Test
    void otherFailuresStillAnswer500WithAReference() {
        ProblemDetailsAdvice advice = new ProblemDetailsAdvice();
        try (LogCapture logs = LogCapture.start()) {
            assertThat(advice.unexpected(new IllegalStateException("boom")).getStatus())
                    .isEqualTo(500);
            assertThat(logs.eventsContaining("Unexpected error")).hasSize(1);
        }
    }
}
