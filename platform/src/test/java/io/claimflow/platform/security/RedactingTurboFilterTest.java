package io.claimflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import io.claimflow.testsupport.LogCapture;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.KafkaException;

/**
 * A library's log line with PostgreSQL's cause chain (as Spring Kafka's container writes "Error handler threw an
 * exception") keeps its classes and frames but loses the data the messages quote.
 */
class RedactingTurboFilterTest {

    private static final List<String> PATIENT_DATA = List.of("Quackenbushova", "quince", "Marmalade");

    @BeforeAll
    static void install() {
        RedactingTurboFilter.install((LoggerContext) LoggerFactory.getILoggerFactory());
    }

    @Test
    void aLibrarysErrorWithAPostgresCauseChainIsWrittenWithoutTheQuotedData() {
        Logger container = LoggerFactory.getLogger("org.springframework.kafka.listener.KafkaMessageListenerContainer");
        try (LogCapture logs = LogCapture.start()) {
            container.error("Error handler threw an exception", postgresFailure());

            logs.assertNoneContain(PATIENT_DATA);
            assertThat(logs.eventsContaining("Error handler threw an exception"))
                    .singleElement()
                    .satisfies(line -> assertThat(line)
                            .contains(
                                    KafkaException.class.getName(),
                                    DataIntegrityViolationException.class.getName(),
                                    PSQLException.class.getName(),
                                    "message withheld"));
        }
    }

    @Test
    void aThrowableAsTheLastArgumentAndQuotedDataInAWarningAreRedactedToo() {
        Logger library = LoggerFactory.getLogger("org.apache.kafka.clients.consumer.internals.Fetcher");
        try (LogCapture logs = LogCapture.start()) {
            library.error("Failed on {}", "topic-1", postgresFailure());
            library.warn("Conversion failed for GenericMessage [payload={lastName=Quackenbushova}, headers={}]");
            library.info("Partition {} assigned", 3);

            logs.assertNoneContain(PATIENT_DATA);
            assertThat(logs.eventsContaining("Failed on topic-1")).hasSize(1);
            assertThat(logs.eventsContaining("Partition 3 assigned")).hasSize(1);
            assertThat(logs.eventsContaining("GenericMessage [withheld]")).hasSize(1);
        }
    }

    @Test
    void aLineBelowTheLoggersLevelIsNotWritten() {
        Logger quiet = LoggerFactory.getLogger("io.claimflow.platform.security.quiet");
        ((ch.qos.logback.classic.Logger) quiet).setLevel(ch.qos.logback.classic.Level.ERROR);
        try (LogCapture logs = LogCapture.start()) {
            quiet.warn("not written", postgresFailure());

            assertThat(logs.events()).isEmpty();
        }
    }

    private static RuntimeException postgresFailure() {
        PSQLException psql = new PSQLException(
                "ERROR: unsupported Unicode escape sequence\n"
                        + "  Detail: \\u0000 cannot be converted to text.\n"
                        + "  Where: JSON data, line 1: {\"lastName\":\"Quackenbushova\",\"note\":\"quince allergy, 77 Marmalade",
                PSQLState.DATA_ERROR);
        DataIntegrityViolationException dao = new DataIntegrityViolationException(
                "PreparedStatementCallback; "
                        + "SQL [INSERT INTO encounter (payload) VALUES (?)]; ERROR: unsupported Unicode escape sequence; "
                        + "Where: JSON data, line 1: {\"lastName\":\"Quackenbushova\"",
                psql);
        return new KafkaException("Seek to current after exception", dao);
    }
}
