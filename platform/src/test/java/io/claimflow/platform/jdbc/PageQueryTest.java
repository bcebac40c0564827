package io.claimflow.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageQueryTest {

    private static final Map<String, String> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("dateOfService", "c.date_of_service");
        COLUMNS.put("charge", "c.total_charge");
    }

    @Test
    void criteriaNotGivenDoNotRestrict() {
        PageQuery query = PageQuery.where("c.is_current")
                .and("c.payer_id = :payerId", "payerId", null)
                .and("c.status = :status", "status", "  ")
                .and("c.date_of_service <= :serviceTo", "serviceTo", LocalDate.of(2026, 3, 1));

        assertThat(query.whereClause()).isEqualTo(" WHERE c.is_current AND c.date_of_service <= :serviceTo");
        assertThat(query.params()).containsExactly(Map.entry("serviceTo", LocalDate.of(2026, 3, 1)));
    }

    @Test
    void valuesTravelAsParametersNeverAsSqlText() {
        PageQuery query = PageQuery.all().and("c.payer_id = :payerId", "payerId", "x'; DROP TABLE claim; --");

        assertThat(query.whereClause()).isEqualTo(" WHERE true AND c.payer_id = :payerId");
        assertThat(query.params()).containsEntry("payerId", "x'; DROP TABLE claim; --");
    }

    @Test
    void conditionsWithoutAValueAreAddedOnlyWhenAsked() {
        PageQuery query = PageQuery.all()
                .andIf(false, "c.is_current")
                .andIf(true, "c.claim_id LIKE :prefix")
                .param("prefix", "CLM%");

        assertThat(query.whereClause()).isEqualTo(" WHERE true AND c.claim_id LIKE :prefix");
        assertThat(query.params()).containsEntry("prefix", "CLM%");
    }

    @Test
    void aPageIsTheSelectWithTheCriteriaInItsOrderWithOffsetAndLimit() {
        PageQuery query = PageQuery.where("w.resolved_at IS NULL").and("w.queue = :queue", "queue", "DENIAL");

        assertThat(query.pageSql("SELECT w.id FROM work_item w", "w.created_at, w.id"))
                .isEqualTo("SELECT w.id FROM work_item w WHERE w.resolved_at IS NULL AND w.queue = :queue"
                        + " ORDER BY w.created_at, w.id OFFSET :offset LIMIT :limit");
    }

    @Test
    void aDeepPageFindsItsKeysFirstAndReadsOnlyTheRowsOfThePage() {
        PageQuery query = PageQuery.all().and("c.status = :status", "status", "PAID");

        assertThat(query.pageByKeySql(
                        "SELECT c.claim_id, c.total_charge FROM claim c",
                        "FROM claim c",
                        "c.claim_id",
                        "c.created_at DESC, c.claim_id"))
                .isEqualTo("SELECT c.claim_id, c.total_charge FROM claim c JOIN (SELECT c.claim_id AS page_key"
                        + " FROM claim c WHERE true AND c.status = :status ORDER BY c.created_at DESC, c.claim_id"
                        + " OFFSET :offset LIMIT :limit) page_keys ON c.claim_id = page_keys.page_key"
                        + " ORDER BY c.created_at DESC, c.claim_id");
    }

    @Test
    void aPageAfterACursorIsBoundedByARowComparisonInTheOrderOfItsIndex() {
        PageQuery query = PageQuery.all().and("c.status = :status", "status", "PAID");
        String select = "SELECT c.claim_id FROM claim c";
        List<String> columns = List.of("c.created_at", "c.claim_id");

        assertThat(query.pageAfterSql(select, columns, true, false))
                .isEqualTo("SELECT c.claim_id FROM claim c WHERE true AND c.status = :status"
                        + " AND (c.created_at, c.claim_id) < (:cursor0, :cursor1)"
                        + " ORDER BY c.created_at DESC, c.claim_id DESC LIMIT :limit");
        assertThat(query.pageAfterSql(select, columns, false, false))
                .endsWith(" AND (c.created_at, c.claim_id) > (:cursor0, :cursor1)"
                        + " ORDER BY c.created_at, c.claim_id LIMIT :limit");
        // the page before a cursor: read nearest first (the order reversed), then put back in the list's order
        assertThat(query.pageAfterSql(select, columns, true, true))
                .endsWith(" AND (c.created_at, c.claim_id) > (:cursor0, :cursor1)"
                        + " ORDER BY c.created_at, c.claim_id LIMIT :limit");
        assertThat(query.pageAfterSql(select, columns, false, true))
                .endsWith(" AND (c.created_at, c.claim_id) < (:cursor0, :cursor1)"
                        + " ORDER BY c.created_at DESC, c.claim_id DESC LIMIT :limit");
    }

    @Test
    void aSortNamesAColumnAndAMinusReversesIt() {
        assertThat(PageQuery.orderBy(null, COLUMNS, "c.created_at")).isEqualTo("c.created_at");
        assertThat(PageQuery.orderBy("charge", COLUMNS, "c.created_at")).isEqualTo("c.total_charge");
        assertThat(PageQuery.orderBy("-dateOfService", COLUMNS, "c.created_at")).isEqualTo("c.date_of_service DESC");
        assertThatThrownBy(() -> PageQuery.orderBy("-c.total_charge; DELETE", COLUMNS, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dateOfService");
    }

    @Test
    void aPrefixPatternEscapesTheLikeWildcards() {
        assertThat(PageQuery.startsWith("CLM-1")).isEqualTo("CLM-1%");
        assertThat(PageQuery.startsWith("50%_a\\b")).isEqualTo("50\\%\\_a\\\\b%");
    }
}
