package io.claimflow.coding.pipeline.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.coding.rules.AnnualWellnessVisit;
import io.claimflow.coding.rules.DocumentedEncounter;
import io.claimflow.coding.rules.EpisodeOfCare;
import io.claimflow.events.CodeSystem;
import io.claimflow.events.DocumentedCode;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.schemas.json.JsonRecords;
import io.claimflow.schemas.json.Samples;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The documented units, modifiers, episode and wellness facts reach the rules; v1 documentation still reads. */
class AvroMappingTest {

    @Test
    void documentedDetailsReachTheDomain() {
        EncounterDocumented event = Samples.load(EncounterDocumented.class);
        event.setProcedures(List.of(DocumentedCode.newBuilder()
                .setSystem(CodeSystem.HCPCS)
                .setCode("J3301")
                .setText("Triamcinolone 10 mg")
                .setQuantity(new BigDecimal("4.000"))
                .setModifiers(List.of("JZ"))
                .build()));
        event.setDiagnoses(List.of(DocumentedCode.newBuilder()
                .setSystem(CodeSystem.ICD_10_CM)
                .setCode("S93.401")
                .setText("Sprain")
                .setEpisodeOfCare(io.claimflow.events.EpisodeOfCare.SUBSEQUENT)
                .build()));
        event.setAnnualWellnessVisit(io.claimflow.events.AnnualWellnessVisit.SUBSEQUENT);
        event.setAbnormalFindings(true);

        DocumentedEncounter domain = AvroMapping.toDomain(event);

        assertThat(domain.procedures().get(0).quantity()).isEqualByComparingTo("4");
        assertThat(domain.procedures().get(0).modifiers()).containsExactly("JZ");
        assertThat(domain.diagnoses().get(0).episodeOfCare()).isEqualTo(EpisodeOfCare.SUBSEQUENT);
        assertThat(domain.annualWellnessVisit()).isEqualTo(AnnualWellnessVisit.SUBSEQUENT);
        assertThat(domain.examinationFoundAbnormalities()).isTrue();
    }

    @Test
    void documentationStoredBeforeSchemaV2ReadsWithTheDefaults() {
        // the stored JSON of a v1 event has none of the new fields
        String v1 = Samples.json(EncounterDocumented.class)
                .replaceAll(",\\s*\"modifiers\": \\[\\s*\\],\\s*\"quantity\": null,\\s*\"episodeOfCare\": null", "")
                .replaceAll(",\\s*\"annualWellnessVisit\": null,\\s*\"abnormalFindings\": null", "");
        assertThat(v1).doesNotContain("episodeOfCare", "abnormalFindings");

        DocumentedEncounter domain = AvroMapping.toDomain(JsonRecords.read(v1, EncounterDocumented.class));

        assertThat(domain.procedures()).allMatch(p -> p.modifiers().isEmpty() && p.quantity() == null);
        assertThat(domain.annualWellnessVisit()).isNull();
        assertThat(domain.examinationFoundAbnormalities()).isFalse();
    }
}
