package io.claimflow.schemas.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.events.EncounterDocumented;
import io.claimflow.schemas.json.JsonRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rules the EHRs' door and coding-service share, on the published sample and on broken copies of it. */
class EncounterDocumentedRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

    private EncounterDocumented event;

    @BeforeEach
    void sample() throws IOException {
        event = JsonRecords.read(
                Files.readString(Path.of("samples/EncounterDocumented.json")), EncounterDocumented.class);
        event.setDateOfService(LocalDate.of(2026, 3, 10));
    }

    @Test
    void theSampleIsComplete() {
        assertThat(EncounterDocumentedRules.lacking(event, TODAY)).isEmpty();
        assertThat(EncounterDocumentedRules.unusableText(event)).isEmpty();
    }

    @Test
    void anEncounterWithNothingDocumentedIsRefusedUnlessItsTypeIsAPreventiveVisit() {
        event.getDiagnoses().clear();
        event.getProcedures().clear();
        event.getAdministeredItems().clear();
        event.setEncounterType(new io.claimflow.events.DocumentedCode(
                io.claimflow.events.CodeSystem.SNOMED_CT,
                "185345009",
                "Encounter for symptom",
                java.util.List.of(),
                null,
                null));
        assertThat(EncounterDocumentedRules.lacking(event, TODAY))
                .containsExactly("any documented diagnosis, procedure or administered item");

        // a well child visit is itself the service (preventive E/M, Z00.- reason), as Synthea sends many
        event.setEncounterType(new io.claimflow.events.DocumentedCode(
                io.claimflow.events.CodeSystem.SNOMED_CT,
                "410620009",
                "Well child visit",
                java.util.List.of(),
                null,
                null));
        assertThat(EncounterDocumentedRules.lacking(event, TODAY)).isEmpty();
    }

    @Test
    void aBirthDateInTheFutureOrAfterTheVisitIsRefused() {
        event.getPatient().setBirthDate(TODAY.plusDays(1));
        assertThat(EncounterDocumentedRules.lacking(event, TODAY))
                .contains("a birth date not in the future", "a date of service on or after the birth date");
    }

    @Test
    void aBirthDateMoreThan130YearsAgoIsRefused() {
        event.getPatient().setBirthDate(LocalDate.of(1800, 1, 1));
        assertThat(EncounterDocumentedRules.lacking(event, TODAY)).contains("a birth date at most 130 years ago");
        event.getPatient().setBirthDate(TODAY.minusYears(130));
        assertThat(EncounterDocumentedRules.lacking(event, TODAY)).isEmpty();
    }

    @Test
    void anMrnOfMoreThan100CharactersIsRefused() {
        event.getPatient().setMrn("M".repeat(10_004));
        assertThat(EncounterDocumentedRules.lacking(event, TODAY)).contains("a patient MRN of at most 100 characters");
        event.getPatient().setMrn("M".repeat(100));
        assertThat(EncounterDocumentedRules.lacking(event, TODAY)).isEmpty();
    }

    @Test
    void nulAndUnpairedSurrogatesAreRefusedEverywhereAndX12DelimitersOutsideFreeText() {
        event.getPatient().setLastName("Whit\u0000field");
        event.getPatient().getAddress().setState("O*H");
        event.getPatient().getAddress().setPostalCode("43215~N4");
        event.getPatient().setFirstName("El\ud800eanor");
        event.setClinicalNote("BP 140/90 ~ recheck: 2 wks; dose 5*2\nnext line");

        assertThat(EncounterDocumentedRules.unusableText(event))
                .extracting(EncounterDocumentedRules.Violation::field)
                .containsExactlyInAnyOrder(
                        "patient.lastName", "patient.address.state", "patient.address.postalCode", "patient.firstName");
        assertThat(EncounterDocumentedRules.unusableText(event).toString()).doesNotContain("Whit", "O*H", "43215");

        event.setClinicalNote("a note with a NUL \u0000");
        assertThat(EncounterDocumentedRules.unusableText(event))
                .extracting(EncounterDocumentedRules.Violation::field)
                .contains("clinicalNote");
    }

    @Test
    void controlCharactersOutsideFreeTextAreRefused() {
        event.getPatient().getAddress().setLine1("418 Maple\tRidge");
        assertThat(EncounterDocumentedRules.unusableText(event))
                .extracting(EncounterDocumentedRules.Violation::problem)
                .containsExactly("contains a control character");
    }

    @Test
    void pairedSurrogatesAreText() {
        event.getPatient().setFirstName("Ana \ud83d\ude00");
        assertThat(EncounterDocumentedRules.unusableText(event)).isEmpty();
    }
}
