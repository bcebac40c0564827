package io.claimflow.ehr.hl7.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.claimflow.ehr.config.EhrProperties;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** MLLP frame reading: 0x0B content 0x1C 0x0D, whatever comes around it. */
class MllpFramingTest {

    private final MllpServer server = new MllpServer(
            (s, from) -> s,
            new EhrProperties.Mllp(
                    true,
                    0,
                    "127.0.0.1",
                    StandardCharsets.UTF_8,
                    1,
                    1,
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(5),
                    64));

    @Test
    void readsConsecutiveFramesAndSkipsBytesBetweenThem() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.write("\r\nnoise".getBytes(StandardCharsets.US_ASCII));
        wire.write(MllpServer.frame("MSH|one".getBytes(StandardCharsets.US_ASCII)));
        wire.write('\n');
        wire.write(MllpServer.frame("MSH|two".getBytes(StandardCharsets.US_ASCII)));
        ByteArrayInputStream in = new ByteArrayInputStream(wire.toByteArray());

        assertThat(new String(server.readFrame(in), StandardCharsets.US_ASCII)).isEqualTo("MSH|one");
        assertThat(new String(server.readFrame(in), StandardCharsets.US_ASCII)).isEqualTo("MSH|two");
        assertThat(server.readFrame(in)).isNull();
    }

    @Test
    void anEndBlockNotFollowedByCarriageReturnIsContent() throws IOException {
        byte[] wire = {0x0B, 'A', 0x1C, 'B', 0x1C, 0x0D};

        assertThat(server.readFrame(new ByteArrayInputStream(wire))).containsExactly('A', 0x1C, 'B');
    }

    @Test
    void aFrameCutOffIsDiscardedAndANewStartBlockRestarts() throws IOException {
        assertThat(server.readFrame(new ByteArrayInputStream(new byte[] {0x0B, 'A', 'B'})))
                .isNull();
        assertThat(server.readFrame(new ByteArrayInputStream(new byte[] {0x0B, 'A', 0x0B, 'C', 0x1C, 0x0D})))
                .containsExactly('C');
    }

    @Test
    void aFrameOverTheLimitIsRefused() {
        byte[] wire = new byte[100];
        wire[0] = 0x0B;
        java.util.Arrays.fill(wire, 1, wire.length, (byte) 'x');

        assertThatThrownBy(() -> server.readFrame(new ByteArrayInputStream(wire)))
                .isInstanceOf(IOException.class);
    }
}
