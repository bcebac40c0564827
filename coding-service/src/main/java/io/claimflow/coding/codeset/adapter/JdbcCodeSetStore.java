package io.claimflow.coding.codeset.adapter;

import io.claimflow.coding.codeset.CodeSetStore;
import io.claimflow.coding.codeset.CptFile;
import io.claimflow.coding.codeset.EditTablesFile;
import io.claimflow.coding.codeset.HcpcsFile;
import io.claimflow.coding.codeset.IcdOrderFile;
import io.claimflow.coding.codeset.MueFile;
import io.claimflow.coding.codeset.NcciPtpFile;
import io.claimflow.coding.codeset.Release;
import io.claimflow.coding.rules.DemographicRule;
import io.claimflow.coding.rules.Excludes1;
import io.claimflow.coding.rules.Sex;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Releases in PostgreSQL (tables of V1__code_sets.sql). */
@Repository
class JdbcCodeSetStore implements CodeSetStore {

    private static final int BATCH = 1000;

    /** Row tables of each code set and the names of their validity columns. */
    private static final Map<String, List<String[]>> TABLES = Map.of(
            Release.ICD_10_CM, List.<String[]>of(new String[] {"icd10cm_code", "valid_to"}),
            Release.HCPCS, List.of(new String[] {"procedure_code", "valid_to"}, new String[] {"modifier", "valid_to"}),
            Release.CPT, List.<String[]>of(new String[] {"procedure_code", "valid_to"}),
            Release.NCCI_PTP, List.<String[]>of(new String[] {"ncci_ptp", "effective_to"}),
            Release.NCCI_MUE, List.<String[]>of(new String[] {"mue", "valid_to"}),
            Release.ICD_10_CM_EDITS, List.of(),
            Release.INDICATIONS, List.of());

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final CodeSetCache cache;

    JdbcCodeSetStore(JdbcClient jdbc, JdbcTemplate batch, CodeSetCache cache) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.cache = cache;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public StoredRelease replaceIcd(Release release, List<IcdOrderFile.Entry> entries) {
        Map<String, IcdOrderFile.Entry> unique = new LinkedHashMap<>();
        entries.forEach(e -> unique.put(e.code(), e));
        long id = newRelease(release, unique.size());
        insert(
                "INSERT INTO icd10cm_code (release_id, code, billable, short_description, long_description, "
                        + "valid_from, valid_to) VALUES (?, ?, ?, ?, ?, ?, ?)",
                new ArrayList<>(unique.values()),
                e -> new Object[] {
                    id,
                    e.code(),
                    e.billable(),
                    e.shortDescription(),
                    e.longDescription(),
                    date(release.effectiveFrom()),
                    date(release.effectiveTo())
                });
        return new StoredRelease(release, unique.size());
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public StoredRelease replaceHcpcs(Release release, List<HcpcsFile.Entry> entries) {
        long id = newRelease(release, entries.size());
        List<HcpcsFile.Entry> procedures = new ArrayList<>();
        List<HcpcsFile.Entry> modifiers = new ArrayList<>();
        for (HcpcsFile.Entry entry : entries) {
            if (validTo(release, entry) != null && validTo(release, entry).isBefore(validFrom(release, entry))) {
                continue; // terminated before this release starts
            }
            (entry.modifier() ? modifiers : procedures).add(entry);
        }
        insert(
                "INSERT INTO procedure_code (release_id, code, code_system, short_description, long_description, "
                        + "valid_from, valid_to) VALUES (?, ?, 'HCPCS', ?, ?, ?, ?)",
                procedures,
                e -> new Object[] {
                    id,
                    e.code(),
                    e.shortDescription(),
                    e.longDescription(),
                    date(validFrom(release, e)),
                    date(validTo(release, e))
                });
        insert(
                "INSERT INTO modifier (release_id, code, description, valid_from, valid_to) VALUES (?, ?, ?, ?, ?)",
                modifiers,
                e -> new Object[] {
                    id, e.code(), e.longDescription(), date(validFrom(release, e)), date(validTo(release, e))
                });
        return new StoredRelease(release, procedures.size() + modifiers.size());
    }

    private static LocalDate validFrom(Release release, HcpcsFile.Entry entry) {
        LocalDate action = entry.actionEffectiveDate();
        return action != null && action.isAfter(release.effectiveFrom()) && release.covers(action)
                ? action
                : release.effectiveFrom();
    }

    private static LocalDate validTo(Release release, HcpcsFile.Entry entry) {
        LocalDate termination = entry.terminationDate();
        if (termination == null) {
            return release.effectiveTo();
        }
        return release.effectiveTo() == null || termination.isBefore(release.effectiveTo())
                ? termination
                : release.effectiveTo();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public StoredRelease replaceCpt(Release release, List<CptFile.Entry> entries) {
        long id = newRelease(release, entries.size());
        insert(
                "INSERT INTO procedure_code (release_id, code, code_system, short_description, long_description, "
                        + "valid_from, valid_to) VALUES (?, ?, 'CPT', ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                entries,
                e -> new Object[] {
                    id,
                    e.code(),
                    e.shortDescription(),
                    e.longDescription(),
                    date(release.effectiveFrom()),
                    date(release.effectiveTo())
                });
        return new StoredRelease(release, entries.size());
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public StoredRelease replaceNcciPtp(Release release, List<NcciPtpFile.Entry> entries) {
        long id = newRelease(release, entries.size());
        List<Object[]> rows = new ArrayList<>();
        for (NcciPtpFile.Entry e : entries) {
            // the edit's own dates, clipped to the release
            LocalDate from = e.effective().isAfter(release.effectiveFrom()) ? e.effective() : release.effectiveFrom();
            LocalDate to = e.deleted() == null
                    ? release.effectiveTo()
                    : release.effectiveTo() == null || e.deleted().isBefore(release.effectiveTo())
                            ? e.deleted()
                            : release.effectiveTo();
            if (to != null && to.isBefore(from)) {
                continue;
            }
            rows.add(new Object[] {
                id, e.column1(), e.column2(), date(from), date(to), String.valueOf(e.modifierIndicator()), e.rationale()
            });
        }
        insertRows(
                "INSERT INTO ncci_ptp (release_id, column1, column2, effective_from, effective_to, "
                        + "modifier_indicator, rationale) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                rows);
        return new StoredRelease(release, rows.size());
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public StoredRelease replaceMue(Release release, List<MueFile.Entry> entries) {
        Map<String, MueFile.Entry> unique = new LinkedHashMap<>();
        entries.forEach(e -> unique.put(e.code(), e));
        long id = newRelease(release, unique.size());
        insert(
                "INSERT INTO mue (release_id, code, max_units, adjudication_indicator, rationale, valid_from, "
                        + "valid_to) VALUES (?, ?, ?, ?, ?, ?, ?)",
                new ArrayList<>(unique.values()),
                e -> new Object[] {
                    id,
                    e.code(),
                    e.maxUnits(),
                    String.valueOf(e.adjudicationIndicator()),
                    e.rationale(),
                    date(release.effectiveFrom()),
                    date(release.effectiveTo())
                });
        return new StoredRelease(release, unique.size());
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public StoredRelease replaceEdits(Release release, EditTablesFile.Edits edits) {
        long id = newRelease(
                release, edits.excludes1().size() + edits.demographics().size());
        insert(
                "INSERT INTO icd10cm_excludes1 (release_id, code_prefix, excluded_prefix, note) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING",
                edits.excludes1(),
                (Excludes1 e) -> new Object[] {id, e.codePrefix(), e.excludedPrefix(), e.note()});
        // a prefix may have a sex rule and an age rule: merge them into one row
        Map<String, DemographicRule> merged = new LinkedHashMap<>();
        for (DemographicRule rule : edits.demographics()) {
            merged.merge(
                    rule.codePrefix(),
                    rule,
                    (a, b) -> new DemographicRule(
                            a.codePrefix(),
                            a.sex() != null ? a.sex() : b.sex(),
                            a.minAge() != null ? a.minAge() : b.minAge(),
                            a.maxAge() != null ? a.maxAge() : b.maxAge(),
                            a.note() + "; " + b.note()));
        }
        insert(
                "INSERT INTO demographic_edit (release_id, code_prefix, sex, min_age, max_age, note) "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                new ArrayList<>(merged.values()),
                (DemographicRule r) -> new Object[] {
                    id,
                    r.codePrefix(),
                    r.sex() == null ? null : r.sex() == Sex.FEMALE ? "F" : "M",
                    r.minAge(),
                    r.maxAge(),
                    r.note()
                });
        return new StoredRelease(release, edits.excludes1().size() + merged.size());
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public StoredRelease replaceIndications(Release release, List<EditTablesFile.Indication> indications) {
        long id = newRelease(release, indications.size());
        insert(
                "INSERT INTO procedure_indication (release_id, procedure_code, icd_prefix) VALUES (?, ?, ?) "
                        + "ON CONFLICT DO NOTHING",
                indications,
                (EditTablesFile.Indication i) -> new Object[] {id, i.procedureCode(), i.icdPrefix()});
        return new StoredRelease(release, indications.size());
    }

    @Override
    public boolean empty() {
        return jdbc.sql("SELECT count(*) FROM code_set_release")
                        .query(Long.class)
                        .single()
                == 0;
    }

    @Override
    public List<StoredRelease> releases() {
        return jdbc.sql("SELECT code_set, version, effective_from, effective_to, source, record_count "
                        + "FROM code_set_release ORDER BY code_set, effective_from")
                .query((rs, n) -> new StoredRelease(
                        new Release(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getObject(3, LocalDate.class),
                                rs.getObject(4, LocalDate.class),
                                rs.getString(5)),
                        rs.getInt(6)))
                .list();
    }

    private long newRelease(Release release, int records) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    cache.clear();
                }
            });
        }
        // serialize imports of one code set, so two concurrent imports cannot interleave their supersede steps
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(:codeSet))")
                .param("codeSet", release.codeSet())
                .query()
                .singleRow();
        jdbc.sql("DELETE FROM code_set_release WHERE code_set = :codeSet AND version = :version")
                .param("codeSet", release.codeSet())
                .param("version", release.version())
                .update();
        LocalDate dayBefore = release.effectiveFrom().minusDays(1);
        List<Long> superseded = jdbc.sql("UPDATE code_set_release SET effective_to = :dayBefore "
                        + "WHERE code_set = :codeSet AND effective_from < :from "
                        + "AND (effective_to IS NULL OR effective_to >= :from) RETURNING id")
                .param("dayBefore", dayBefore)
                .param("codeSet", release.codeSet())
                .param("from", release.effectiveFrom())
                .query(Long.class)
                .list();
        for (String[] table : TABLES.getOrDefault(release.codeSet(), List.of())) {
            for (Long old : superseded) {
                jdbc.sql("UPDATE " + table[0] + " SET " + table[1] + " = :dayBefore WHERE release_id = :id AND ("
                                + table[1] + " IS NULL OR " + table[1] + " > :dayBefore)")
                        .param("dayBefore", dayBefore)
                        .param("id", old)
                        .update();
            }
        }
        return jdbc.sql("INSERT INTO code_set_release (code_set, version, effective_from, effective_to, source, "
                        + "record_count) VALUES (:codeSet, :version, :from, :to, :source, :records) RETURNING id")
                .param("codeSet", release.codeSet())
                .param("version", release.version())
                .param("from", release.effectiveFrom())
                .param("to", release.effectiveTo())
                .param("source", release.source() == null ? "upload" : release.source())
                .param("records", records)
                .query(Long.class)
                .single();
    }

    private interface RowMapper<T> {
        Object[] row(T item);
    }

    private <T> void insert(String sql, List<T> items, RowMapper<T> mapper) {
        List<Object[]> rows = new ArrayList<>(items.size());
        items.forEach(i -> rows.add(mapper.row(i)));
        insertRows(sql, rows);
    }

    private void insertRows(String sql, List<Object[]> rows) {
        for (int i = 0; i < rows.size(); i += BATCH) {
            batch.batchUpdate(sql, rows.subList(i, Math.min(rows.size(), i + BATCH)));
        }
    }

    private static Date date(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }
}
