package io.claimflow.coding.codeset.adapter;

import io.claimflow.coding.codeset.Release;
import io.claimflow.coding.rules.CodeSetVersion;
import io.claimflow.coding.rules.CodeSets;
import io.claimflow.coding.rules.CodeSystem;
import io.claimflow.coding.rules.DemographicRule;
import io.claimflow.coding.rules.Excludes1;
import io.claimflow.coding.rules.IcdCode;
import io.claimflow.coding.rules.MueLimit;
import io.claimflow.coding.rules.NcciPair;
import io.claimflow.coding.rules.ProcedureCode;
import io.claimflow.coding.rules.Sex;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The code sets in effect on a date of service, read from PostgreSQL. When releases overlap (a starter set and an
 * imported release), the one that started last wins.
 */
@Repository
class JdbcCodeSets implements CodeSets {

    private static final String VALID_ON = " valid_from <= :dos AND (valid_to IS NULL OR valid_to >= :dos) ";
    private static final String RELEASE_ON =
            " r.effective_from <= :dos AND (r.effective_to IS NULL " + "OR r.effective_to >= :dos) ";
    private static final Set<String> CLAIM_CODE_SETS =
            Set.of(Release.ICD_10_CM, Release.CPT, Release.HCPCS, Release.NCCI_PTP, Release.NCCI_MUE);

    private static final String ICD_COLUMNS = "code, billable, short_description, long_description";
    private static final String PROCEDURE_COLUMNS = "code, code_system, short_description, long_description";
    private static final RowMapper<IcdCode> ICD =
            (rs, n) -> new IcdCode(rs.getString(1), rs.getBoolean(2), rs.getString(3), rs.getString(4));
    private static final RowMapper<ProcedureCode> PROCEDURE = (rs, n) ->
            new ProcedureCode(rs.getString(1), CodeSystem.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4));

    private final JdbcClient jdbc;
    private final CodeSetCache cache;

    JdbcCodeSets(JdbcClient jdbc, CodeSetCache cache) {
        this.jdbc = jdbc;
        this.cache = cache;
    }

    @Override
    public Optional<IcdCode> icd(String code, LocalDate dos) {
        return cache.get("icd", List.of(code, dos), () -> loadIcd(code, dos));
    }

    private Optional<IcdCode> loadIcd(String code, LocalDate dos) {
        return latestValid(ICD_COLUMNS, "icd10cm_code", code, dos, ICD);
    }

    /** The row of the code valid on the date of service, from the release that started last. */
    private <T> Optional<T> latestValid(String columns, String table, String code, LocalDate dos, RowMapper<T> row) {
        return jdbc.sql("SELECT " + columns + " FROM " + table + " WHERE code = :code AND" + VALID_ON
                        + "ORDER BY valid_from DESC LIMIT 1")
                .param("code", code)
                .param("dos", dos)
                .query(row)
                .optional();
    }

    @Override
    public boolean icdKnownOnAnyDate(String code) {
        return cache.get("icdKnownOnAnyDate", List.of(code), () -> loadIcdKnownOnAnyDate(code));
    }

    private boolean loadIcdKnownOnAnyDate(String code) {
        return knownOnAnyDate("icd10cm_code", code);
    }

    /** Whether any release, of any dates, holds the code. */
    private boolean knownOnAnyDate(String table, String code) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM " + table + " WHERE code = :code)")
                .param("code", code)
                .query(Boolean.class)
                .single();
    }

    @Override
    public List<IcdCode> icdBillableUnder(String header, LocalDate dos, int limit) {
        return cache.get(
                "icdBillableUnder", List.of(header, dos, limit), () -> loadIcdBillableUnder(header, dos, limit));
    }

    private List<IcdCode> loadIcdBillableUnder(String header, LocalDate dos, int limit) {
        return jdbc.sql("SELECT DISTINCT ON (code) code, billable, short_description, long_description "
                        + "FROM icd10cm_code WHERE code LIKE :prefix AND billable AND" + VALID_ON
                        + "ORDER BY code, valid_from DESC LIMIT :limit")
                .param("prefix", header.replace("%", "") + "%")
                .param("dos", dos)
                .param("limit", limit)
                .query(ICD)
                .list();
    }

    @Override
    public List<IcdCode> icdByDescription(String text, LocalDate dos, int limit) {
        return cache.get("icdByDescription", List.of(text, dos, limit), () -> loadIcdByDescription(text, dos, limit));
    }

    private List<IcdCode> loadIcdByDescription(String text, LocalDate dos, int limit) {
        return byWords(
                ICD_COLUMNS + " FROM icd10cm_code WHERE billable AND",
                w -> "lower(long_description) LIKE " + w,
                "long_description",
                text,
                dos,
                limit,
                ICD);
    }

    /**
     * The codes valid on the date of service whose description holds every word of the text, shortest description
     * first.
     *
     * @param selectWhere the columns, the table and the start of the WHERE clause (validity on the date follows)
     * @param wordMatches the condition one word's parameter (given by name) must meet
     * @param orderBy the description whose length orders the result
     */
    private <T> List<T> byWords(
            String selectWhere,
            UnaryOperator<String> wordMatches,
            String orderBy,
            String text,
            LocalDate dos,
            int limit,
            RowMapper<T> row) {
        List<String> words = words(text);
        if (words.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT * FROM (SELECT DISTINCT ON (code) " + selectWhere + VALID_ON);
        for (int i = 0; i < words.size(); i++) {
            sql.append(" AND ").append(wordMatches.apply(":w" + i));
        }
        sql.append(" ORDER BY code, valid_from DESC) c ORDER BY length(" + orderBy + "), code LIMIT :limit");
        JdbcClient.StatementSpec spec =
                jdbc.sql(sql.toString()).param("dos", dos).param("limit", limit);
        for (int i = 0; i < words.size(); i++) {
            spec = spec.param("w" + i, "%" + words.get(i) + "%");
        }
        return spec.query(row).list();
    }

    @Override
    public Optional<ProcedureCode> procedure(String code, LocalDate dos) {
        return cache.get("procedure", List.of(code, dos), () -> loadProcedure(code, dos));
    }

    private Optional<ProcedureCode> loadProcedure(String code, LocalDate dos) {
        return latestValid(PROCEDURE_COLUMNS, "procedure_code", code, dos, PROCEDURE);
    }

    @Override
    public boolean procedureKnownOnAnyDate(String code) {
        return cache.get("procedureKnownOnAnyDate", List.of(code), () -> loadProcedureKnownOnAnyDate(code));
    }

    private boolean loadProcedureKnownOnAnyDate(String code) {
        return knownOnAnyDate("procedure_code", code);
    }

    @Override
    public List<ProcedureCode> proceduresByDescription(String text, LocalDate dos, int limit) {
        return cache.get(
                "proceduresByDescription",
                List.of(text, dos, limit),
                () -> loadProceduresByDescription(text, dos, limit));
    }

    private List<ProcedureCode> loadProceduresByDescription(String text, LocalDate dos, int limit) {
        return byWords(
                PROCEDURE_COLUMNS + " FROM procedure_code WHERE",
                w -> "(lower(long_description) LIKE " + w + " OR lower(short_description) LIKE " + w + ")",
                "short_description",
                text,
                dos,
                limit,
                PROCEDURE);
    }

    @Override
    public boolean modifierValid(String modifier, LocalDate dos) {
        return cache.get("modifierValid", List.of(modifier, dos), () -> loadModifierValid(modifier, dos));
    }

    private boolean loadModifierValid(String modifier, LocalDate dos) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM modifier WHERE code = :code AND" + VALID_ON + ")")
                .param("code", modifier)
                .param("dos", dos)
                .query(Boolean.class)
                .single();
    }

    @Override
    public List<NcciPair> ncciPairs(Collection<String> codes, LocalDate dos) {
        return cache.get(
                "ncciPairs",
                List.of(List.copyOf(new java.util.TreeSet<>(codes)), dos),
                () -> loadNcciPairs(codes, dos));
    }

    private List<NcciPair> loadNcciPairs(Collection<String> codes, LocalDate dos) {
        if (codes.size() < 2) {
            return List.of();
        }
        List<String> list = new ArrayList<>(new LinkedHashSet<>(codes));
        return jdbc.sql("SELECT DISTINCT ON (column1, column2) column1, column2, modifier_indicator FROM ncci_ptp "
                        + "WHERE column1 IN (:codes) AND column2 IN (:codes) AND column1 <> column2 "
                        + "AND effective_from <= :dos AND (effective_to IS NULL OR effective_to >= :dos) "
                        + "ORDER BY column1, column2, effective_from DESC")
                .param("codes", list)
                .param("dos", dos)
                .query((rs, n) -> new NcciPair(
                        rs.getString(1), rs.getString(2), rs.getString(3).charAt(0)))
                .list();
    }

    @Override
    public Optional<MueLimit> mue(String code, LocalDate dos) {
        return cache.get("mue", List.of(code, dos), () -> loadMue(code, dos));
    }

    private Optional<MueLimit> loadMue(String code, LocalDate dos) {
        return jdbc.sql("SELECT code, max_units, adjudication_indicator FROM mue WHERE code = :code AND" + VALID_ON
                        + "ORDER BY valid_from DESC LIMIT 1")
                .param("code", code)
                .param("dos", dos)
                .query((rs, n) -> new MueLimit(
                        rs.getString(1), rs.getInt(2), rs.getString(3).charAt(0)))
                .optional();
    }

    @Override
    public List<Excludes1> excludes1(Collection<String> icdCodes, LocalDate dos) {
        return cache.get(
                "excludes1",
                List.of(List.copyOf(new java.util.TreeSet<>(icdCodes)), dos),
                () -> loadExcludes1(icdCodes, dos));
    }

    private List<Excludes1> loadExcludes1(Collection<String> icdCodes, LocalDate dos) {
        if (icdCodes.size() < 2) {
            return List.of();
        }
        return jdbc.sql("SELECT DISTINCT e.code_prefix, e.excluded_prefix, e.note FROM icd10cm_excludes1 e "
                        + "JOIN code_set_release r ON r.id = e.release_id WHERE" + RELEASE_ON
                        + "AND e.code_prefix IN (:prefixes)")
                .param("dos", dos)
                .param("prefixes", prefixes(icdCodes))
                .query((rs, n) -> new Excludes1(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    @Override
    public List<DemographicRule> demographicRules(Collection<String> codes, LocalDate dos) {
        return cache.get(
                "demographicRules",
                List.of(List.copyOf(new java.util.TreeSet<>(codes)), dos),
                () -> loadDemographicRules(codes, dos));
    }

    private List<DemographicRule> loadDemographicRules(Collection<String> codes, LocalDate dos) {
        if (codes.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT DISTINCT d.code_prefix, d.sex, d.min_age, d.max_age, d.note FROM demographic_edit d "
                        + "JOIN code_set_release r ON r.id = d.release_id WHERE" + RELEASE_ON
                        + "AND d.code_prefix IN (:prefixes)")
                .param("dos", dos)
                .param("prefixes", prefixes(codes))
                .query((rs, n) -> new DemographicRule(
                        rs.getString(1),
                        sex(rs.getString(2)),
                        (Integer) rs.getObject(3),
                        (Integer) rs.getObject(4),
                        rs.getString(5)))
                .list();
    }

    @Override
    public List<String> indications(String procedureCode, LocalDate dos) {
        return cache.get("indications", List.of(procedureCode, dos), () -> loadIndications(procedureCode, dos));
    }

    private List<String> loadIndications(String procedureCode, LocalDate dos) {
        return jdbc.sql("SELECT DISTINCT i.icd_prefix FROM procedure_indication i JOIN code_set_release r "
                        + "ON r.id = i.release_id WHERE" + RELEASE_ON + "AND i.procedure_code = :code "
                        + "ORDER BY i.icd_prefix")
                .param("dos", dos)
                .param("code", procedureCode)
                .query(String.class)
                .list();
    }

    @Override
    public List<CodeSetVersion> versionsOn(LocalDate dos) {
        return cache.get("versionsOn", List.of(dos), () -> loadVersionsOn(dos));
    }

    private List<CodeSetVersion> loadVersionsOn(LocalDate dos) {
        return jdbc
                .sql("SELECT DISTINCT ON (r.code_set) r.code_set, r.version FROM code_set_release r WHERE" + RELEASE_ON
                        + "ORDER BY r.code_set, r.effective_from DESC")
                .param("dos", dos)
                .query((rs, n) -> new CodeSetVersion(rs.getString(1), rs.getString(2)))
                .list()
                .stream()
                .filter(v -> CLAIM_CODE_SETS.contains(v.codeSet()))
                .toList();
    }

    /** Every prefix of every code (E11.9 -> E, E1, E11, E11., E11.9), so prefix rules match by equality. */
    private static List<String> prefixes(Collection<String> codes) {
        Set<String> prefixes = new LinkedHashSet<>();
        for (String code : codes) {
            for (int i = 1; i <= code.length(); i++) {
                String prefix = code.substring(0, i);
                if (!prefix.endsWith(".")) {
                    prefixes.add(prefix);
                }
            }
        }
        return new ArrayList<>(prefixes);
    }

    private static Sex sex(String code) {
        return code == null ? null : "F".equals(code) ? Sex.FEMALE : Sex.MALE;
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9]+", " ")
                        .trim()
                        .split(" "))
                .filter(w -> w.length() >= 3)
                .distinct()
                .limit(6)
                .toList();
    }
}
