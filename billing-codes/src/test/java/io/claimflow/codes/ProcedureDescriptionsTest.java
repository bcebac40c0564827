package io.claimflow.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ProcedureDescriptionsTest {

    private static final ProcedureDescriptions SHIPPED = ProcedureDescriptions.shipped();

    @Test
    void cptCodesHaveTheStarterDescriptor() {
        assertThat(SHIPPED.describe("99213"))
                .hasValue("Office or other outpatient visit, established patient, low MDM or 20-29 minutes");
        assertThat(SHIPPED.describe(" 83036 ")).hasValue("Hemoglobin, glycosylated (A1c)");
    }

    @Test
    void hcpcsCodesHaveTheLongDescriptionWithItsContinuation() {
        assertThat(SHIPPED.describe("G0439"))
                .hasValue("Annual wellness visit, includes a personalized prevention plan of service (pps), "
                        + "subsequent visit");
        assertThat(SHIPPED.describe("j1100")).hasValue("Injection, dexamethasone sodium phosphate, 1 mg");
    }

    @Test
    void unknownCodesAndModifiersHaveNone() {
        assertThat(SHIPPED.describe("99999")).isEmpty();
        assertThat(SHIPPED.describe("25")).isEmpty();
        assertThat(SHIPPED.describe(null)).isEmpty();
        assertThat(SHIPPED.size()).isGreaterThan(300);
    }

    @Test
    void aCodeListedTwiceOrAStrayContinuationIsRefused() {
        assertThatThrownBy(() ->
                        ProcedureDescriptions.read(new StringReader("99213\tone\n99213\ttwo\n"), new StringReader("")))
                .hasMessageContaining("99213 is listed twice");
        assertThatThrownBy(() -> ProcedureDescriptions.read(
                        new StringReader("# none\n"), new StringReader("G0439002004(pps), subsequent visit\n")))
                .hasMessageContaining("continues no record");
        assertThatThrownBy(() -> ProcedureDescriptions.read(new StringReader("99213\n"), new StringReader("")))
                .hasMessageContaining("no descriptor");
    }
}
