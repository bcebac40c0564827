package io.claimflow.coding.pipeline.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.coding.history.PatientHistory;
import io.claimflow.events.CodeSystem;
import io.claimflow.events.DocumentedCode;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.events.NewOrEstablished;
import io.claimflow.schemas.json.Samples;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.StatementCounter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What PostgreSQL does to code one documented encounter (issue 22), so that the cost cannot creep back. Once an
 * encounter with the same codes was coded, another one on another date of service reads no code set (the rows are
 * kept with their dates), and a new encounter is stored without a locking read first (there is no row to lock).
 * Before (946b43f): 23 statements for such an encounter (the same 8, the locking read, and 14 code-set lookups for
 * the new date).
 */
@SpringBootTest(
        properties = {"spring.kafka.listener.auto-startup=false", "claimflow.coding.code-set-check-interval=1h"})
@ClaimFlowInfrastructure(database = "claimflow_coding")
@Import(StatementCounter.class)
class CodingWorkPerEncounterTest {

    /**
     * For a poll of one new encounter whose codes are known: the poll's key lock and idempotency mark (one statement;
     * two before), its patient's history read, its history insert, the encounter stored with its outcome (one upsert;
     * an insert and a state update before, 8 statements), its coding version and its outbox row: one transaction.
     */
    static final int STATEMENTS_PER_NEW_ENCOUNTER = 6;

    /**
     * For a poll of new encounters whose codes are known, once per poll: the key locks with the idempotency marks (one
     * statement), the history of all its patients (one query), its history rows, its coding versions and its outbox
     * rows (one insert each, at the commit). Before: each of them per encounter but the lock, the mark and the outbox
     * rows.
     */
    static final int STATEMENTS_PER_POLL = 5;

    /** And per encounter of such a poll: the encounter stored with its outcome. Before: 5 (3 + 20 * 5 = 103 a poll). */
    static final int STATEMENTS_PER_ENCOUNTER_OF_A_POLL = 1;

    @Autowired
    EncounterDocumentedListener listener;

    @Autowired
    StatementCounter counter;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PatientHistory history;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void theHistoryReadAheadCoversItsPatientsSpansForItsTransactionOnly() {
        PatientHistory.Span january = new PatientHistory.Span(
                "riverside-fm", "MRN-" + UUID.randomUUID(), LocalDate.of(2023, 1, 1), LocalDate.of(2026, 1, 1));
        PatientHistory.Span within = new PatientHistory.Span(
                january.tenantId(), january.patientId(), LocalDate.of(2023, 6, 1), LocalDate.of(2025, 6, 1));
        PatientHistory.Span later = new PatientHistory.Span(
                january.tenantId(), january.patientId(), LocalDate.of(2023, 6, 1), LocalDate.of(2026, 6, 1));

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            assertThat(history.readAheadCovers(january)).isFalse();
            history.readAhead(List.of(january));
            assertThat(history.readAheadCovers(january)).isTrue();
            assertThat(history.readAheadCovers(within)).isTrue();
            assertThat(history.readAheadCovers(later)).as("past the span read").isFalse();
        });
        new TransactionTemplate(transactions)
                .executeWithoutResult(status -> assertThat(history.readAheadCovers(january))
                        .as("another transaction")
                        .isFalse());
        assertThat(history.readAheadCovers(january)).as("no transaction").isFalse();
    }

    @Test
    void anEncounterWithKnownCodesOnANewDateReadsNoCodeSetAndNoEncounterBeforeStoringIt() {
        listener.on(records(sample(LocalDate.of(2026, 2, 3)))); // the codes become known

        EncounterDocumented next = sample(LocalDate.of(2026, 2, 4));
        StatementCounter.Counts counts = counter.count(() -> listener.on(records(next)));

        assertThat(version(next.getEncounterId())).isEqualTo(1);
        assertThat(counts.commits()).as("one transaction").isEqualTo(1);
        assertThat(counts.statements())
                .as(
                        "lock and mark, history read and insert, encounter with its state, version, outbox row: no code-set lookup")
                .isEqualTo(STATEMENTS_PER_NEW_ENCOUNTER);
    }

    @Test
    void correctedDocumentationIsTheNextVersionOfTheSameEncounter() {
        EncounterDocumented first = sample(LocalDate.of(2026, 2, 5));
        listener.on(records(first));
        EncounterDocumented corrected = sample(LocalDate.of(2026, 2, 5));
        corrected.setEncounterId(first.getEncounterId());
        corrected.setPatient(first.getPatient());

        StatementCounter.Counts counts = counter.count(() -> listener.on(records(corrected)));

        assertThat(version(first.getEncounterId())).isEqualTo(2);
        assertThat(jdbc.sql("SELECT documented_event_id::text FROM encounter WHERE encounter_id = :id")
                        .param("id", first.getEncounterId())
                        .query(String.class)
                        .single())
                .isEqualTo(corrected.getEventId());
        assertThat(counts.statements())
                .as(
                        "as a new one: the same upsert locks the stored encounter and returns its state (an update more before)")
                .isEqualTo(STATEMENTS_PER_NEW_ENCOUNTER);
    }

    @Test
    void aPollOfTwentyEncountersSomeOfOnePatientIsOneStatementPerEncounterAndSixPerPoll() {
        listener.on(records(sample(LocalDate.of(2026, 2, 3)))); // the codes become known
        List<EncounterDocumented> poll = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            EncounterDocumented event = sample(LocalDate.of(2026, 3, 1).plusDays(i));
            if (i % 5 == 1) { // four patients with two encounters each, in the same poll
                event.setPatient(poll.get(i - 1).getPatient());
            }
            poll.add(event);
        }

        StatementCounter.Counts counts = counter.count(() -> listener.on(records(poll)));

        assertThat(poll).allSatisfy(e -> assertThat(version(e.getEncounterId())).isEqualTo(1));
        List<String> ids =
                poll.stream().map(EncounterDocumented::getEncounterId).toList();
        assertThat(count("professional_service", ids)).isEqualTo(20);
        assertThat(count("coding_version", ids)).isEqualTo(20);
        assertThat(counts.commits()).as("one transaction").isEqualTo(1);
        assertThat(counts.statements())
                .as("lock and marks, history read, history rows, versions, outbox rows; an upsert per encounter")
                .isEqualTo(STATEMENTS_PER_POLL + 20 * STATEMENTS_PER_ENCOUNTER_OF_A_POLL);
    }

    @Test
    void twoEncountersOfOnePatientInOnePollSeeEachOtherInTheirOrderAsOneByOne() {
        EncounterDocumented january = unknownStatus(LocalDate.of(2026, 1, 12));
        EncounterDocumented june = unknownStatus(LocalDate.of(2026, 6, 15));
        june.setPatient(january.getPatient());
        EncounterDocumented other = unknownStatus(LocalDate.of(2026, 6, 15));

        listener.on(records(List.of(january, june, other)));

        // the same group saw the patient in January, earlier in the poll; the other patient is new
        assertThat(recordedStatus(january)).isEqualTo("NEW true");
        assertThat(recordedStatus(june)).isEqualTo("ESTABLISHED true");
        assertThat(recordedStatus(other)).isEqualTo("NEW true");

        // the other way round, one by one would see no earlier visit for either
        EncounterDocumented lateFirst = unknownStatus(LocalDate.of(2026, 6, 15));
        EncounterDocumented earlySecond = unknownStatus(LocalDate.of(2026, 1, 12));
        earlySecond.setPatient(lateFirst.getPatient());
        listener.on(records(List.of(lateFirst, earlySecond)));
        assertThat(recordedStatus(lateFirst)).isEqualTo("NEW true");
        assertThat(recordedStatus(earlySecond)).isEqualTo("NEW true");
    }

    @Test
    void anEncounterDocumentedAgainUnderAnotherPatientInThePollIsThatPatientsHistoryOnlyAsOneByOne() {
        EncounterDocumented january = unknownStatus(LocalDate.of(2026, 1, 12));
        EncounterDocumented moved = unknownStatus(LocalDate.of(2026, 1, 12)); // another patient's, the same encounter
        moved.setEncounterId(january.getEncounterId());
        EncounterDocumented firstPatientsJune = unknownStatus(LocalDate.of(2026, 6, 15));
        firstPatientsJune.setPatient(january.getPatient());
        EncounterDocumented otherPatientsJune = unknownStatus(LocalDate.of(2026, 6, 15));
        otherPatientsJune.setPatient(moved.getPatient());

        listener.on(records(List.of(january, moved, firstPatientsJune, otherPatientsJune)));

        // the January visit is the other patient's once documented again: one by one, the first patient's June
        // visit would find no earlier one, the other patient's would
        assertThat(recordedStatus(firstPatientsJune)).isEqualTo("NEW true");
        assertThat(recordedStatus(otherPatientsJune)).isEqualTo("ESTABLISHED true");
    }

    @Test
    void correctedDocumentationOfAHeldEncounterInTheSamePollClosesItsQueueItemAsOneByOne() {
        EncounterDocumented held = heldSample(LocalDate.of(2026, 2, 6));
        EncounterDocumented corrected = sample(LocalDate.of(2026, 2, 6));
        corrected.setEncounterId(held.getEncounterId());
        corrected.setPatient(held.getPatient());
        EncounterDocumented heldAlone = heldSample(LocalDate.of(2026, 2, 6));
        EncounterDocumented correctedAlone = sample(LocalDate.of(2026, 2, 6));
        correctedAlone.setEncounterId(heldAlone.getEncounterId());
        correctedAlone.setPatient(heldAlone.getPatient());

        EncounterDocumented heldAgain = heldSample(LocalDate.of(2026, 2, 6));
        heldAgain.setEncounterId(heldAlone.getEncounterId());
        heldAgain.setPatient(heldAlone.getPatient());

        listener.on(records(List.of(held, corrected)));
        StatementCounter.Counts counts = counter.count(() -> listener.on(records(heldAlone)));
        assertThat(counts.statements())
                .as("as a new coded one, with one upsert of its queue item instead of its version and outbox row")
                .isEqualTo(STATEMENTS_PER_NEW_ENCOUNTER - 1);
        assertThat(queueItem(heldAlone.getEncounterId())).isEqualTo("OPEN null null");
        long item = itemId(heldAlone.getEncounterId());
        listener.on(records(heldAgain)); // still held: the same open item with the new documentation's reasons
        assertThat(itemId(heldAlone.getEncounterId())).isEqualTo(item);
        assertThat(jdbc.sql("SELECT causation_id FROM coder_queue_item WHERE id = :id")
                        .param("id", item)
                        .query(String.class)
                        .single())
                .isEqualTo(heldAgain.getEventId());
        listener.on(records(correctedAlone));

        for (EncounterDocumented event : List.of(corrected, correctedAlone)) {
            assertThat(version(event.getEncounterId())).isEqualTo(1);
            assertThat(queueItem(event.getEncounterId())).isEqualTo("FINALIZED superseded-by-automatic-coding 1");
            assertThat(count("professional_service", List.of(event.getEncounterId())))
                    .isEqualTo(1);
            assertThat(jdbc.sql("SELECT documented_event_id::text FROM encounter WHERE encounter_id = :id")
                            .param("id", event.getEncounterId())
                            .query(String.class)
                            .single())
                    .isEqualTo(event.getEventId());
        }
    }

    private String recordedStatus(EncounterDocumented event) {
        return jdbc.sql("SELECT patient_status || ' ' || status_from_history FROM professional_service "
                        + "WHERE encounter_id = :id")
                .param("id", event.getEncounterId())
                .query(String.class)
                .single();
    }

    private long itemId(String encounterId) {
        return jdbc.sql("SELECT id FROM coder_queue_item WHERE encounter_id = :id")
                .param("id", encounterId)
                .query(Long.class)
                .single();
    }

    private String queueItem(String encounterId) {
        return jdbc.sql("SELECT status || ' ' || coalesce(finalized_by, 'null') || ' ' "
                        + "|| coalesce(coding_version::text, 'null') FROM coder_queue_item WHERE encounter_id = :id")
                .param("id", encounterId)
                .query(String.class)
                .single();
    }

    private int count(String table, List<String> encounterIds) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE encounter_id = ANY(CAST(:ids AS text[]))")
                .param("ids", encounterIds.toArray(String[]::new))
                .query(Integer.class)
                .single();
    }

    private int version(String encounterId) {
        return jdbc.sql("SELECT current_version FROM encounter WHERE encounter_id = :id AND status = 'CODED'")
                .param("id", encounterId)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    private static List<ConsumerRecord<String, EncounterDocumented>> records(EncounterDocumented event) {
        return records(List.of(event));
    }

    private static List<ConsumerRecord<String, EncounterDocumented>> records(List<EncounterDocumented> events) {
        List<ConsumerRecord<String, EncounterDocumented>> records = new ArrayList<>();
        for (EncounterDocumented event : events) {
            records.add(new ConsumerRecord<>("work", 0, records.size(), event.getEncounterId(), event));
        }
        return records;
    }

    /** The sample with a concept that has no ICD-10-CM target: held for a coder. */
    private static EncounterDocumented heldSample(LocalDate dateOfService) {
        EncounterDocumented event = sample(dateOfService);
        event.setDiagnoses(List.of(
                DocumentedCode.newBuilder()
                        .setSystem(CodeSystem.SNOMED_CT)
                        .setCode("44054006")
                        .setText("Diabetes mellitus type 2")
                        .build(),
                DocumentedCode.newBuilder()
                        .setSystem(CodeSystem.SNOMED_CT)
                        .setCode("702927004")
                        .setText("Urge incontinence of urine")
                        .build()));
        event.setProcedures(List.of());
        return event;
    }

    /** The sample encounter (documented codes, no SNOMED CT to map) of a new patient on {@code dateOfService}. */
    // the EHR did not say new or established: coding-service decides from its history
    private static EncounterDocumented unknownStatus(LocalDate dateOfService) {
        EncounterDocumented event = sample(dateOfService);
        event.setPatientStatus(NewOrEstablished.UNKNOWN);
        return event;
    }

    private static EncounterDocumented sample(LocalDate dateOfService) {
        EncounterDocumented event = Samples.load(EncounterDocumented.class);
        event.setEventId(UUID.randomUUID().toString());
        event.setEncounterId("enc-work-" + UUID.randomUUID());
        event.getPatient().setMrn("MRN-" + UUID.randomUUID());
        event.setDateOfService(dateOfService);
        event.setOccurredAt(Instant.now());
        return event;
    }
}
