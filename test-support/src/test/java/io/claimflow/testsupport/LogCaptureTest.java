package io.claimflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogCaptureTest {

    private static final Logger LOG = LoggerFactory.getLogger("some.service.Listener");

    @Test
    void findsTextInMessagesArgumentsAndExceptionChains() {
        try (LogCapture logs = LogCapture.start()) {
            LOG.info("processed encounter {}", "enc-1");
            LOG.warn(
                    "failed",
                    new IllegalStateException("wrapper", new IllegalArgumentException("member id MBR-0042 unknown")));

            assertThat(logs.eventsContaining("enc-1")).hasSize(1);
            assertThat(logs.eventsContaining("mbr-0042")).hasSize(1);
            assertThatThrownBy(() -> logs.assertNoneContain(List.of("nobody", "MBR-0042")))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("'MBR-0042' in 1 log event(s)")
                    .hasMessageNotContaining("'nobody'");
            logs.assertNoneContain(List.of("Quackenbush"));
        }
    }

    @Test
    void stopsCapturingWhenClosed() {
        LogCapture logs = LogCapture.start();
        logs.close();
        LOG.info("after close");
        assertThat(logs.events()).isEmpty();
    }
}
