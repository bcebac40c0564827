package io.claimflow.claim.denial;

/** Sends recode requests to coding, inside the caller's transaction (port; the outbox adapter implements it). */
public interface RecodeRequests {

    void publish(RecodeRequest request);
}
