package io.claimflow.coding.rules;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The code sets and edit tables in effect on a date of service. Port: the service reads them from PostgreSQL, tests
 * may give their own.
 */
public interface CodeSets {

    /** The ICD-10-CM code (with its decimal point) in the release in effect on {@code dateOfService}. */
    Optional<IcdCode> icd(String code, LocalDate dateOfService);

    /** Whether the code is in any imported ICD-10-CM release, whatever its dates. */
    boolean icdKnownOnAnyDate(String code);

    /** Billable codes under {@code header} on the date, for a coder to choose from (at most {@code limit}). */
    List<IcdCode> icdBillableUnder(String header, LocalDate dateOfService, int limit);

    /** Billable codes whose description matches the words of {@code text} (all of them), best first. */
    List<IcdCode> icdByDescription(String text, LocalDate dateOfService, int limit);

    Optional<ProcedureCode> procedure(String code, LocalDate dateOfService);

    boolean procedureKnownOnAnyDate(String code);

    List<ProcedureCode> proceduresByDescription(String text, LocalDate dateOfService, int limit);

    boolean modifierValid(String modifier, LocalDate dateOfService);

    /** NCCI PTP edits in effect between any two of {@code codes}. */
    List<NcciPair> ncciPairs(Collection<String> codes, LocalDate dateOfService);

    Optional<MueLimit> mue(String code, LocalDate dateOfService);

    /** Excludes1 notes whose code prefix matches one of {@code icdCodes}. */
    List<Excludes1> excludes1(Collection<String> icdCodes, LocalDate dateOfService);

    /** Sex and age rules matching any of {@code codes} (ICD-10-CM and procedure codes). */
    List<DemographicRule> demographicRules(Collection<String> codes, LocalDate dateOfService);

    /** ICD-10-CM prefixes that support {@code procedureCode}; empty when nothing is known about it. */
    List<String> indications(String procedureCode, LocalDate dateOfService);

    /** Releases in effect on the date, one per code set. */
    List<CodeSetVersion> versionsOn(LocalDate dateOfService);
}
