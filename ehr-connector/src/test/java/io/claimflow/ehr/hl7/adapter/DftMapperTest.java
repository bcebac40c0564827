package io.claimflow.ehr.hl7.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.v251.message.DFT_P03;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.claimflow.ehr.config.EhrProperties;
import io.claimflow.ehr.intake.DocumentedEncounter;
import io.claimflow.ehr.intake.DocumentedEncounter.AnnualWellnessVisit;
import io.claimflow.ehr.intake.DocumentedEncounter.Code;
import io.claimflow.ehr.intake.DocumentedEncounter.CodeSystem;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** FT1-10 quantity and FT1-26 / PR1-16 modifiers reach the documented procedure as data, not as text (issue 18). */
class DftMapperTest {

    static HapiContext hapi;

    static final EhrProperties.BillingProvider BILLING = new EhrProperties.BillingProvider(
            "1847362914",
            "Riverside Family Medicine LLC",
            "311234567",
            "207Q00000X",
            "2200 Riverside Dr",
            null,
            "Columbus",
            "OH",
            "432211234");

    @BeforeAll
    static void hapi() {
        hapi = new DefaultHapiContext(new CanonicalModelClassFactory("2.5.1"));
        hapi.setValidationContext(ValidationContextFactory.noValidation());
    }

    @AfterAll
    static void close() throws Exception {
        hapi.close();
    }

    static DftMapper.Result map(String text) throws Exception {
        return DftMapper.map((DFT_P03) hapi.getPipeParser().parse(text), "riverside-fm", BILLING);
    }

    @Test
    void aProviderNpiWithAWrongCheckDigitIsRefusedAsTheFhirDoorRefusesIt() throws Exception {
        String text = Hl7MllpIntakeTest.text("dft-p03-office-visit.hl7", "V-1", "C-1")
                .replace("1293847566^Raman^Priya", "1293847567^Raman^Priya");

        DftMapper.Result result = map(text);

        assertThat(result.problems()).anySatisfy(p -> {
            assertThat(p.location()).isEqualTo("PV1-7.1");
            assertThat(p.kind()).isEqualTo(io.claimflow.ehr.intake.Problem.Kind.INVALID);
            assertThat(p.message()).contains("check digit").doesNotContain("1293847567");
        });
    }

    @Test
    void theSamplesQuantitiesAndModifiersAreKeptPerProcedure() throws Exception {
        DftMapper.Result result = map(Hl7MllpIntakeTest.text("dft-p03-office-visit.hl7", "V-1", "C-1"));

        assertThat(result.problems()).isEmpty();
        List<Code> procedures = result.submission().encounter().procedures();
        assertThat(procedures).extracting(Code::code).containsExactly("99214", "83036", "J3301", "20610");
        assertThat(procedures)
                .extracting(Code::modifiers)
                .containsExactly(List.of(), List.of("QW"), List.of(), List.of("RT"));
        assertThat(procedures)
                .extracting(Code::quantity)
                .containsExactly(new BigDecimal("1.000"), new BigDecimal("1.000"), new BigDecimal("4.000"), null);
        // the text stays the text: nothing appended to it
        assertThat(procedures.get(2).text()).isEqualTo("Injection, triamcinolone acetonide, NOS, 10 mg");
        assertThat(result.submission().encounter().annualWellnessVisit()).isNull();
    }

    @Test
    void aQuantityThatIsNoNumberIsAProblemNamingTheField() throws Exception {
        String text = Hl7MllpIntakeTest.text("dft-p03-office-visit.hl7", "V-2", "C-2")
                .replace("J3301^Triamcinolone 10 mg^HCPCS|||4|", "J3301^Triamcinolone 10 mg^HCPCS|||four|");

        DftMapper.Result result = map(text);

        assertThat(result.problems()).anyMatch(p -> p.location().equals("FT1[3]-10"));
    }

    @Test
    void aChargedG0439IsASubsequentAnnualWellnessVisit() throws Exception {
        String text = Hl7MllpIntakeTest.text("dft-p03-office-visit.hl7", "V-3", "C-3")
                .replace("99214^Office visit, established, moderate^C4", "G0439^AWV subsequent^HCPCS")
                .replace(
                        "99214^Office or other outpatient visit, established patient^C4",
                        "G0439^Annual wellness visit, subsequent^HCPCS");

        DocumentedEncounter encounter = map(text).submission().encounter();

        assertThat(encounter.annualWellnessVisit()).isEqualTo(AnnualWellnessVisit.SUBSEQUENT);
        assertThat(encounter.procedures().get(0).system()).isEqualTo(CodeSystem.HCPCS);
    }

    @Test
    void aPr1DetailingItsOwnChargeIsOneProcedureNotTwo() throws Exception {
        String text = Hl7MllpIntakeTest.text("dft-p03-office-visit.hl7", "V-4", "C-4")
                .replace(
                        "PR1|1||20610",
                        "FT1|4|||20260310|20260310|CG|20610^Arthrocentesis^C4|||1|||||||||||||||"
                                + "20610^Arthrocentesis, major joint^C4\rPR1|1||20610");

        List<Code> procedures = map(text).submission().encounter().procedures();

        assertThat(procedures).extracting(Code::code).containsExactly("99214", "83036", "J3301", "20610");
        assertThat(procedures.get(3).modifiers()).containsExactly("RT");
        assertThat(procedures.get(3).quantity()).isEqualByComparingTo("1");
    }
}
