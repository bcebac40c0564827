package io.claimflow.console.web.adapter;

/** The {@code @PreAuthorize} rules of the console's pages, in one place so the pages and the tests agree. */
final class ConsoleRoles {

    static final String ANY_USER = "hasAnyRole('CODER', 'BILLER', 'PATIENT_ACCOUNTS', 'ADMIN', 'AUDITOR')";
    /** Encounter and claim timelines: everyone who works on claims or answers patients, and the auditor. */
    static final String TIMELINE = "hasAnyRole('CODER', 'BILLER', 'PATIENT_ACCOUNTS', 'AUDITOR')";

    static final String KPIS = "hasAnyRole('BILLER', 'ADMIN', 'AUDITOR')";
    static final String PIPELINE = "hasAnyRole('BILLER', 'ADMIN')";
    static final String CODER = "hasRole('CODER')";
    static final String BILLER = "hasRole('BILLER')";
    static final String ADMIN = "hasRole('ADMIN')";
    static final String PATIENT_ACCOUNTS = "hasRole('PATIENT_ACCOUNTS')";
    /** A claim's X12 files, from adjudication-gateway (which shows a file's content to administrators only). */
    static final String X12 = "hasAnyRole('BILLER', 'ADMIN')";

    private ConsoleRoles() {}
}
