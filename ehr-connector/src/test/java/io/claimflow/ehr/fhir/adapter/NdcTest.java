package io.claimflow.ehr.fhir.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** NDCs in the FDA's 10-digit forms become the 11-digit 5-4-2 form claims need; anything else is refused. */
class NdcTest {

    @ParameterizedTest
    @CsvSource(
            nullValues = "null",
            value = {
                "0003-0293-05, 00003029305",
                "50242-040-62, 50242004062",
                "60575-4112-1, 60575411201",
                "00003-0293-05, 00003029305",
                "00003029305, 00003029305",
                "0003029305, null",
                "3-293-5, null"
            })
    void normalizes(String ndc, String expected) {
        assertThat(FhirValues.ndc11(ndc)).isEqualTo(expected);
    }
}
