package io.claimflow.platform.security;

/**
 * The roles of ClaimFlow's REST API. Controllers name them in {@code @PreAuthorize("hasRole('BILLER')")}; every
 * handler method declares who may call it (a test per service checks that none is left without a rule).
 */
public final class Roles {

    /** Codes encounters: works the coder queue, finalizes coding. */
    public static final String CODER = "CODER";
    /** Works claims: releases, corrects, appeals, writes off. */
    public static final String BILLER = "BILLER";
    /** Works patient accounts: ledger, statements, patient payments and plans. */
    public static final String PATIENT_ACCOUNTS = "PATIENT_ACCOUNTS";
    /** Runs the system: dead letters, code-set imports, actuator endpoints other than health. */
    public static final String ADMIN = "ADMIN";
    /** Reads the audit trail. */
    public static final String AUDITOR = "AUDITOR";

    private Roles() {}
}
