package io.claimflow.adjudication.x12;

import java.time.LocalDateTime;

/**
 * The envelope of one outbound interchange: who sends it to whom, its control numbers (ISA13, GS06) and when it was
 * made. Sender and receiver ids are ISA06 / ISA08 with qualifier ZZ (mutually defined) and GS02 / GS03.
 */
public record InterchangeEnvelope(
        String senderId,
        String receiverId,
        long interchangeControlNumber,
        long groupControlNumber,
        LocalDateTime createdAt,
        boolean production,
        String submitterName,
        String submitterContactName,
        String submitterContactPhone,
        String receiverName) {

    public InterchangeEnvelope {
        if (senderId == null || senderId.isBlank() || senderId.length() > 15) {
            throw new IllegalArgumentException("sender id must have 1 to 15 characters");
        }
        if (receiverId == null || receiverId.isBlank() || receiverId.length() > 15) {
            throw new IllegalArgumentException("receiver id must have 1 to 15 characters");
        }
        if (interchangeControlNumber < 1 || interchangeControlNumber > 999_999_999L) {
            throw new IllegalArgumentException("interchange control number out of range: " + interchangeControlNumber);
        }
        if (groupControlNumber < 1 || groupControlNumber > 999_999_999L) {
            throw new IllegalArgumentException("group control number out of range: " + groupControlNumber);
        }
    }

    /** ISA13: nine digits. */
    public String isaControlNumber() {
        return String.format("%09d", interchangeControlNumber);
    }
}
