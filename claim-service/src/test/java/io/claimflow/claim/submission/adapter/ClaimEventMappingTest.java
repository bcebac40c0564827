package io.claimflow.claim.submission.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.claim.TestEncounters;
import io.claimflow.claim.model.Actor;
import io.claimflow.claim.model.Claim;
import io.claimflow.claim.model.CodedEncounter;
import io.claimflow.claim.model.CodedLine;
import io.claimflow.claim.model.CoverageRef;
import io.claimflow.claim.model.Diagnosis;
import io.claimflow.claim.submission.ClaimAssembler;
import io.claimflow.claim.submission.ClaimNumbers;
import io.claimflow.events.ClaimBilledToPatient;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.events.EncounterCoded;
import io.claimflow.events.ServiceLine;
import io.claimflow.schemas.json.JsonRecords;
import io.claimflow.schemas.json.Samples;
import io.claimflow.schemas.serde.StoredRecords;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * EncounterCoded to the domain and the claim back to ClaimSubmitted / ClaimBilledToPatient, with the encounter kept as
 * Avro bytes rather than JSON (#22): every field survives, money keeps its scale, dates stay dates, and the events are
 * the ones the JSON snapshot gave.
 */
class ClaimEventMappingTest {

    static final Instant NOW = Instant.parse("2026-03-11T02:00:03Z");

    final EncounterCoded event = Samples.load(EncounterCoded.class);
    final ClaimAssembler assembler = new ClaimAssembler(TestEncounters.feeSchedule());
    final ClaimNumbers numbers = ClaimNumbers.of(317, "riverside-fm", LocalDate.of(2026, 3, 11));

    @Test
    void theCodedEncounterCarriesEveryFieldAndTheWholeEventAsAvroBytes() {
        CodedEncounter encounter = EncounterCodedMapper.toDomain(event);

        assertThat(encounter.eventId()).isEqualTo(event.getEventId());
        assertThat(encounter.encounterId()).isEqualTo(event.getEncounterId());
        assertThat(encounter.tenantId()).isEqualTo(event.getTenantId());
        assertThat(encounter.codingVersion()).isEqualTo(event.getCodingVersion());
        assertThat(encounter.dateOfService()).isEqualTo(LocalDate.of(2026, 3, 10));
        assertThat(encounter.placeOfService()).isEqualTo("11");
        assertThat(encounter.patientMrn()).isEqualTo("RFM-0048213");
        assertThat(encounter.billing().npi()).isEqualTo("1847362914");
        assertThat(encounter.billing().taxId()).isEqualTo("311234567");
        assertThat(encounter.billing().hasStreetAddress()).isTrue();
        assertThat(encounter.rendering().npi()).isEqualTo("1293847566");
        assertThat(encounter.coverage())
                .isEqualTo(new CoverageRef("BKHP1", "Buckeye Health Plan", "BHP884120337", "SELF"));
        assertThat(encounter.diagnoses())
                .extracting(Diagnosis::code)
                .containsExactlyElementsOf(event.getDiagnoses().stream()
                        .map(io.claimflow.events.Diagnosis::getCode)
                        .toList());
        assertThat(encounter.lines()).hasSameSizeAs(event.getServiceLines());
        for (int i = 0; i < encounter.lines().size(); i++) {
            CodedLine line = encounter.lines().get(i);
            ServiceLine source = event.getServiceLines().get(i);
            assertThat(line)
                    .isEqualTo(new CodedLine(
                            source.getLineNumber(),
                            source.getProcedureCode(),
                            source.getModifiers(),
                            source.getUnits(),
                            source.getDiagnosisPointers(),
                            source.getDateOfService(),
                            source.getPlaceOfService()));
        }
        assertThat(StoredRecords.isSingleObject(encounter.snapshot())).isTrue();
        assertThat(StoredRecords.read(encounter.snapshot(), EncounterCoded.class))
                .isEqualTo(event);
    }

    @Test
    void claimSubmittedRepeatsTheEncounterWithTheClaimsMoneyAndDates() {
        Claim claim = claim(EncounterCodedMapper.toDomain(event));

        ClaimSubmitted submitted = OutboxEventPublisher.claimSubmitted(claim, "cause-1", NOW);

        assertThat(submitted.getClaimId()).isEqualTo(claim.claimId());
        assertThat(submitted.getCausationId()).isEqualTo("cause-1");
        assertThat(submitted.getOccurredAt()).isEqualTo(NOW);
        assertThat(submitted.getPatient()).isEqualTo(event.getPatient());
        assertThat(submitted.getPatient().getBirthDate()).isEqualTo(LocalDate.of(1961, 7, 22));
        assertThat(submitted.getProviders()).isEqualTo(event.getProviders());
        assertThat(submitted.getCoverage()).isEqualTo(event.getCoverages().get(0));
        assertThat(submitted.getOtherCoverages()).isEmpty();
        assertThat(submitted.getTotalCharge()).isEqualTo(new BigDecimal("210.00"));
        assertThat(submitted.getLines())
                .extracting(l -> l.getChargeAmount())
                .containsExactly(new BigDecimal("165.00"), new BigDecimal("45.00"));
        assertThat(submitted.getLines())
                .extracting(l -> l.getService())
                .containsExactlyElementsOf(event.getServiceLines());
        assertThat(submitted.getLines().get(0).getService().getDateOfService()).isEqualTo(LocalDate.of(2026, 3, 10));
    }

    @Test
    void theEventsFromAvroBytesAreTheOnesAJsonSnapshotOfAnOlderRowGives() {
        CodedEncounter binary = EncounterCodedMapper.toDomain(event);
        CodedEncounter legacy = withSnapshot(binary, JsonRecords.write(event).getBytes(StandardCharsets.UTF_8));

        ClaimSubmitted fromBytes = OutboxEventPublisher.claimSubmitted(claim(binary), "cause-1", NOW);
        ClaimSubmitted fromJson = OutboxEventPublisher.claimSubmitted(claim(legacy), "cause-1", NOW);
        fromJson.setEventId(fromBytes.getEventId());
        ClaimBilledToPatient billedFromBytes =
                OutboxEventPublisher.claimBilledToPatient(claim(binary), null, "biller-1", "self-pay", NOW);
        ClaimBilledToPatient billedFromJson =
                OutboxEventPublisher.claimBilledToPatient(claim(legacy), null, "biller-1", "self-pay", NOW);
        billedFromJson.setEventId(billedFromBytes.getEventId());

        assertThat(fromBytes).isEqualTo(fromJson);
        assertThat(billedFromBytes).isEqualTo(billedFromJson);
        assertThat(new SnapshotPayerOrder().coverages(claim(binary)))
                .isEqualTo(new SnapshotPayerOrder().coverages(claim(legacy)))
                .containsExactly(new CoverageRef("BKHP1", "Buckeye Health Plan", "BHP884120337", "SELF"));
    }

    @Test
    void linesLeaveTheEncountersServiceLinesAsTheyWere() {
        // the claim's office visit line has 2 units where the encounter's has 1 (as after a biller's edit)
        CodedEncounter encounter = EncounterCodedMapper.toDomain(event);
        CodedLine visit = encounter.lines().get(0);
        CodedEncounter edited = withLines(
                encounter,
                List.of(
                        new CodedLine(
                                visit.lineNumber(),
                                visit.procedureCode(),
                                visit.modifiers(),
                                2,
                                visit.diagnosisPointers(),
                                visit.dateOfService(),
                                visit.placeOfService()),
                        encounter.lines().get(1)));
        Claim claim = claim(edited);
        Map<Integer, ServiceLine> services = event.getServiceLines().stream()
                .collect(Collectors.toMap(ServiceLine::getLineNumber, Function.identity()));
        List<ServiceLine> before = event.getServiceLines().stream()
                .map(l -> ServiceLine.newBuilder(l).build())
                .toList();

        var lines = OutboxEventPublisher.lines(claim, services);

        assertThat(lines.get(0).getService().getUnits()).isEqualTo(2);
        assertThat(event.getServiceLines()).isEqualTo(before);
    }

    private Claim claim(CodedEncounter encounter) {
        return assembler.assemble(encounter, numbers, null, Actor.system("claim-assembly"), NOW);
    }

    private static CodedEncounter withSnapshot(CodedEncounter e, byte[] snapshot) {
        return copy(e, e.lines(), snapshot);
    }

    private static CodedEncounter withLines(CodedEncounter e, List<CodedLine> lines) {
        return copy(e, lines, e.snapshot());
    }

    private static CodedEncounter copy(CodedEncounter e, List<CodedLine> lines, byte[] snapshot) {
        return new CodedEncounter(
                e.eventId(),
                e.encounterId(),
                e.tenantId(),
                e.codingVersion(),
                e.dateOfService(),
                e.placeOfService(),
                e.priorAuthorizationNumber(),
                e.patientMrn(),
                e.billing(),
                e.rendering(),
                e.referring(),
                e.coverage(),
                e.diagnoses(),
                lines,
                snapshot);
    }
}
