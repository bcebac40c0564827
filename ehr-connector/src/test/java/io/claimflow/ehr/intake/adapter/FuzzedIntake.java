package io.claimflow.ehr.intake.adapter;

import static org.mockito.Mockito.mock;

import io.claimflow.ehr.config.EhrProperties;
import io.claimflow.ehr.intake.EncounterIntake;
import io.claimflow.ehr.intake.PublishedEncounters;
import io.claimflow.ehr.intake.Source;
import io.claimflow.platform.audit.AuditTrail;
import io.claimflow.platform.outbox.OutboxWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The real intake (the door's checks and the Avro event built for the outbox) over an in-memory record of what was
 * published and an outbox that keeps nothing, for fuzzing the doors without a database or a broker.
 */
public final class FuzzedIntake {

    private FuzzedIntake() {}

    public static EhrProperties properties() {
        return new EhrProperties(
                "riverside-fm",
                new EhrProperties.Mllp(
                        true,
                        0,
                        "127.0.0.1",
                        StandardCharsets.UTF_8,
                        4,
                        4,
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(5),
                        1_048_576),
                new EhrProperties.Hl7(new EhrProperties.BillingProvider(
                        "1847362914",
                        "Riverside Family Medicine LLC",
                        "311234567",
                        "207Q00000X",
                        "2200 Riverside Dr",
                        "Suite 110",
                        "Columbus",
                        "OH",
                        "432211234")),
                524_288,
                4_194_304,
                new EhrProperties.Fhir(365, null),
                null,
                null);
    }

    public static EncounterIntake intake() {
        PublishedEncounters published = new PublishedEncounters() {
            @Override
            public void lock(String tenantId, String encounterId) {}

            @Override
            public Optional<Row> find(String tenantId, Source source) {
                return Optional.empty();
            }

            @Override
            public Optional<Row> latest(String tenantId, String encounterId) {
                return Optional.empty();
            }

            @Override
            public boolean insertIfAbsent(Row row) {
                return true;
            }
        };
        return new EncounterIntake(
                published,
                new OutboxEncounterEvents(mock(OutboxWriter.class), properties(), Optional.empty()),
                Optional.empty());
    }

    public static AuditTrail audit() {
        return new AuditTrail() {
            @Override
            public void read(String resourceType, String resourceId) {}

            @Override
            public void changed(String action, String resourceType, String resourceId) {}
        };
    }
}
