package io.claimflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The launcher's command lines, read by picocli. */
class CommandLinesTest {

    @Test
    void replayReadsRepeatedOptionsTypedValuesAndTheEqualsForm() {
        ReplayCommand.Options options = ReplayCommand.parse(new String[] {
            "--service",
            "claim-service",
            "--service=coding-service",
            "--since",
            "2026-12-01T21:00:00Z",
            "--reason=bad NPI",
            "--dry-run",
            "--endpoints",
            "e.tsv",
            "--journal",
            "j.tsv"
        });

        assertThat(options.services()).containsExactly("claim-service", "coding-service");
        assertThat(options.since()).isEqualTo(Instant.parse("2026-12-01T21:00:00Z"));
        assertThat(options.reason()).isEqualTo("bad NPI");
        assertThat(options.dryRun()).isTrue();
        assertThat(options.user()).isEqualTo("admin");
        assertThat(options.endpoints()).isEqualTo(Path.of("e.tsv"));
        assertThatThrownBy(() -> ReplayCommand.parse(
                        new String[] {"--all", "--since", "yesterday", "--endpoints", "e", "--journal", "j"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--since");
        assertThatThrownBy(() ->
                        ReplayCommand.parse(new String[] {"--all", "--bogus", "--endpoints", "e", "--journal", "j"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--bogus");
        assertThat(ReplayCommand.USAGE).contains("--include-replayed", "--service=NAME");
    }

    @Test
    void stackControlTakesHomeVerbNameAndAnOptionalTimeout() {
        StackControl.Arguments arguments = StackControl.parse(new String[] {"/tmp/home", "restart", "kafka"});

        assertThat(arguments.home).isEqualTo(Path.of("/tmp/home"));
        assertThat(arguments.verb).isEqualTo("restart");
        assertThat(arguments.name).isEqualTo("kafka");
        assertThat(arguments.timeoutSeconds).isEqualTo(300);
        assertThat(StackControl.parse(new String[] {"h", "kill", "postgres", "5"}).timeoutSeconds)
                .isEqualTo(5);
        assertThatThrownBy(() -> StackControl.parse(new String[] {"h", "explode", "kafka"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("explode");
        assertThatThrownBy(() -> StackControl.parse(new String[] {"h", "kill"}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stackConfigFlagsAndMissingValues() {
        Path root = Path.of("/work/project");
        StackConfig config = StackConfig.parse(
                new String[] {"--no-cds", "--ops-console-port=18097", "--service-java-opts", "-Xmx1g -XX:+UseG1GC"},
                java.util.Map.of(),
                root);

        assertThat(config.classDataSharing()).isFalse();
        assertThat(config.serviceJavaOpts()).isEqualTo("-Xmx1g -XX:+UseG1GC");
        assertThatThrownBy(() -> StackConfig.parse(new String[] {"--help"}, java.util.Map.of(), root))
                .isInstanceOf(StackConfig.UsageException.class)
                .hasMessage("");
        assertThat(config.services())
                .filteredOn(s -> s.module().equals("ops-console"))
                .extracting(StackConfig.ServiceSpec::port)
                .containsExactly(18097);
        assertThatThrownBy(() -> StackConfig.parse(new String[] {"--kafka-port"}, java.util.Map.of(), root))
                .isInstanceOf(StackConfig.UsageException.class)
                .hasMessageContaining("--kafka-port");
    }
}
