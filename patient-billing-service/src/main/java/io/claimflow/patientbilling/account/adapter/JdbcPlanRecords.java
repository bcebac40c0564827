package io.claimflow.patientbilling.account.adapter;

import io.claimflow.patientbilling.account.PlanRecords;
import io.claimflow.patientbilling.plan.Installment;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Payment plans and their installments in PostgreSQL. */
@Repository
class JdbcPlanRecords implements PlanRecords {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    JdbcPlanRecords(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    @Override
    public long saveActive(String tenantId, long accountId, BigDecimal total, List<Installment> installments) {
        long planId = jdbc.sql("""
                INSERT INTO payment_plan (tenant_id, account_id, total, installment_count, status)
                VALUES (?, ?, ?, ?, 'ACTIVE') RETURNING id""")
                .params(tenantId, accountId, total, installments.size())
                .query(Long.class)
                .single();
        template.batchUpdate(
                "INSERT INTO payment_plan_installment (plan_id, number, due_date, amount) VALUES (?, ?, ?, ?)",
                installments.stream()
                        .map(i -> new Object[] {planId, i.number(), i.dueDate(), i.amount()})
                        .toList());
        return planId;
    }

    @Override
    public Optional<StoredPlan> active(long accountId) {
        return jdbc.sql(
                        "SELECT id, total, status, created_at FROM payment_plan WHERE account_id = ? AND status = 'ACTIVE'")
                .param(accountId)
                .query((rs, n) -> new StoredPlan(
                        rs.getLong(1),
                        rs.getBigDecimal(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        List.of()))
                .optional()
                .map(plan -> new StoredPlan(
                        plan.id(), plan.total(), plan.status(), plan.createdAt(), installments(plan.id())));
    }

    private List<Installment> installments(long planId) {
        return jdbc.sql(
                        "SELECT number, due_date, amount FROM payment_plan_installment WHERE plan_id = ? ORDER BY number")
                .param(planId)
                .query((rs, n) -> new Installment(rs.getInt(1), rs.getObject(2, LocalDate.class), rs.getBigDecimal(3)))
                .list();
    }
}
