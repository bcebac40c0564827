package io.claimflow.platform.audit;

import java.util.List;

/**
 * A page of audit records.
 *
 * @param records the records, newest first
 * @param page zero-based page number
 * @param size page size asked for
 * @param total records matching the query
 */
public record AuditPage(List<AuditRecord> records, int page, int size, long total) {}
