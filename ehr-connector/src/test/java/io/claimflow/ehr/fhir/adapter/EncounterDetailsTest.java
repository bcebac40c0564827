package io.claimflow.ehr.fhir.adapter;

import static io.claimflow.ehr.fhir.adapter.Fixtures.context;
import static io.claimflow.ehr.fhir.adapter.Fixtures.encounter;
import static io.claimflow.ehr.fhir.adapter.Fixtures.found;
import static io.claimflow.ehr.fhir.adapter.Fixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.ehr.intake.DocumentedEncounter.AnnualWellnessVisit;
import io.claimflow.ehr.intake.DocumentedEncounter.MedicalDecisionMaking;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

/** What the Encounter documents of the visit itself: id, time, decision making, wellness visit, findings, note. */
class EncounterDetailsTest {

    @Test
    void withoutAnIdTheOfficialIdentifierNamesTheEncounter() {
        Encounter created = new Encounter();
        created.addIdentifier(new Identifier().setValue("USUAL-1"));
        created.addIdentifier(new Identifier().setValue("OFFICIAL-1").setUse(Identifier.IdentifierUse.OFFICIAL));
        MappingContext context = context(created, new Encounter());
        EncounterDetails details = new EncounterDetails(context);

        assertThat(details.encounterId(created, "E")).isEqualTo("OFFICIAL-1");
        assertThat(details.encounterId(encounter("enc-7"), "E")).isEqualTo("enc-7");
        assertThat(details.encounterId(new Encounter(), "F")).isNull();
        assertThat(found(context.problems())).containsExactly("F.id REQUIRED");
    }

    @Test
    void totalTimeIsInMinutesFromHoursOrMinutesAndAtMostADay() {
        MappingContext context = context();
        EncounterDetails details = new EncounterDetails(context);
        Encounter hours = encounter("a");
        hours.addExtension(
                FhirTerms.EXT_TOTAL_TIME, new Duration().setValue(1.5).setCode("h"));
        Encounter whole = encounter("b");
        whole.addExtension(FhirTerms.EXT_TOTAL_TIME, new IntegerType(45));
        Encounter length = encounter("c");
        length.setLength(duration(1441, null, "min"));
        Encounter seconds = encounter("d");
        seconds.setLength(duration(600, "s", null));
        Encounter text = encounter("e");
        text.addExtension(FhirTerms.EXT_TOTAL_TIME, new StringType("half an hour"));

        assertThat(details.totalTime(hours, "A")).isEqualTo(90);
        assertThat(details.totalTime(whole, "B")).isEqualTo(45);
        assertThat(details.totalTime(length, "C")).isNull();
        assertThat(details.totalTime(seconds, "D")).isNull();
        assertThat(details.totalTime(text, "E")).isNull();
        assertThat(details.totalTime(encounter("f"), "F")).isNull();

        assertThat(found(context.problems()))
                .containsExactly("C.length INVALID", "D.length INVALID", "E.extension INVALID");
    }

    @Test
    void decisionMakingWellnessVisitAndFindingsAreReadFromTheExtensionsOrRefused() {
        MappingContext context = context();
        EncounterDetails details = new EncounterDetails(context);
        Encounter documented = encounter("a");
        documented.addExtension(
                FhirTerms.EXT_MDM, new Coding().setSystem("urn:x").setCode("moderate"));
        documented.addExtension(FhirTerms.EXT_ANNUAL_WELLNESS_VISIT, new CodeType("initial"));
        documented.addExtension(FhirTerms.EXT_ABNORMAL_FINDINGS, new BooleanType(true));
        Encounter wrong = encounter("b");
        wrong.addExtension(FhirTerms.EXT_MDM, new CodeType("extreme"));
        wrong.addExtension(FhirTerms.EXT_ANNUAL_WELLNESS_VISIT, new CodeType("yearly"));
        wrong.addExtension(FhirTerms.EXT_ABNORMAL_FINDINGS, new StringType("yes"));

        assertThat(details.medicalDecisionMaking(documented, "A")).isEqualTo(MedicalDecisionMaking.MODERATE);
        assertThat(details.annualWellnessVisit(documented, "A")).isEqualTo(AnnualWellnessVisit.INITIAL);
        assertThat(details.abnormalFindings(documented, "A")).isTrue();
        assertThat(details.medicalDecisionMaking(wrong, "B")).isNull();
        assertThat(details.annualWellnessVisit(wrong, "B")).isNull();
        assertThat(details.abnormalFindings(wrong, "B")).isNull();

        assertThat(found(context.problems()))
                .containsExactly("B.extension INVALID", "B.extension INVALID", "B.extension INVALID");
    }

    @Test
    void aSubsequentWellnessVisitIsAnHcpcsG0439TypeAndOnlyInHcpcs() {
        Encounter hcpcs = encounter("a");
        hcpcs.addType().addCoding().setSystem(FhirTerms.HCPCS).setCode("g0439");
        Encounter cpt = encounter("b");
        cpt.addType().addCoding().setSystem(FhirTerms.CPT).setCode("G0439");
        EncounterDetails details = new EncounterDetails(context());

        assertThat(details.annualWellnessVisit(hcpcs, "A")).isEqualTo(AnnualWellnessVisit.SUBSEQUENT);
        assertThat(details.annualWellnessVisit(cpt, "B")).isNull();
    }

    @Test
    void theNoteIsThePlainTextOfADocumentAboutThisEncounter() {
        Encounter visit = encounter("a");
        Encounter other = encounter("b");
        DocumentReference aboutOther = new DocumentReference();
        aboutOther.getContext().addEncounter(ref(other));
        aboutOther.addContent().getAttachment().setContentType("text/plain").setData(bytes("not this one"));
        DocumentReference pdf = new DocumentReference();
        pdf.getContext().addEncounter(ref(visit));
        pdf.addContent().getAttachment().setContentType("application/pdf").setData(bytes("%PDF"));
        pdf.addContent()
                .getAttachment()
                .setContentType("text/plain; charset=utf-8")
                .setData(bytes("Knee pain, 3 days."));
        MappingContext context = context(visit, other, aboutOther, pdf);

        assertThat(new EncounterDetails(context).clinicalNote(visit)).isEqualTo("Knee pain, 3 days.");
        assertThat(context.refs().isUsed(pdf)).isTrue();
        assertThat(context.refs().isUsed(aboutOther)).isFalse();
    }

    private static Duration duration(int value, String code, String unit) {
        Duration duration = new Duration();
        duration.setValue(value);
        duration.setCode(code);
        duration.setUnit(unit);
        return duration;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
