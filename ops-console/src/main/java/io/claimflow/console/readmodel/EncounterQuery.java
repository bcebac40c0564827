package io.claimflow.console.readmodel;

import java.time.LocalDate;

/**
 * Criteria of an encounter list; null criteria do not restrict. {@code term} is the start of an encounter id, claim
 * id or patient control number; {@code sort} one of {@code documentedAt}, {@code dateOfService}, {@code -} first for
 * descending (default: newest documented first). Pages are 0-based.
 */
public record EncounterQuery(
        String term,
        String state,
        String tenantId,
        LocalDate dosFrom,
        LocalDate dosTo,
        String sort,
        int page,
        int size) {

    public static final java.util.List<String> SORTS =
            java.util.List.of("documentedAt", "-documentedAt", "dateOfService", "-dateOfService");
}
