package io.claimflow.coding.pipeline.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.coding.pipeline.CodingVersion;
import io.claimflow.coding.pipeline.IncomingDocumentation;
import io.claimflow.coding.rules.CodeSetVersion;
import io.claimflow.coding.rules.CodeSystem;
import io.claimflow.coding.rules.CodedDiagnosis;
import io.claimflow.coding.rules.CodedLine;
import io.claimflow.coding.rules.Coding;
import io.claimflow.coding.rules.Drug;
import io.claimflow.coding.rules.Edit;
import io.claimflow.coding.rules.EditType;
import io.claimflow.coding.rules.Severity;
import io.claimflow.events.EncounterCoded;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.schemas.json.JsonRecords;
import io.claimflow.schemas.json.Samples;
import io.claimflow.schemas.serde.StoredRecords;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A coding version through its event and back (#22: events stored as Avro bytes, not JSON): domain to EncounterCoded
 * to stored bytes to domain gives the same coding, drug quantities at their scale, and the event carries the
 * documentation's context and dates unchanged.
 */
class CodingRoundTripTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T16:05:14.318Z"), ZoneOffset.UTC);

    final EncounterDocumented documented = Samples.load(EncounterDocumented.class);

    @Test
    void aCodingVersionReadsBackFromItsStoredEventAsTheSameCoding() {
        Coding coding = new Coding(
                List.of(
                        new CodedDiagnosis("I10", "Essential (primary) hypertension"),
                        new CodedDiagnosis("E11.9", "Type 2 diabetes mellitus without complications")),
                List.of(
                        new CodedLine(
                                1, "99214", CodeSystem.CPT, "Office visit", List.of("25"), 1, List.of(1, 2), null),
                        new CodedLine(
                                2,
                                "J3301",
                                CodeSystem.HCPCS,
                                "Triamcinolone 10 mg",
                                List.of("JZ"),
                                4,
                                List.of(1),
                                new Drug("00003029305", new BigDecimal("1.500"), "MILLILITER"))),
                List.of(new Edit(
                        EditType.NCCI_PTP,
                        "NCCI-99214-J3301",
                        Severity.WARNING,
                        "99214 with J3301: modifier 25 added",
                        List.of(1, 2),
                        List.of("99214", "J3301"),
                        "modifier 25")),
                List.of());
        CodingVersion version = new CodingVersion(
                documented.getEncounterId(),
                2,
                "cause-1",
                coding,
                "coder-7",
                List.of(new CodeSetVersion("ICD-10-CM", "2026")),
                null);
        byte[] documentation = StoredRecords.write(documented);

        EncounterCoded event = AvroMapping.encounterCoded(version, documentation, CLOCK);
        Coding back = AvroMapping.coding(StoredRecords.read(StoredRecords.write(event), EncounterCoded.class));

        assertThat(back).isEqualTo(coding);
        assertThat(back.lines().get(1).drug().quantity()).isEqualTo(new BigDecimal("1.500"));
        assertThat(event.getCodingVersion()).isEqualTo(2);
        assertThat(event.getCodedBy().getCoderId()).isEqualTo("coder-7");
        assertThat(event.getOccurredAt()).isEqualTo(CLOCK.instant());
        assertThat(event.getDateOfService()).isEqualTo(documented.getDateOfService());
        assertThat(event.getServiceLines())
                .allSatisfy(l -> assertThat(l.getDateOfService()).isEqualTo(documented.getDateOfService()));
        assertThat(event.getPatient()).isEqualTo(documented.getPatient());
        assertThat(event.getCoverages()).isEqualTo(documented.getCoverages());
        assertThat(event.getProviders()).isEqualTo(documented.getProviders());
        assertThat(event.getTenantId()).isEqualTo(documented.getTenantId());
    }

    @Test
    void theIncomingDocumentationIsKeptAsAvroBytesThatReadBackEqual() {
        IncomingDocumentation incoming = AvroMapping.incoming(
                documented,
                Clock.fixed(documented.getDateOfService().atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC));

        assertThat(StoredRecords.isSingleObject(incoming.documentation())).isTrue();
        assertThat(StoredRecords.read(incoming.documentation(), EncounterDocumented.class))
                .isEqualTo(documented);
        assertThat(incoming.encounter()).isEqualTo(AvroMapping.toDomain(documented));
    }

    @Test
    void documentationStoredAsJsonBeforeGivesTheSameEvent() {
        CodingVersion version = new CodingVersion(
                documented.getEncounterId(),
                1,
                "cause-1",
                new Coding(
                        List.of(new CodedDiagnosis("I10", "Essential (primary) hypertension")),
                        List.of(new CodedLine(1, "99213", CodeSystem.CPT, "Office visit", null, 1, List.of(1), null)),
                        List.of(),
                        List.of()),
                null,
                List.of(),
                null);

        EncounterCoded fromBytes = AvroMapping.encounterCoded(version, StoredRecords.write(documented), CLOCK);
        EncounterCoded fromJson = AvroMapping.encounterCoded(
                version, JsonRecords.write(documented).getBytes(StandardCharsets.UTF_8), CLOCK);
        fromJson.setEventId(fromBytes.getEventId());

        assertThat(fromBytes).isEqualTo(fromJson);
        assertThat(fromBytes.getDateOfService()).isEqualTo(LocalDate.of(2026, 3, 10));
    }
}
