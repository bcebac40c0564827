package io.claimflow.adjudication.x12;

import java.util.List;

/**
 * A 999 implementation acknowledgment (005010X231A1) of one functional group: the group's status (AK901: A
 * accepted, E accepted with errors, P partially accepted, R rejected) and each transaction set's (IK501).
 */
public record Acknowledgment(String groupControlNumber, String groupStatus, List<TransactionAck> transactions) {

    public Acknowledgment {
        transactions = List.copyOf(transactions);
    }

    /** One AK2 loop: the transaction set control number acknowledged and its status and errors. */
    public record TransactionAck(String transactionControlNumber, String status, List<Error> errors) {

        public TransactionAck {
            errors = List.copyOf(errors);
        }

        public boolean rejected() {
            return "R".equals(status) || "M".equals(status) || "W".equals(status) || "X".equals(status);
        }
    }

    /** A segment (IK3) or element (IK4) error: its code, a description and where it is; never the bad value. */
    public record Error(String code, String description, String location) {
    }
}
