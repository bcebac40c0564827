package io.claimflow.console.deadletter;

import io.claimflow.platform.audit.AuditTrail;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records an operator's decision about a dead letter together with its audit record (one transaction): a replay
 * (after the service took it back), or a discard with the operator's note.
 */
@Service
public class DeadLetterTriage {

    static final String RESOURCE = "dead-letter";

    private final DeadLetterDecisions decisions;
    private final AuditTrail auditTrail;
    private final Clock clock = Clock.systemUTC();

    public DeadLetterTriage(DeadLetterDecisions decisions, AuditTrail auditTrail) {
        this.decisions = decisions;
        this.auditTrail = auditTrail;
    }

    @Transactional
    public void replayed(String letter, String service, String user) {
        decisions.record(new DeadLetterDecision(
                letter, service, DeadLetterDecision.Decision.REPLAYED, null, user, clock.instant()));
        auditTrail.changed("dead-letter.replayed", RESOURCE, letter);
    }

    /**
     * @throws IllegalArgumentException when the note is blank or longer than 2000 characters
     */
    @Transactional
    public void discarded(String letter, String service, String note, String user) {
        if (note == null || note.isBlank() || note.length() > 2000) {
            throw new IllegalArgumentException("A discard needs a note of 1 to 2000 characters saying why");
        }
        decisions.record(new DeadLetterDecision(
                letter, service, DeadLetterDecision.Decision.DISCARDED, note.strip(), user, clock.instant()));
        auditTrail.changed("dead-letter.discarded", RESOURCE, letter);
    }
}
