package io.claimflow.adjudication.submission;

import java.time.Instant;

/** An interchange sent or received, without its content. */
public record InterchangeRecord(
        long id,
        String direction,
        String transactionType,
        String payerId,
        String senderId,
        String receiverId,
        Long interchangeControlNumber,
        Long groupControlNumber,
        String status,
        String source,
        int claimCount,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        Instant createdAt,
        Instant sentAt,
        String ta1Status,
        String ta1NoteCode) {}
