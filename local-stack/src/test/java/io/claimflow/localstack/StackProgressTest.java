package io.claimflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StackProgressTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final StackProgress progress =
            new StackProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), now::get);

    @Test
    void aStepSaysHowLongAfterTheStartItWasDone() {
        now.addAndGet(Duration.ofMillis(12_345).toNanos());
        progress.step("kafka ready on localhost:9092");

        assertThat(printed()).isEqualTo("  12.3 s  kafka ready on localhost:9092\n");
    }

    @Test
    void theTableOfWhatStartedEndsWithTheSummary() {
        now.addAndGet(Duration.ofSeconds(41).toNanos());
        progress.startedTable(
                List.of(new StatusTable.Row("kafka", 10, "localhost:9092", true, "logs/kafka.log")),
                Set.of("claim-service"),
                List.of(),
                List.of());

        assertThat(printed())
                .contains("COMPONENT", "kafka", "UP")
                .endsWith("ClaimFlow local stack is up with FAILURES in 41.0 s. Ctrl-C stops it; ./stack status"
                        + " checks it.\n");
        assertThat(StackProgress.summary(false, Duration.ofMillis(2500)))
                .isEqualTo("ClaimFlow local stack is up in 2.5 s. Ctrl-C stops it; ./stack status checks it.");
    }

    @Test
    void anExitNamesTheCodeTheLogAndItsLastLines() {
        assertThat(StackProgress.exited("claim-service", 1, Path.of("/var/tmp/x/claim.log"), "boom"))
                .isEqualTo("[claim-service] exited with code 1, see /var/tmp/x/claim.log\nboom");
    }

    @Test
    void pathsBelowTheWorkingDirectoryAreShownRelative() {
        Path inside = Path.of("").toAbsolutePath().resolve(".local-stack/logs/kafka.log");

        assertThat(StackProgress.display(inside)).isEqualTo(".local-stack/logs/kafka.log");
        assertThat(StackProgress.display(Path.of("/var/tmp/elsewhere.log"))).isEqualTo("/var/tmp/elsewhere.log");
        assertThat(StackProgress.seconds(Duration.ofMillis(999))).isEqualTo("1.0 s");
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
