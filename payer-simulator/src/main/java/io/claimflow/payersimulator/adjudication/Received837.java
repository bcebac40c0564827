package io.claimflow.payersimulator.adjudication;

import java.time.LocalDate;
import java.util.List;

/**
 * A received 837P interchange: its envelope, the claims of each transaction set that passed the simulator's
 * implementation checks, and the transaction sets that did not (with the IK3 error to report in the 999); ISA09,
 * ISA10 and whether ISA14 asks for a TA1.
 */
public record Received837(
        String senderId,
        String receiverId,
        String interchangeControlNumber,
        String groupControlNumber,
        LocalDate receivedOn,
        List<SubmittedClaim> claims,
        List<TransactionError> rejectedTransactions,
        int transactionCount,
        String interchangeDate,
        String interchangeTime,
        boolean acknowledgmentRequested) {

    public Received837 {
        claims = List.copyOf(claims);
        rejectedTransactions = List.copyOf(rejectedTransactions);
    }

    /**
     * A transaction set rejected in the 999: IK3 segment id, position in the transaction set, loop and syntax error
     * code (3 = required segment missing).
     */
    public record TransactionError(
            String transactionControlNumber, String segmentId, int position, String loop, String errorCode) {}
}
