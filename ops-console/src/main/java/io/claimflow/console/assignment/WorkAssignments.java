package io.claimflow.console.assignment;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Who works which claim of a work list (port). */
public interface WorkAssignments {

    /** Someone's productivity: claims they hold now and claims they finished since a day. */
    record Productivity(String assignee, long open, long done) {}

    /** Assigns the claim to {@code assignee} (taking it from whoever had it). */
    void assign(String claimId, String assignee, String assignedBy, Instant at);

    /** The open assignee of each of {@code claimIds} that has one. */
    Map<String, String> assignees(Collection<String> claimIds);

    /** Marks done the open assignments of claims no longer on the list ({@code stillOpen} are the ones on it). */
    void finishAllBut(Collection<String> stillOpen, Instant at);

    /** Per person: open assignments, and assignments finished since {@code since}. */
    List<Productivity> productivity(Instant since);
}
