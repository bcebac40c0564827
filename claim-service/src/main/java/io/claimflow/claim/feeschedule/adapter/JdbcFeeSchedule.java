package io.claimflow.claim.feeschedule.adapter;

import io.claimflow.claim.feeschedule.FeeSchedule;
import io.claimflow.claim.feeschedule.FeeScheduleEntry;
import io.claimflow.claim.feeschedule.FeeScheduleStore;
import io.claimflow.claim.feeschedule.NewPrice;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The chargemaster in table {@code fee_schedule}. */
@Repository
class JdbcFeeSchedule implements FeeSchedule, FeeScheduleStore {

    private static final String COLUMNS = "id, tenant_id, procedure_code, modifier, effective_from, effective_to, "
            + "amount, description, updated_by, updated_at";

    private final JdbcClient jdbc;
    private final FeeScheduleCache cache;

    JdbcFeeSchedule(JdbcClient jdbc, FeeScheduleCache cache) {
        this.jdbc = jdbc;
        this.cache = cache;
    }

    @Override
    public Optional<BigDecimal> unitPrice(
            String tenantId, String procedureCode, List<String> modifiers, LocalDate dateOfService) {
        List<String> candidates = new ArrayList<>(modifiers);
        candidates.add("");
        // every row of the code for the tenant and the default table, whatever its modifier and dates (kept)
        List<Price> rows = cache.get(
                new FeeScheduleCache.Key(tenantId, procedureCode),
                () -> jdbc.sql("SELECT tenant_id, modifier, amount, effective_from, effective_to FROM fee_schedule"
                                + " WHERE tenant_id IN (:tenant, '*') AND procedure_code = :code")
                        .param("tenant", tenantId)
                        .param("code", procedureCode)
                        .query((rs, row) -> new Price(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getBigDecimal(3),
                                rs.getObject(4, LocalDate.class),
                                rs.getObject(5, LocalDate.class)))
                        .list());
        // in effect on the date for one of the modifiers or none; the tenant's own table before the default one,
        // then the modifier's place in billing order (none last)
        return rows.stream()
                .filter(p -> candidates.contains(p.modifier()) && p.inEffectOn(dateOfService))
                .min(Comparator.comparing((Price p) -> p.tenantId().equals("*"))
                        .thenComparingInt(p -> candidates.indexOf(p.modifier())))
                .map(Price::amount);
    }

    private record Price(String tenantId, String modifier, BigDecimal amount, LocalDate from, LocalDate to) {

        boolean inEffectOn(LocalDate date) {
            return !from.isAfter(date) && (to == null || !to.isBefore(date));
        }
    }

    @Override
    public List<FeeScheduleEntry> list(String tenantId, String procedureCode, LocalDate onDate, int limit) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM fee_schedule WHERE (CAST(:tenant AS text) IS NULL OR tenant_id = :tenant)"
                        + " AND (CAST(:code AS text) IS NULL OR procedure_code = :code)"
                        + " AND (CAST(:on AS date) IS NULL OR (effective_from <= :on AND (effective_to IS NULL OR effective_to >= :on)))"
                        + " ORDER BY procedure_code, modifier, tenant_id, effective_from LIMIT :limit")
                .param("tenant", tenantId)
                .param("code", procedureCode)
                .param("on", onDate)
                .param("limit", limit)
                .query(JdbcFeeSchedule::entry)
                .list();
    }

    @Override
    public Optional<FeeScheduleEntry> inEffectForUpdate(
            String tenantId, String procedureCode, String modifier, LocalDate date) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM fee_schedule WHERE tenant_id = ? AND procedure_code = ?"
                        + " AND modifier = ? AND effective_from <= ? AND (effective_to IS NULL OR effective_to >= ?)"
                        + " FOR UPDATE")
                .params(tenantId, procedureCode, modifier, date, date)
                .query(JdbcFeeSchedule::entry)
                .optional();
    }

    @Override
    public boolean hasLaterEntry(String tenantId, String procedureCode, String modifier, LocalDate date) {
        return jdbc.sql("SELECT count(*) FROM fee_schedule WHERE tenant_id = ? AND procedure_code = ? AND modifier = ?"
                                + " AND effective_from > ?")
                        .params(tenantId, procedureCode, modifier, date)
                        .query(Long.class)
                        .single()
                > 0;
    }

    @Override
    public void close(long id, LocalDate effectiveTo, String updatedBy) {
        clearCacheOnCommit();
        jdbc.sql("UPDATE fee_schedule SET effective_to = ?, updated_by = ?, updated_at = now() WHERE id = ?")
                .params(effectiveTo, updatedBy, id)
                .update();
    }

    @Override
    public FeeScheduleEntry insert(NewPrice price, LocalDate effectiveTo, String updatedBy) {
        clearCacheOnCommit();
        return jdbc.sql("INSERT INTO fee_schedule (tenant_id, procedure_code, modifier, effective_from, effective_to,"
                        + " amount, description, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS)
                .params(
                        price.tenantId(),
                        price.procedureCode(),
                        price.modifier(),
                        price.effectiveFrom(),
                        effectiveTo,
                        price.amount(),
                        price.description(),
                        updatedBy)
                .query(JdbcFeeSchedule::entry)
                .single();
    }

    /** This instance prices with the change as soon as it commits (other instances: {@link FeeScheduleCache}). */
    private void clearCacheOnCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    cache.clear();
                }
            });
        } else {
            cache.clear();
        }
    }

    private static FeeScheduleEntry entry(ResultSet rs, int row) throws SQLException {
        return new FeeScheduleEntry(
                rs.getLong("id"),
                rs.getString("tenant_id"),
                rs.getString("procedure_code"),
                rs.getString("modifier"),
                rs.getObject("effective_from", LocalDate.class),
                rs.getObject("effective_to", LocalDate.class),
                rs.getBigDecimal("amount"),
                rs.getString("description"),
                rs.getString("updated_by"),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
