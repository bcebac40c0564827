package io.claimflow.ehr.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.ehr.PublishedEvents;
import io.claimflow.ehr.intake.DocumentedEncounter.Address;
import io.claimflow.ehr.intake.DocumentedEncounter.Code;
import io.claimflow.ehr.intake.DocumentedEncounter.CodeSystem;
import io.claimflow.ehr.intake.DocumentedEncounter.EncounterClass;
import io.claimflow.ehr.intake.DocumentedEncounter.EntityType;
import io.claimflow.ehr.intake.DocumentedEncounter.Patient;
import io.claimflow.ehr.intake.DocumentedEncounter.PatientStatus;
import io.claimflow.ehr.intake.DocumentedEncounter.Provider;
import io.claimflow.ehr.intake.DocumentedEncounter.Providers;
import io.claimflow.ehr.intake.DocumentedEncounter.Sex;
import io.claimflow.ehr.intake.EncounterIntake.Submission;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Exactly one event per source version, corrections chained by causationId, over real PostgreSQL and Kafka. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_ehr")
class EncounterIntakeTest {

    @Autowired
    EncounterIntake intake;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theSameVersionTwicePublishesOnceAndANewVersionIsACorrection() {
        String encounterId = "intake-" + UUID.randomUUID();

        Publication first =
                intake.publish(List.of(submission(encounterId, "1"))).get(0);
        Publication again =
                intake.publish(List.of(submission(encounterId, "1"))).get(0);
        Publication second =
                intake.publish(List.of(submission(encounterId, "2"))).get(0);

        assertThat(first.outcome()).isEqualTo(Publication.Outcome.PUBLISHED);
        assertThat(first.causationId()).isNull();
        assertThat(again.outcome()).isEqualTo(Publication.Outcome.ALREADY_PUBLISHED);
        assertThat(again.eventId()).isEqualTo(first.eventId());
        assertThat(second.outcome()).isEqualTo(Publication.Outcome.CORRECTION);
        assertThat(second.causationId()).isEqualTo(first.eventId());

        List<EncounterDocumented> events = PublishedEvents.awaitExactly(encounterId, 2);
        assertThat(events)
                .extracting(EncounterDocumented::getEventId)
                .containsExactly(first.eventId().toString(), second.eventId().toString());
        assertThat(events.get(1).getCausationId()).isEqualTo(first.eventId().toString());
    }

    @Test
    void anOlderNumberedVersionArrivingLateIsSupersededAndPublishesNothing() {
        String encounterId = "intake-late-" + UUID.randomUUID();

        Publication third =
                intake.publish(List.of(submission(encounterId, "3"))).get(0);
        Publication second =
                intake.publish(List.of(submission(encounterId, "2"))).get(0);
        Publication tenth =
                intake.publish(List.of(submission(encounterId, "10"))).get(0);

        assertThat(second.outcome()).isEqualTo(Publication.Outcome.SUPERSEDED);
        assertThat(second.eventId()).isEqualTo(third.eventId());
        assertThat(tenth.outcome()).isEqualTo(Publication.Outcome.CORRECTION); // numerically, not as text
        assertThat(PublishedEvents.awaitExactly(encounterId, 2))
                .extracting(EncounterDocumented::getEventId)
                .containsExactly(third.eventId().toString(), tenth.eventId().toString());
    }

    @Test
    void concurrentDeliveriesOfOneVersionPublishOnce() throws Exception {
        String encounterId = "intake-race-" + UUID.randomUUID();
        Callable<Publication> deliver =
                () -> intake.publish(List.of(submission(encounterId, "7"))).get(0);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Publication>> futures = pool.invokeAll(List.of(deliver, deliver, deliver, deliver));
            List<Publication> results = new java.util.ArrayList<>();
            for (Future<Publication> f : futures) {
                results.add(f.get());
            }
            assertThat(results)
                    .filteredOn(p -> p.outcome() == Publication.Outcome.PUBLISHED)
                    .hasSize(1);
            assertThat(results)
                    .extracting(Publication::eventId)
                    .containsOnly(results.get(0).eventId());
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM claimflow_platform.outbox WHERE key = ?")
                        .param(encounterId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aFailingSubmissionInABatchPublishesNothingOfIt() {
        String good = "intake-batch-" + UUID.randomUUID();
        DocumentedEncounter broken = encounter(good + "-broken", null); // no place of service: Avro refuses it

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> intake.publish(List.of(
                        submission(good, "1"), new Submission(new Source(Source.FHIR, good + "-broken", "1"), broken))))
                .isInstanceOf(RuntimeException.class);

        assertThat(jdbc.sql("SELECT count(*) FROM published_encounter WHERE encounter_id LIKE ?")
                        .param(good + "%")
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM claimflow_platform.outbox WHERE key LIKE ?")
                        .param(good + "%")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    static Submission submission(String encounterId, String version) {
        return new Submission(new Source(Source.FHIR, encounterId, version), encounter(encounterId, "11"));
    }

    static DocumentedEncounter encounter(String encounterId, String placeOfService) {
        Address address = new Address("1 Main St", null, "Columbus", "OH", "43215", "US");
        return new DocumentedEncounter(
                "test-tenant",
                encounterId,
                new Patient("MRN-1", "Doe", "Jane", null, null, LocalDate.of(1970, 1, 2), Sex.FEMALE, address),
                List.of(),
                new Providers(
                        new Provider(
                                "1234567893",
                                EntityType.ORGANIZATION,
                                "Clinic",
                                null,
                                null,
                                "123456789",
                                DocumentedEncounter.TaxIdType.EIN,
                                address),
                        null,
                        null),
                null,
                placeOfService,
                LocalDate.of(2026, 3, 10),
                EncounterClass.AMBULATORY,
                new Code(CodeSystem.SNOMED_CT, "185349003", "Encounter for check up"),
                PatientStatus.UNKNOWN,
                null,
                null,
                List.of(new Code(CodeSystem.SNOMED_CT, "38341003", "Hypertension")),
                List.of(),
                List.of(),
                null,
                null,
                null,
                null,
                null);
    }
}
