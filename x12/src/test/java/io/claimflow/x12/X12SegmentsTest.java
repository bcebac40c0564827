package io.claimflow.x12;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class X12SegmentsTest {

    @Test
    void readsSegmentsElementsAndComponents() throws Exception {
        byte[] x12;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("fixtures/three-claims-837.x12")) {
            x12 = in.readAllBytes();
        }
        List<Segment> segments;
        try {
            segments = X12Segments.read(x12);
        } catch (X12FormatException e) {
            e.printStackTrace();
            throw e;
        }
        assertThat(segments.get(0).tag()).isEqualTo("ISA");
        assertThat(segments.get(0).element(13)).isEqualTo("000000042");
        Segment clm =
                segments.stream().filter(s -> s.tag().equals("CLM")).findFirst().orElseThrow();
        assertThat(clm.component(5, 1)).isEqualTo("11");
        assertThat(clm.component(5, 3)).isEqualTo("1");
        assertThat(clm.element(3)).isNull();
    }

    @Test
    void aTruncatedFileIsNotReadable() {
        assertThatThrownBy(() -> X12Segments.read("ISA*00*".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(X12FormatException.class);
    }
}
