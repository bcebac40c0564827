package io.claimflow.adjudication.x12;

import java.util.List;

/**
 * A 999 implementation acknowledgment (005010X231A1) of one functional group: the 999's own envelope (GS02 sender,
 * GS03 receiver), the group acknowledged (AK101 functional id, AK102 control number, AK103 version), the group's
 * status (AK901: A accepted, E accepted with errors, P partially accepted, R rejected) with its group errors
 * (AK905-AK909) and each transaction set's status (IK501).
 */
public record Acknowledgment(
        String senderId,
        String receiverId,
        String functionalIdentifier,
        String groupControlNumber,
        String versionCode,
        String groupStatus,
        List<Error> groupErrors,
        List<TransactionAck> transactions) {

    public Acknowledgment {
        groupErrors = List.copyOf(groupErrors);
        transactions = List.copyOf(transactions);
    }

    public boolean groupRejected() {
        return "R".equals(groupStatus);
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
    public record Error(String code, String description, String location) {}
}
