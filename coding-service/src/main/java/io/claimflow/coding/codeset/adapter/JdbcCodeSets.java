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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The code sets in effect on a date of service, read from PostgreSQL. When releases overlap (a starter set and an
 * imported release), the one that started last wins. A code's rows are read once with their validity dates (every
 * release's, {@link CodeSetCache}) and the date of service is decided from them here, so a known code costs no
 * statement on any date; only the searches by description or header are read per date.
 */
@Repository
class JdbcCodeSets implements CodeSets {

    private static final String VALID_ON = " valid_from <= :dos AND (valid_to IS NULL OR valid_to >= :dos) ";
    private static final Set<String> CLAIM_CODE_SETS =
            Set.of(Release.ICD_10_CM, Release.CPT, Release.HCPCS, Release.NCCI_PTP, Release.NCCI_MUE);

    private static final String ICD_COLUMNS = "code, billable, short_description, long_description";
    private static final String PROCEDURE_COLUMNS = "code, code_system, short_description, long_description";
    /** Reads a value from the result set's columns starting at {@code first}. */
    private interface Columns<T> {
        T read(ResultSet rs, int first) throws SQLException;
    }

    private static final Columns<IcdCode> ICD_AT =
            (rs, i) -> new IcdCode(rs.getString(i), rs.getBoolean(i + 1), rs.getString(i + 2), rs.getString(i + 3));
    private static final Columns<ProcedureCode> PROCEDURE_AT = (rs, i) -> new ProcedureCode(
            rs.getString(i), CodeSystem.valueOf(rs.getString(i + 1)), rs.getString(i + 2), rs.getString(i + 3));
    private static final RowMapper<IcdCode> ICD = (rs, n) -> ICD_AT.read(rs, 1);
    private static final RowMapper<ProcedureCode> PROCEDURE = (rs, n) -> PROCEDURE_AT.read(rs, 1);

    private final JdbcClient jdbc;
    private final CodeSetCache cache;

    JdbcCodeSets(JdbcClient jdbc, CodeSetCache cache) {
        this.jdbc = jdbc;
        this.cache = cache;
    }

    /**
     * A row of a code set with the dates it is valid on: its own (a code's valid_from and valid_to, an NCCI edit's
     * effective dates) or its release's (edit tables, indications).
     *
     * @param release the release it came from: of two rows valid from the same day, the later import's wins
     */
    record Dated<T>(long release, LocalDate from, LocalDate to, T value) {

        boolean validOn(LocalDate dos) {
            return !from.isAfter(dos) && (to == null || !to.isBefore(dos));
        }

        /** Later start first, then the later release. */
        static final Comparator<Dated<?>> LATEST_FIRST = Comparator.<Dated<?>, LocalDate>comparing(Dated::from)
                .thenComparingLong(Dated::release)
                .reversed();
    }

    /** The row valid on the date of service that started last (what ORDER BY valid_from DESC LIMIT 1 chose). */
    static <T> Optional<T> latestOn(List<Dated<T>> rows, LocalDate dos) {
        Dated<T> latest = null;
        for (Dated<T> row : rows) {
            if (row.validOn(dos) && (latest == null || Dated.LATEST_FIRST.compare(row, latest) < 0)) {
                latest = row;
            }
        }
        return latest == null ? Optional.empty() : Optional.of(latest.value());
    }

    @Override
    public Optional<IcdCode> icd(String code, LocalDate dos) {
        return latestOn(icdRows(code), dos);
    }

    /** Every row of the code in every release, whatever its dates (empty for a code no release holds). */
    private List<Dated<IcdCode>> icdRows(String code) {
        return cache.get("icd", code, () -> rowsOf(ICD_COLUMNS, "icd10cm_code", code, ICD_AT));
    }

    private <T> List<Dated<T>> rowsOf(String columns, String table, String code, Columns<T> value) {
        return jdbc.sql("SELECT release_id, valid_from, valid_to, " + columns + " FROM " + table
                        + " WHERE code = :code")
                .param("code", code)
                .query((rs, n) -> new Dated<>(
                        rs.getLong(1),
                        rs.getObject(2, LocalDate.class),
                        rs.getObject(3, LocalDate.class),
                        value.read(rs, 4)))
                .list();
    }

    @Override
    public boolean icdKnownOnAnyDate(String code) {
        return !icdRows(code).isEmpty();
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
        return latestOn(procedureRows(code), dos);
    }

    private List<Dated<ProcedureCode>> procedureRows(String code) {
        return cache.get("procedure", code, () -> rowsOf(PROCEDURE_COLUMNS, "procedure_code", code, PROCEDURE_AT));
    }

    @Override
    public boolean procedureKnownOnAnyDate(String code) {
        return !procedureRows(code).isEmpty();
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
        List<Dated<String>> rows =
                cache.get("modifier", modifier, () -> rowsOf("code", "modifier", modifier, ResultSet::getString));
        return rows.stream().anyMatch(r -> r.validOn(dos));
    }

    private record Pair(String column1, String column2) {}

    @Override
    public List<NcciPair> ncciPairs(Collection<String> codes, LocalDate dos) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(codes));
        if (distinct.size() < 2) {
            return List.of();
        }
        List<Pair> pairs = new ArrayList<>();
        for (String column1 : distinct) {
            for (String column2 : distinct) {
                if (!column1.equals(column2)) {
                    pairs.add(new Pair(column1, column2));
                }
            }
        }
        Map<Pair, List<Dated<NcciPair>>> rows = cache.getAll("ncci", pairs, this::loadNcciPairs);
        List<NcciPair> inEffect = new ArrayList<>();
        for (Pair pair : pairs) {
            latestOn(rows.get(pair), dos).ifPresent(inEffect::add);
        }
        inEffect.sort(Comparator.comparing(NcciPair::column1).thenComparing(NcciPair::column2));
        return inEffect;
    }

    /** The edits between the codes of the pairs, of every date, by pair (an empty list for a pair without one). */
    private Map<Pair, List<Dated<NcciPair>>> loadNcciPairs(Set<Pair> pairs) {
        Set<String> codes = new LinkedHashSet<>();
        pairs.forEach(p -> {
            codes.add(p.column1());
            codes.add(p.column2());
        });
        Map<Pair, List<Dated<NcciPair>>> byPair = new HashMap<>();
        pairs.forEach(p -> byPair.put(p, new ArrayList<>()));
        jdbc.sql("SELECT release_id, effective_from, effective_to, column1, column2, modifier_indicator "
                        + "FROM ncci_ptp WHERE column1 IN (:codes) AND column2 IN (:codes) AND column1 <> column2")
                .param("codes", new ArrayList<>(codes))
                .query((rs, n) -> new Dated<>(
                        rs.getLong(1),
                        rs.getObject(2, LocalDate.class),
                        rs.getObject(3, LocalDate.class),
                        new NcciPair(
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6).charAt(0))))
                .list()
                .forEach(row -> {
                    List<Dated<NcciPair>> list = byPair.get(
                            new Pair(row.value().column1(), row.value().column2()));
                    if (list != null) {
                        list.add(row);
                    }
                });
        return byPair;
    }

    @Override
    public Optional<MueLimit> mue(String code, LocalDate dos) {
        return latestOn(
                cache.get(
                        "mue",
                        code,
                        () -> rowsOf(
                                "code, max_units, adjudication_indicator",
                                "mue",
                                code,
                                (rs, i) -> new MueLimit(
                                        rs.getString(i),
                                        rs.getInt(i + 1),
                                        rs.getString(i + 2).charAt(0)))),
                dos);
    }

    @Override
    public List<Excludes1> excludes1(Collection<String> icdCodes, LocalDate dos) {
        if (icdCodes.size() < 2) {
            return List.of();
        }
        return inEffect(
                "excludes1",
                icdCodes,
                dos,
                "SELECT e.release_id, r.effective_from, r.effective_to, e.code_prefix, e.excluded_prefix, e.note "
                        + "FROM icd10cm_excludes1 e JOIN code_set_release r ON r.id = e.release_id "
                        + "WHERE e.code_prefix IN (:prefixes)",
                (rs, i) -> new Excludes1(rs.getString(i), rs.getString(i + 1), rs.getString(i + 2)),
                Excludes1::codePrefix,
                Comparator.comparing(Excludes1::codePrefix)
                        .thenComparing(Excludes1::excludedPrefix)
                        .thenComparing(Excludes1::note));
    }

    @Override
    public List<DemographicRule> demographicRules(Collection<String> codes, LocalDate dos) {
        if (codes.isEmpty()) {
            return List.of();
        }
        return inEffect(
                "demographicRules",
                codes,
                dos,
                "SELECT d.release_id, r.effective_from, r.effective_to, d.code_prefix, d.sex, d.min_age, d.max_age, "
                        + "d.note FROM demographic_edit d JOIN code_set_release r ON r.id = d.release_id "
                        + "WHERE d.code_prefix IN (:prefixes)",
                (rs, i) -> new DemographicRule(
                        rs.getString(i),
                        sex(rs.getString(i + 1)),
                        (Integer) rs.getObject(i + 2),
                        (Integer) rs.getObject(i + 3),
                        rs.getString(i + 4)),
                DemographicRule::codePrefix,
                Comparator.comparing(DemographicRule::codePrefix).thenComparing(DemographicRule::note));
    }

    /**
     * The distinct rules of releases in effect on the date whose code prefix is a prefix of one of the codes. Kept
     * per code with their releases' dates; the codes not kept yet are read in one statement.
     *
     * @param sql reads release id, release start and end, then the rule's columns, for {@code :prefixes}
     */
    private <T> List<T> inEffect(
            String operation,
            Collection<String> codes,
            LocalDate dos,
            String sql,
            Columns<T> rule,
            Function<T, String> prefix,
            Comparator<T> order) {
        Map<String, List<Dated<T>>> byCode = cache.getAll(operation, new LinkedHashSet<>(codes), missing -> {
            List<Dated<T>> rows = jdbc.sql(sql)
                    .param("prefixes", prefixes(missing))
                    .query((rs, n) -> new Dated<>(
                            rs.getLong(1),
                            rs.getObject(2, LocalDate.class),
                            rs.getObject(3, LocalDate.class),
                            rule.read(rs, 4)))
                    .list();
            Map<String, List<Dated<T>>> read = new HashMap<>();
            for (String code : missing) {
                read.put(
                        code,
                        rows.stream()
                                .filter(r -> code.startsWith(prefix.apply(r.value())))
                                .toList());
            }
            return read;
        });
        Set<T> inEffect = new LinkedHashSet<>();
        byCode.values()
                .forEach(rows -> rows.stream()
                        .filter(r -> r.validOn(dos))
                        .map(Dated::value)
                        .forEach(inEffect::add));
        return inEffect.stream().sorted(order).toList();
    }

    @Override
    public List<String> indications(String procedureCode, LocalDate dos) {
        List<Dated<String>> rows = cache.get(
                "indications",
                procedureCode,
                () -> jdbc.sql("SELECT i.release_id, r.effective_from, r.effective_to, i.icd_prefix "
                                + "FROM procedure_indication i JOIN code_set_release r ON r.id = i.release_id "
                                + "WHERE i.procedure_code = :code")
                        .param("code", procedureCode)
                        .query((rs, n) -> new Dated<>(
                                rs.getLong(1),
                                rs.getObject(2, LocalDate.class),
                                rs.getObject(3, LocalDate.class),
                                rs.getString(4)))
                        .list());
        return rows.stream()
                .filter(r -> r.validOn(dos))
                .map(Dated::value)
                .distinct()
                .sorted()
                .toList();
    }

    @Override
    public List<CodeSetVersion> versionsOn(LocalDate dos) {
        List<Dated<CodeSetVersion>> releases = cache.get("releases", "all", this::loadReleases);
        // per code set, the release in effect that started last (DISTINCT ON (code_set) ... effective_from DESC)
        Map<String, Dated<CodeSetVersion>> latest = new TreeMap<>();
        for (Dated<CodeSetVersion> release : releases) {
            if (release.validOn(dos) && CLAIM_CODE_SETS.contains(release.value().codeSet())) {
                latest.merge(
                        release.value().codeSet(), release, (a, b) -> Dated.LATEST_FIRST.compare(a, b) <= 0 ? a : b);
            }
        }
        return latest.values().stream().map(Dated::value).toList();
    }

    private List<Dated<CodeSetVersion>> loadReleases() {
        return jdbc.sql("SELECT id, effective_from, effective_to, code_set, version FROM code_set_release")
                .query((rs, n) -> new Dated<>(
                        rs.getLong(1),
                        rs.getObject(2, LocalDate.class),
                        rs.getObject(3, LocalDate.class),
                        new CodeSetVersion(rs.getString(4), rs.getString(5))))
                .list();
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
