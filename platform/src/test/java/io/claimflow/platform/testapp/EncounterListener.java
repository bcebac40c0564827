package io.claimflow.platform.testapp;

import io.claimflow.events.EncounterDocumented;
import io.claimflow.schemas.Topics;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * A listener as a service writes one: consumes {@code EncounterDocumented}, logs the encounter id, stores the
 * primary member id in a table with a unique key (so a second encounter with the same member fails with PostgreSQL's
 * duplicate-key error, whose message quotes the member id).
 */
@Component
public class EncounterListener {

    private static final Logger LOG = LoggerFactory.getLogger(EncounterListener.class);

    private final JdbcTemplate jdbc;
    private final Map<String, CompletableFuture<String>> processed = new ConcurrentHashMap<>();

    EncounterListener(DataSource dataSource) {
        // table platform_test.member: test resources' db/migration (DDL is the owner role's)
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @KafkaListener(id = "platform-test-encounters", topics = Topics.ENCOUNTER_DOCUMENTED)
    void on(EncounterDocumented event) {
        LOG.info("Encounter {} documented", event.getEncounterId());
        String memberId = event.getCoverages().get(0).getSubscriber().getMemberId();
        jdbc.update(
                "INSERT INTO platform_test.member (member_id, encounter_id) VALUES (?, ?)",
                memberId,
                event.getEncounterId());
        processedFuture(event.getEncounterId()).complete(event.getEncounterId());
    }

    /** Completes when the encounter has been stored. */
    public CompletableFuture<String> processedFuture(String encounterId) {
        return processed.computeIfAbsent(encounterId, id -> new CompletableFuture<>());
    }
}
