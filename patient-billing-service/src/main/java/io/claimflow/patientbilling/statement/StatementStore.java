package io.claimflow.patientbilling.statement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where statement runs and statements are kept, and what a statement reads of the account's claims. */
public interface StatementStore {

    /** The date of the account's last statement, if it had one. */
    Optional<LocalDate> lastStatementDate(long accountId);

    /** The balance of the account's last statement (zero without one). */
    BigDecimal lastStatementBalance(long accountId);

    /** Records a run; returns its id. */
    long saveRun(String tenantId, LocalDate asOf, int issued, int skipped);

    /** Stores a statement of a run with its lines in order; returns its id. */
    long save(long runId, String tenantId, Statement statement);

    Optional<StoredStatement> find(long id);

    /** Statement ids of an account, or of a run, newest first (at most 500). */
    List<Long> ids(Long accountId, Long runId);

    /** The billing provider of the account's latest claim, if it has any. */
    Optional<String> latestBillingProvider(long accountId);

    /** The procedure codes each claim billed, in line order; a claim without any is missing or lists none. */
    Map<String, List<String>> procedureCodes(String tenantId, List<String> claimIds);

    /** The claims among these that are self-pay visits billed to the patient. */
    java.util.Set<String> selfPayClaims(String tenantId, List<String> claimIds);
}
