package io.claimflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.claimflow.testsupport.Infrastructure.Mode;
import org.junit.jupiter.api.Test;

class InfrastructureModeTest {

    @Test
    void forcedModeWinsWithoutAskingDocker() {
        assertThat(Infrastructure.chooseMode("embedded", () -> {
                    throw new AssertionError("asked Docker");
                }))
                .isEqualTo(Mode.EMBEDDED);
        assertThat(Infrastructure.chooseMode(" TestContainers ", () -> false)).isEqualTo(Mode.TESTCONTAINERS);
    }

    @Test
    void followsDockerWhenNotForced() {
        assertThat(Infrastructure.chooseMode(null, () -> true)).isEqualTo(Mode.TESTCONTAINERS);
        assertThat(Infrastructure.chooseMode("", () -> false)).isEqualTo(Mode.EMBEDDED);
    }

    @Test
    void aFailingDockerCheckMeansEmbedded() {
        assertThat(Infrastructure.chooseMode(null, () -> {
                    throw new IllegalStateException("no socket");
                }))
                .isEqualTo(Mode.EMBEDDED);
        assertThat(Infrastructure.chooseMode(null, () -> {
                    throw new NoClassDefFoundError("testcontainers");
                }))
                .isEqualTo(Mode.EMBEDDED);
    }

    @Test
    void rejectsUnknownForcedMode() {
        assertThatThrownBy(() -> Infrastructure.chooseMode("docker", () -> true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Infrastructure.MODE_SWITCH);
    }
}
