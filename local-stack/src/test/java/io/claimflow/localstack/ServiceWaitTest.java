package io.claimflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ServiceWaitTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final AtomicLong now = new AtomicLong();
    /** Each round of polling takes half a second of the fake clock. */
    private final ServiceWait.Sleeper sleeper =
            millis -> now.addAndGet(Duration.ofMillis(millis).toNanos());

    private final StackProgress progress =
            new StackProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), now::get);

    /** A service that says UP from round {@code upAt}, or exits at round {@code exitAt} (-1: never). */
    private final class Fake implements ServiceWait.Target {
        final String name;
        final int upAt;
        final int exitAt;
        int rounds;

        Fake(String name, int upAt, int exitAt) {
            this.name = name;
            this.upAt = upAt;
            this.exitAt = exitAt;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String address() {
            return "http://localhost:1";
        }

        @Override
        public boolean up() {
            return upAt >= 0 && ++rounds > upAt;
        }

        @Override
        public boolean alive() {
            return exitAt < 0 || rounds < exitAt;
        }

        @Override
        public String exited() {
            return "[" + name + "] exited with code 1, see logs/" + name + ".log\nlast lines";
        }

        @Override
        public String log() {
            return "logs/" + name + ".log";
        }

        @Override
        public Duration uptime() {
            return Duration.ofSeconds(3);
        }
    }

    @Test
    void eachServiceIsUpDeadOrOutOfTimeAndTheFailedAreNamed() throws Exception {
        ServiceWait wait = new ServiceWait(progress, () -> false, now::get, sleeper);
        Fake up = new Fake("coding-service", 2, -1);
        Fake dead = new Fake("claim-service", -1, 0);
        Fake slow = new Fake("adjudication-gateway", -1, -1);

        assertThat(wait.await(List.of(up, dead, slow), Duration.ofSeconds(5)))
                .containsExactlyInAnyOrder("claim-service", "adjudication-gateway");
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("coding-service UP on http://localhost:1 (3.0 s after its start)")
                .contains("  [claim-service] exited with code 1, see logs/claim-service.log\nlast lines")
                .contains(
                        "  [adjudication-gateway] not UP after 5 s; still running, see logs/adjudication-gateway.log");
        assertThat(now.get()).isGreaterThan(Duration.ofSeconds(5).toNanos());
    }

    @Test
    void ctrlCCutsTheWaitShort() {
        ServiceWait wait = new ServiceWait(progress, () -> true, now::get, sleeper);

        assertThatThrownBy(() -> wait.await(List.of(new Fake("coding-service", -1, -1)), Duration.ofSeconds(5)))
                .isInstanceOf(LocalStack.Aborted.class);
    }

    @Test
    void nothingToWaitForFailsNothing() throws Exception {
        assertThat(new ServiceWait(progress, () -> false, now::get, sleeper).await(List.of(), Duration.ofSeconds(1)))
                .isEmpty();
    }
}
