package io.claimflow.claim.workitem;

import io.claimflow.claim.model.ClaimStatus;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Every open balance has a work item": for each claim state in which money can still be open, the work list a biller
 * finds the claim on. Most states put a work item on a {@link WorkQueue} when the claim enters them; held claims are
 * on the held list and claims waiting for the payer on the follow-up list, both computed from the claims themselves.
 * A state missing here with {@link ClaimStatus#canHaveOpenBalance()} fails {@code OpenBalanceWorkTest}.
 */
public final class OpenBalanceWork {

    /** A work list: a queue of work items, or one of the lists computed from the claims. */
    public record WorkList(WorkQueue queue, String computedList) {

        static WorkList of(WorkQueue queue) {
            return new WorkList(queue, null);
        }

        static WorkList computed(String name) {
            return new WorkList(null, name);
        }

        /** Whether a claim on it needs an open row in {@code work_item}. */
        public boolean needsWorkItem() {
            return queue != null;
        }
    }

    private static final Map<ClaimStatus, List<WorkList>> WORK = new EnumMap<>(ClaimStatus.class);

    static {
        // built and scrubbed in one transaction: a claim is never stored as CREATED, held claims are listed
        WORK.put(ClaimStatus.CREATED, List.of(WorkList.computed("held")));
        WORK.put(ClaimStatus.HELD, List.of(WorkList.computed("held")));
        WORK.put(ClaimStatus.SUBMITTED, List.of(WorkList.computed("follow-up")));
        WORK.put(ClaimStatus.ACKNOWLEDGED, List.of(WorkList.computed("follow-up")));
        WORK.put(ClaimStatus.APPEALED, List.of(WorkList.computed("follow-up")));
        // paid and forwarded by its payer (crossover): the next payer's remittance is chased like a payer's answer
        WORK.put(ClaimStatus.CROSSED_OVER, List.of(WorkList.computed("follow-up")));
        WORK.put(ClaimStatus.REJECTED, List.of(WorkList.of(WorkQueue.REJECTION)));
        WORK.put(ClaimStatus.DENIED, List.of(WorkList.of(WorkQueue.DENIAL), WorkList.of(WorkQueue.APPEAL)));
        WORK.put(ClaimStatus.PARTIALLY_PAID, List.of(WorkList.of(WorkQueue.DENIAL), WorkList.of(WorkQueue.APPEAL)));
        WORK.put(ClaimStatus.RECODE_REQUESTED, List.of(WorkList.of(WorkQueue.RECODE)));
        WORK.put(ClaimStatus.REVERSED, List.of(WorkList.of(WorkQueue.REVERSAL)));
        WORK.put(ClaimStatus.CREDIT_BALANCE, List.of(WorkList.of(WorkQueue.CREDIT_BALANCE)));
        WORK.put(ClaimStatus.FORWARDED, List.of(WorkList.of(WorkQueue.NOT_PAID)));
        WORK.put(ClaimStatus.PREDETERMINED, List.of(WorkList.of(WorkQueue.NOT_PAID)));
        WORK.put(ClaimStatus.APPEAL_LOST, List.of(WorkList.of(WorkQueue.LOST_APPEAL)));
    }

    private OpenBalanceWork() {}

    /** The work lists a claim in this state with money open is on; empty when no money can be open in it. */
    public static List<WorkList> of(ClaimStatus status) {
        return status.canHaveOpenBalance() ? WORK.getOrDefault(status, List.of()) : List.of();
    }

    /** The states whose open balance is worked from an open work item (what the unworked-balance check looks at). */
    public static List<ClaimStatus> statesNeedingWorkItems() {
        return Arrays.stream(ClaimStatus.values())
                .filter(s -> of(s).stream().anyMatch(WorkList::needsWorkItem))
                .toList();
    }

    /**
     * Whether a replaced or voided claim still holds money the payer paid on it: its replacement carries the visit,
     * so that money is the payer's to take back (or to be refunded), worked on the REVERSAL list.
     */
    public static boolean holdsPayerMoney(io.claimflow.claim.model.Claim claim) {
        return claim.status().isSuperseded() && claim.paidAmount().signum() != 0;
    }

    /**
     * Keeps the REVERSAL work item of a superseded claim in step with the payer money it holds: one open item while
     * it holds some, resolved once the payer's reversal took it back.
     */
    public static void trackPayerMoney(
            io.claimflow.claim.model.Claim claim, WorkItems workItems, String causeEventId, java.time.Instant at) {
        if (!claim.status().isSuperseded()) {
            return;
        }
        if (holdsPayerMoney(claim)) {
            if (workItems.openForClaim(claim.claimId()).isEmpty()) {
                workItems.add(
                        claim.claimId(),
                        WorkQueue.REVERSAL,
                        "HELD_FOR_PAYER",
                        "claim " + claim.status().name().toLowerCase() + " while holding "
                                + claim.paidAmount().toPlainString()
                                + " paid by the payer: awaiting the payer's reversal, or refund it",
                        causeEventId,
                        at);
            }
        } else {
            workItems.resolveOpen(claim.claimId(), "payer-reversal", at);
        }
    }

    /** The queue of a state that is worked from one queue only. */
    public static Optional<WorkQueue> queueOf(ClaimStatus status) {
        List<WorkList> lists = of(status);
        return lists.size() == 1 ? Optional.ofNullable(lists.get(0).queue()) : Optional.empty();
    }
}
