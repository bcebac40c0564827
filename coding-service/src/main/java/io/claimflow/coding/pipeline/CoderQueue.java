package io.claimflow.coding.pipeline;

/** Port: the coder work queue, as the pipeline feeds it. Calls run inside the caller's transaction. */
public interface CoderQueue {

    /** Opens an item for the encounter, or replaces the open one (new reasons, suggestion and cause). */
    void hold(HeldEncounter held);

    /** Closes an open item of the encounter that a newer automatic coding made moot; returns whether one was. */
    boolean supersede(String encounterId, int codingVersion);
}
