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

    /** The claims of the open assignments ({@code assignee}'s, or everyone's when null), longest held first. */
    List<String> openClaims(String assignee, int limit);

    /** Marks done the open assignments of {@code claimIds}: their claims left the list (they were worked). */
    void finish(Collection<String> claimIds, Instant at);

    /** Per person: open assignments, and assignments finished since {@code since}. */
    List<Productivity> productivity(Instant since);
}
