package io.claimflow.patientbilling.statement;

/** A statement as issued and stored, with its run (none for a statement issued outside a run) and tenant. */
public record StoredStatement(long id, Long runId, String tenantId, Statement statement) {}
