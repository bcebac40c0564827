package io.claimflow.ehr.intake.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.ehr.intake.DocumentedEncounter;
import io.claimflow.ehr.intake.DocumentedEncounter.Code;
import io.claimflow.ehr.intake.DocumentedEncounter.CodeSystem;
import io.claimflow.events.AnnualWellnessVisit;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.events.EpisodeOfCare;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The documented details travel on EncounterDocumented's own fields. */
class EncounterDocumentedMapperTest {

    @Test
    void modifiersQuantityEpisodeAndWellnessVisitAreOnTheEvent() {
        DocumentedEncounter.Patient patient = new DocumentedEncounter.Patient(
                "MRN-1",
                "Doe",
                "Jane",
                null,
                null,
                LocalDate.of(1950, 1, 1),
                DocumentedEncounter.Sex.FEMALE,
                new DocumentedEncounter.Address("1 Main St", null, "Columbus", "OH", "43215", "US"));
        DocumentedEncounter.Provider billing = new DocumentedEncounter.Provider(
                "1847362914", DocumentedEncounter.EntityType.ORGANIZATION, "Clinic", null, null, null, null, null);
        DocumentedEncounter encounter = new DocumentedEncounter(
                "t",
                "enc-1",
                patient,
                List.of(),
                new DocumentedEncounter.Providers(billing, null, null),
                null,
                "11",
                LocalDate.of(2026, 3, 10),
                DocumentedEncounter.EncounterClass.AMBULATORY,
                new Code(CodeSystem.NONE, null, "Visit"),
                DocumentedEncounter.PatientStatus.ESTABLISHED,
                null,
                null,
                List.of(new Code(
                        CodeSystem.ICD_10_CM,
                        "S93.401",
                        "Sprain",
                        List.of(),
                        null,
                        DocumentedEncounter.EpisodeOfCare.SUBSEQUENT)),
                List.of(new Code(
                        CodeSystem.HCPCS, "J3301", "Triamcinolone", List.of("JZ"), new BigDecimal("4.000"), null)),
                List.of(),
                null,
                null,
                null,
                DocumentedEncounter.AnnualWellnessVisit.INITIAL,
                false);

        EncounterDocumented event =
                EncounterDocumentedMapper.toEvent(encounter, UUID.randomUUID(), null, Instant.now());

        assertThat(event.getProcedures().get(0).getModifiers()).containsExactly("JZ");
        assertThat(event.getProcedures().get(0).getQuantity()).isEqualByComparingTo("4");
        assertThat(event.getDiagnoses().get(0).getEpisodeOfCare()).isEqualTo(EpisodeOfCare.SUBSEQUENT);
        assertThat(event.getAnnualWellnessVisit()).isEqualTo(AnnualWellnessVisit.INITIAL);
        assertThat(event.getAbnormalFindings()).isFalse();
    }
}
