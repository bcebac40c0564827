package io.claimflow.coding.codeset.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.coding.rules.CodeSetVersion;
import io.claimflow.coding.rules.CodeSets;
import io.claimflow.coding.rules.DemographicRule;
import io.claimflow.coding.rules.Excludes1;
import io.claimflow.coding.rules.IcdCode;
import io.claimflow.coding.rules.MueLimit;
import io.claimflow.coding.rules.NcciPair;
import io.claimflow.coding.rules.Sex;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.StatementCounter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Code sets are kept per code with their validity dates, not per code and date of service (issue 22: every new date
 * of service read every code again): a code known to the cache costs no statement on any date, and the answer on
 * each date is still exactly the one PostgreSQL gives (the queries this adapter ran per date before are the oracle
 * here). Releases of 2010-2012 of codes no other test uses: a code valid until a date, a later release of it, a
 * terminated HCPCS row, overlapping NCCI edits and MUEs, edit tables and indications of a release with dates.
 */
@SpringBootTest(
        properties = {"spring.kafka.listener.auto-startup=false", "claimflow.coding.code-set-check-interval=1h"})
@ClaimFlowInfrastructure(database = "claimflow_coding")
@Import(StatementCounter.class)
class CodeSetsOnAnyDateTest {

    static final String ICD = "U99.1";
    static final String ICD_OTHER = "U99.2";
    static final String PROCEDURE = "U9991";
    static final String PROCEDURE_OTHER = "U9992";

    static final List<LocalDate> DATES = List.of(
            LocalDate.of(2010, 9, 30),
            LocalDate.of(2010, 10, 1),
            LocalDate.of(2011, 1, 1),
            LocalDate.of(2011, 3, 31),
            LocalDate.of(2011, 4, 1),
            LocalDate.of(2011, 6, 30),
            LocalDate.of(2011, 7, 1),
            LocalDate.of(2011, 9, 30),
            LocalDate.of(2011, 10, 1),
            LocalDate.of(2012, 3, 31),
            LocalDate.of(2012, 4, 1),
            LocalDate.of(2012, 9, 30),
            LocalDate.of(2012, 10, 1),
            LocalDate.of(2026, 3, 10));

    @Autowired
    CodeSets codeSets;

    @Autowired
    CodeSetCache cache;

    @Autowired
    StatementCounter counter;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void releases() {
        if (jdbc.sql("SELECT count(*) FROM icd10cm_code WHERE code = :code")
                        .param("code", ICD)
                        .query(Long.class)
                        .single()
                == 0) {
            String run = UUID.randomUUID().toString().substring(0, 8);
            // ICD-10-CM FY2011; FY2012 ends the code early (valid to 2012-03-31) and describes it anew
            long fy2011 = release("ICD-10-CM", "it-2011-" + run, "2010-10-01", "2011-09-30");
            long fy2012 = release("ICD-10-CM", "it-2012-" + run, "2011-10-01", "2012-09-30");
            icd(fy2011, ICD, "Old description", "2010-10-01", "2011-09-30");
            icd(fy2011, ICD_OTHER, "Other", "2010-10-01", "2011-09-30");
            icd(fy2012, ICD, "New description", "2011-10-01", "2012-03-31");
            // HCPCS 2011, one code terminated on 2011-06-30
            long hcpcs = release("HCPCS", "it-2011-" + run, "2011-01-01", "2011-12-31");
            procedure(hcpcs, PROCEDURE, "2011-01-01", "2011-06-30");
            procedure(hcpcs, PROCEDURE_OTHER, "2011-01-01", "2011-12-31");
            jdbc.sql("INSERT INTO modifier (release_id, code, description, valid_from, valid_to) "
                            + "VALUES (:r, 'U9', 'test modifier', DATE '2011-01-01', DATE '2011-03-31')")
                    .param("r", hcpcs)
                    .update();
            // MUE: 2 units in Q1, 3 from Q2 on (a later release starting inside the first's dates)
            long mueQ1 = release("NCCI-MUE", "it-2011Q1-" + run, "2011-01-01", "2011-12-31");
            long mueQ2 = release("NCCI-MUE", "it-2011Q2-" + run, "2011-04-01", "2011-12-31");
            mue(mueQ1, 2, "2011-01-01", "2011-12-31");
            mue(mueQ2, 3, "2011-04-01", "2011-12-31");
            // NCCI PTP: bypassable in the first half, then not; the reverse pair only from Q3
            long ptp = release("NCCI-PTP", "it-2011-" + run, "2011-01-01", "2011-12-31");
            ptp(ptp, PROCEDURE, PROCEDURE_OTHER, "2011-01-01", "2011-06-30", '1');
            ptp(ptp, PROCEDURE, PROCEDURE_OTHER, "2011-04-01", null, '0');
            ptp(ptp, PROCEDURE_OTHER, PROCEDURE, "2011-07-01", "2011-12-31", '9');
            // edit tables and indications of a release with dates
            long edits = release("ICD-10-CM-EDITS", "it-2011-" + run, "2011-01-01", "2011-12-31");
            jdbc.sql("INSERT INTO icd10cm_excludes1 (release_id, code_prefix, excluded_prefix, note) "
                            + "VALUES (:r, 'U99', 'U98', 'not with U98'), (:r, 'U99.1', 'U99.2', 'not with U99.2')")
                    .param("r", edits)
                    .update();
            jdbc.sql("INSERT INTO demographic_edit (release_id, code_prefix, sex, min_age, max_age, note) "
                            + "VALUES (:r, 'U99', 'F', NULL, NULL, 'female only'), "
                            + "(:r, 'U999', NULL, 18, 64, 'adults under 65')")
                    .param("r", edits)
                    .update();
            long indications = release("INDICATIONS", "it-2011-" + run, "2011-04-01", "2011-12-31");
            jdbc.sql("INSERT INTO procedure_indication (release_id, procedure_code, icd_prefix) "
                            + "VALUES (:r, :code, 'U99'), (:r, :code, 'U98.1')")
                    .param("r", indications)
                    .param("code", PROCEDURE)
                    .update();
        }
        cache.clear(); // what the import's commit does
    }

    @Test
    void aCodeValidUntilADateIsRefusedAfterItWithTheCacheWarm() {
        assertThat(codeSets.icd(ICD, LocalDate.of(2011, 1, 15)))
                .map(IcdCode::shortDescription)
                .contains("Old description");

        StatementCounter.Counted<List<Optional<IcdCode>>> warm = counter.count(() -> List.of(
                codeSets.icd(ICD, LocalDate.of(2012, 3, 31)),
                codeSets.icd(ICD, LocalDate.of(2012, 4, 1)),
                codeSets.icd(ICD, LocalDate.of(2010, 9, 30)),
                codeSets.icd(ICD, LocalDate.of(2011, 10, 1))));

        assertThat(warm.result().get(0)).map(IcdCode::shortDescription).contains("New description");
        assertThat(warm.result().get(1)).as("after its last valid date").isEmpty();
        assertThat(warm.result().get(2)).as("before its first").isEmpty();
        assertThat(warm.result().get(3))
                .as("the later release from its start")
                .map(IcdCode::shortDescription)
                .contains("New description");
        assertThat(codeSets.icdKnownOnAnyDate(ICD)).isTrue();
        assertThat(warm.counts().statements())
                .as("a code read once is decided on any date without PostgreSQL")
                .isZero();
    }

    @Test
    void everyLookupGivesOnEveryDateWhatTheQueryOnThatDateGives() {
        List<String> procedures = List.of(PROCEDURE, PROCEDURE_OTHER, "99214", "83036");
        List<String> diagnoses = List.of(ICD, ICD_OTHER, "E11.9", "I10");
        for (LocalDate dos : DATES) {
            sameAsTheQuery("ICD-10-CM", diagnoses, dos, codeSets::icd, this::oracleIcd);
            sameAsTheQuery(
                    "procedure",
                    procedures,
                    dos,
                    (code, on) -> codeSets.procedure(code, on).map(p -> p.code() + " " + p.system()),
                    this::oracleProcedure);
            sameAsTheQuery("MUE", procedures, dos, codeSets::mue, this::oracleMue);
            sameAsTheQuery("indications", procedures, dos, codeSets::indications, this::oracleIndications);
            assertThat(codeSets.modifierValid("U9", dos)).as("U9 on " + dos).isEqualTo(oracleModifier("U9", dos));
            assertThat(codeSets.ncciPairs(procedures, dos)).as("NCCI on " + dos).isEqualTo(oracleNcci(procedures, dos));
            assertThat(codeSets.excludes1(diagnoses, dos))
                    .as("Excludes1 on " + dos)
                    .containsExactlyInAnyOrderElementsOf(oracleExcludes1(diagnoses, dos));
            List<String> all = new ArrayList<>(diagnoses);
            all.addAll(procedures);
            assertThat(codeSets.demographicRules(all, dos))
                    .as("demographic rules on " + dos)
                    .containsExactlyInAnyOrderElementsOf(oracleDemographic(all, dos));
            assertThat(codeSets.versionsOn(dos)).as("releases on " + dos).isEqualTo(oracleVersions(dos));
        }
        assertThat(codeSets.ncciPairs(List.of(PROCEDURE, PROCEDURE_OTHER), LocalDate.of(2011, 5, 1)))
                .as("of two edits in effect, the one that started last")
                .containsExactly(new NcciPair(PROCEDURE, PROCEDURE_OTHER, '0'));
        assertThat(codeSets.mue(PROCEDURE, LocalDate.of(2011, 5, 1)))
                .map(MueLimit::maxUnits)
                .contains(3);
        assertThat(codeSets.demographicRules(List.of("U99.9"), LocalDate.of(2011, 5, 1)))
                .extracting(DemographicRule::sex)
                .contains(Sex.FEMALE);

        StatementCounter.Counts again = counter.count(() -> {
            for (LocalDate dos : DATES) {
                diagnoses.forEach(code -> codeSets.icd(code, dos));
                procedures.forEach(code -> {
                    codeSets.procedure(code, dos);
                    codeSets.mue(code, dos);
                    codeSets.indications(code, dos);
                });
                codeSets.ncciPairs(procedures, dos);
                codeSets.excludes1(diagnoses, dos);
                codeSets.demographicRules(diagnoses, dos);
                codeSets.versionsOn(dos.plusDays(1));
            }
        });
        assertThat(again.statements())
                .as("every code known: no statement on any date")
                .isZero();
    }

    // one lookup of every code on one date against its query
    private static <T> void sameAsTheQuery(
            String lookup,
            List<String> codes,
            LocalDate dos,
            BiFunction<String, LocalDate, T> codeSet,
            BiFunction<String, LocalDate, T> query) {
        for (String code : codes) {
            assertThat(codeSet.apply(code, dos))
                    .as(lookup + " " + code + " on " + dos)
                    .isEqualTo(query.apply(code, dos));
        }
    }

    // the queries JdbcCodeSets ran per code and date of service before the rows were kept with their dates

    private static final String VALID_ON = " valid_from <= :dos AND (valid_to IS NULL OR valid_to >= :dos) ";
    private static final String RELEASE_ON =
            " r.effective_from <= :dos AND (r.effective_to IS NULL OR r.effective_to >= :dos) ";

    private Optional<IcdCode> oracleIcd(String code, LocalDate dos) {
        return jdbc.sql("SELECT code, billable, short_description, long_description FROM icd10cm_code "
                        + "WHERE code = :code AND" + VALID_ON + "ORDER BY valid_from DESC LIMIT 1")
                .param("code", code)
                .param("dos", dos)
                .query((rs, n) -> new IcdCode(rs.getString(1), rs.getBoolean(2), rs.getString(3), rs.getString(4)))
                .optional();
    }

    private Optional<String> oracleProcedure(String code, LocalDate dos) {
        return jdbc.sql("SELECT code || ' ' || code_system FROM procedure_code WHERE code = :code AND" + VALID_ON
                        + "ORDER BY valid_from DESC LIMIT 1")
                .param("code", code)
                .param("dos", dos)
                .query(String.class)
                .optional();
    }

    private boolean oracleModifier(String modifier, LocalDate dos) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM modifier WHERE code = :code AND" + VALID_ON + ")")
                .param("code", modifier)
                .param("dos", dos)
                .query(Boolean.class)
                .single();
    }

    private Optional<MueLimit> oracleMue(String code, LocalDate dos) {
        return jdbc.sql("SELECT code, max_units, adjudication_indicator FROM mue WHERE code = :code AND" + VALID_ON
                        + "ORDER BY valid_from DESC LIMIT 1")
                .param("code", code)
                .param("dos", dos)
                .query((rs, n) -> new MueLimit(
                        rs.getString(1), rs.getInt(2), rs.getString(3).charAt(0)))
                .optional();
    }

    private List<NcciPair> oracleNcci(List<String> codes, LocalDate dos) {
        return jdbc.sql("SELECT DISTINCT ON (column1, column2) column1, column2, modifier_indicator FROM ncci_ptp "
                        + "WHERE column1 IN (:codes) AND column2 IN (:codes) AND column1 <> column2 "
                        + "AND effective_from <= :dos AND (effective_to IS NULL OR effective_to >= :dos) "
                        + "ORDER BY column1, column2, effective_from DESC")
                .param("codes", codes)
                .param("dos", dos)
                .query((rs, n) -> new NcciPair(
                        rs.getString(1), rs.getString(2), rs.getString(3).charAt(0)))
                .list();
    }

    private List<Excludes1> oracleExcludes1(List<String> codes, LocalDate dos) {
        return jdbc.sql("SELECT DISTINCT e.code_prefix, e.excluded_prefix, e.note FROM icd10cm_excludes1 e "
                        + "JOIN code_set_release r ON r.id = e.release_id WHERE" + RELEASE_ON
                        + "AND e.code_prefix IN (:prefixes)")
                .param("dos", dos)
                .param("prefixes", prefixes(codes))
                .query((rs, n) -> new Excludes1(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    private List<DemographicRule> oracleDemographic(List<String> codes, LocalDate dos) {
        return jdbc.sql("SELECT DISTINCT d.code_prefix, d.sex, d.min_age, d.max_age, d.note FROM demographic_edit d "
                        + "JOIN code_set_release r ON r.id = d.release_id WHERE" + RELEASE_ON
                        + "AND d.code_prefix IN (:prefixes)")
                .param("dos", dos)
                .param("prefixes", prefixes(codes))
                .query((rs, n) -> new DemographicRule(
                        rs.getString(1),
                        rs.getString(2) == null ? null : "F".equals(rs.getString(2)) ? Sex.FEMALE : Sex.MALE,
                        (Integer) rs.getObject(3),
                        (Integer) rs.getObject(4),
                        rs.getString(5)))
                .list();
    }

    private List<String> oracleIndications(String code, LocalDate dos) {
        return jdbc.sql("SELECT DISTINCT i.icd_prefix FROM procedure_indication i JOIN code_set_release r "
                        + "ON r.id = i.release_id WHERE" + RELEASE_ON + "AND i.procedure_code = :code "
                        + "ORDER BY i.icd_prefix")
                .param("dos", dos)
                .param("code", code)
                .query(String.class)
                .list();
    }

    private List<CodeSetVersion> oracleVersions(LocalDate dos) {
        return jdbc
                .sql("SELECT DISTINCT ON (r.code_set) r.code_set, r.version FROM code_set_release r WHERE" + RELEASE_ON
                        + "ORDER BY r.code_set, r.effective_from DESC")
                .param("dos", dos)
                .query((rs, n) -> new CodeSetVersion(rs.getString(1), rs.getString(2)))
                .list()
                .stream()
                .filter(v -> List.of("ICD-10-CM", "CPT", "HCPCS", "NCCI-PTP", "NCCI-MUE")
                        .contains(v.codeSet()))
                .sorted(Comparator.comparing(CodeSetVersion::codeSet))
                .toList();
    }

    private static List<String> prefixes(List<String> codes) {
        List<String> prefixes = new ArrayList<>();
        for (String code : codes) {
            for (int i = 1; i <= code.length(); i++) {
                String prefix = code.substring(0, i);
                if (!prefix.endsWith(".") && !prefixes.contains(prefix)) {
                    prefixes.add(prefix);
                }
            }
        }
        return prefixes;
    }

    private long release(String codeSet, String version, String from, String to) {
        return jdbc.sql("INSERT INTO code_set_release (code_set, version, effective_from, effective_to, source) "
                        + "VALUES (:set, :version, CAST(:from AS date), CAST(:to AS date), 'test') RETURNING id")
                .param("set", codeSet)
                .param("version", version)
                .param("from", from)
                .param("to", to)
                .query(Long.class)
                .single();
    }

    private void icd(long release, String code, String description, String from, String to) {
        jdbc.sql("INSERT INTO icd10cm_code (release_id, code, billable, short_description, long_description, "
                        + "valid_from, valid_to) VALUES (:r, :code, true, :d, :d, CAST(:from AS date), "
                        + "CAST(:to AS date))")
                .param("r", release)
                .param("code", code)
                .param("d", description)
                .param("from", from)
                .param("to", to)
                .update();
    }

    private void procedure(long release, String code, String from, String to) {
        jdbc.sql("INSERT INTO procedure_code (release_id, code, code_system, short_description, long_description, "
                        + "valid_from, valid_to) VALUES (:r, :code, 'HCPCS', 'test', 'test procedure', "
                        + "CAST(:from AS date), CAST(:to AS date))")
                .param("r", release)
                .param("code", code)
                .param("from", from)
                .param("to", to)
                .update();
    }

    private void mue(long release, int units, String from, String to) {
        jdbc.sql("INSERT INTO mue (release_id, code, max_units, adjudication_indicator, valid_from, valid_to) "
                        + "VALUES (:r, :code, :units, '2', CAST(:from AS date), CAST(:to AS date))")
                .param("r", release)
                .param("code", PROCEDURE)
                .param("units", units)
                .param("from", from)
                .param("to", to)
                .update();
    }

    private void ptp(long release, String column1, String column2, String from, String to, char indicator) {
        jdbc.sql("INSERT INTO ncci_ptp (release_id, column1, column2, effective_from, effective_to, "
                        + "modifier_indicator) VALUES (:r, :c1, :c2, CAST(:from AS date), CAST(:to AS date), :i)")
                .param("r", release)
                .param("c1", column1)
                .param("c2", column2)
                .param("from", from)
                .param("to", to)
                .param("i", String.valueOf(indicator))
                .update();
    }
}
