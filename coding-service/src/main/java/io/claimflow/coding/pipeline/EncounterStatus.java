package io.claimflow.coding.pipeline;

/** CODED: the current version is out; HELD: waiting in the coder queue. */
public enum EncounterStatus {
    CODED,
    HELD
}
