package io.claimflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code ./stack kill|stop|start NAME} answers without touching a process: unknown names and verbs. */
class ComponentControlTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private ComponentControl control(Components components) {
        StackConfig config = StackConfig.parse(new String[0], Map.of("CLAIMFLOW_STACK_HOME", dir.toString()), dir);
        StackProgress out = new StackProgress(new PrintStream(printed, true, StandardCharsets.UTF_8));
        PidFiles pidFiles = new PidFiles(dir);
        return new ComponentControl(
                config,
                components,
                new ProcessLauncher(dir, dir, pidFiles, "-Dmarker", out, () -> false),
                null,
                new Postmaster(dir.resolve("pg"), pidFiles, 21),
                out,
                () -> {});
    }

    @Test
    void anUnknownComponentIsRefusedWithWhereToLook() throws Exception {
        Path reply = dir.resolve("reply");

        control(new Components()).carryOut(new StackControl.Request("kill", "kafak", reply));

        assertThat(Files.readString(reply)).isEqualTo("error no component kafak (see ./stack status)\n");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("[kafak] kill failed: no component kafak");
    }

    @Test
    void anUnknownVerbIsRefusedAndNothingIsDownOnPurpose() throws Exception {
        Components components = new Components();
        components.add(new Components.Component("kafka", null, "localhost:9092", "tcp:kafka", 10), false);
        ComponentControl control = control(components);
        Path reply = dir.resolve("reply");

        control.carryOut(new StackControl.Request("reboot", "kafka", reply));

        assertThat(Files.readString(reply)).isEqualTo("error unknown request reboot\n");
        assertThat(control.downOnPurpose("kafka")).isFalse();
    }
}
