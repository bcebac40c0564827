package io.claimflow.adjudication.claim;

/**
 * Publishes claim outcomes as events, inside the caller's database transaction (transactional outbox): they leave
 * if and only if the state change that caused them commits.
 */
public interface ClaimEvents {

    void denied(Notices.Denial denial);

    void paid(Notices.Payment payment);
}
