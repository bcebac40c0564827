package io.claimflow.claim.work.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.claim.ListPlans;
import io.claimflow.claim.work.ClaimSearch;
import io.claimflow.claim.workitem.PageRequest;
import io.claimflow.claim.workitem.WorkListSearch;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The claim lists' queries ({@code GET /claims}, the held list) as PostgreSQL plans and runs them with 100,000 claims
 * ({@link ListPlans}): each page and its count read an index for every filter and sort the console offers, or a part of
 * the table a {@code LIMIT} stops (until the count's 10,001 matches), never the whole claim table (before V95, a status sorted by date of service, a payer with dates of service and a patient read
 * all 100,000 rows), and the count stops at 10,000 (it read every match: 100,000 rows for the whole list).
 */
@ClaimFlowInfrastructure
class ClaimListPlansTest {

    private static final LocalDate TODAY = LocalDate.now();
    private static final String SELECT = "SELECT c.claim_id, c.status, c.payer_id, c.date_of_service, c.total_charge";
    private static final String FROM = "FROM claim c";

    private static ClaimSearch search(
            String status, String payer, String mrn, LocalDate from, LocalDate to, String prefix) {
        return new ClaimSearch(
                status, payer, mrn, null, from, to, null, null, false, prefix, new PageRequest(null, 0, 25));
    }

    private static void readsIndexes(String name, ClaimSearch search, String orderBy) {
        List<String> plans = ListPlans.pageAndCount(name, SELECT, FROM, JdbcClaimQueries.searchQuery(search), orderBy);
        // an index, or a scan the LIMIT stops early (the count's 10,001 matches of a common status, such as PAID, can
        // be cheaper to find in table order: PostgreSQL chooses by its statistics), never the whole table
        assertThat(ListPlans.seqScanned(plans, "claim")).as(name).isLessThan(ListPlans.CLAIMS);
    }

    @Test
    void everyClaimSearchAndItsCountReadAnIndex() {
        readsIndexes("newest first", search(null, null, null, null, null, null), "c.created_at DESC, c.claim_id DESC");
        readsIndexes("by charge", search(null, null, null, null, null, null), "c.total_charge, c.claim_id");
        readsIndexes("by date of service", search(null, null, null, null, null, null), "c.date_of_service, c.claim_id");
        readsIndexes(
                "PAID by date of service",
                search("PAID", null, null, null, null, null),
                "c.date_of_service DESC, c.claim_id DESC");
        readsIndexes(
                "a payer and 6 months of service by charge",
                search(null, "BKHP1", null, TODAY.minusMonths(6), TODAY, null),
                "c.total_charge, c.claim_id");
        readsIndexes(
                "DENIED of a payer by date of service",
                search("DENIED", "AETNA1", null, null, null, null),
                "c.date_of_service, c.claim_id");
        readsIndexes(
                "a month of service",
                search(null, null, null, TODAY.minusMonths(1), TODAY, null),
                "c.created_at DESC, c.claim_id DESC");
        readsIndexes(
                "by number",
                search(null, null, null, null, null, "clm-pl-00042"),
                "c.created_at DESC, c.claim_id DESC");
        readsIndexes(
                "a patient", search(null, null, "MRN004242", null, null, null), "c.created_at DESC, c.claim_id DESC");
    }

    @Test
    void aTotalIsExactUpTo10000AndSaidAsMoreThanBeyond() {
        JdbcClaimQueries claims = new JdbcClaimQueries(ListPlans.database());
        var all = claims.search(search(null, null, null, null, null, null));
        assertThat(all.total()).isEqualTo(10_000);
        assertThat(all.totalAtLeast()).isTrue();
        assertThat(all.items()).hasSize(25);
        var held = claims.search(search("HELD", null, null, null, null, null));
        assertThat(held.total()).isEqualTo(3_000);
        assertThat(held.totalAtLeast()).isFalse();
        // a page past the cap counts to its own end, so there is still a next page
        var deep = claims.search(new ClaimSearch(
                null, null, null, null, null, null, null, null, false, null, new PageRequest(null, 2000, 25)));
        assertThat(deep.total()).isEqualTo(50_025);
        assertThat(deep.totalAtLeast()).isTrue();
        assertThat(deep.items()).hasSize(25);
    }

    /** Rows of the claim table an index scan of {@code plan} read whole (not index-only), over all its loops. */
    private static long claimRowsRead(List<String> plan) {
        long rows = 0;
        Pattern scan = Pattern.compile("(?<!Only )Index Scan using \\w+ on claim c .*rows=(\\d+) loops=(\\d+)");
        for (String line : plan) {
            Matcher m = scan.matcher(line);
            if (m.find()) {
                rows += Long.parseLong(m.group(1)) * Long.parseLong(m.group(2));
            }
        }
        return rows;
    }

    /**
     * A deep page as the console reaches it, by its next link: the page after the last claim of the page before (a
     * cursor), for every sort but the payer's. Read by the bounds of a row comparison on the index of the order, it
     * reads its own 26 claims and nothing else, whatever the state of the table's visibility map. Before (a page by
     * its number alone, an {@code OFFSET} over the keys of an index-only scan), on a freshly filled table whose
     * visibility map the fill's {@code VACUUM} had not yet set (seen: 185 of 9,139 pages all-visible, the fill's
     * transaction still in another session's snapshot), PostgreSQL read the whole table and sorted it (271 ms at
     * 100,000 claims, 930 ms on a loaded machine).
     */
    @Test
    void aDeepPageSkipsIndexEntriesAndReadsOnlyItsOwnClaims() {
        System.out.println("== visibility map: "
                + ListPlans.database()
                        .sql("SELECT relallvisible || ' of ' || relpages || ' pages all-visible' FROM pg_class"
                                + " WHERE relname = 'claim'")
                        .query(String.class)
                        .single());
        for (String sort : new String[] {null, "-dateOfService", "dateOfService", "charge", "-charge", "createdAt"}) {
            ClaimSearch page2000 = new ClaimSearch(
                    null, null, null, null, null, null, null, null, false, null, new PageRequest(sort, 2000, 25));
            String order = JdbcClaimQueries.order(page2000.paging(), "c.created_at DESC");
            String column = order.substring(0, order.indexOf(',')).replace(" DESC", "");
            // the last claim of page 1,999, as the console's next link names it
            Map<String, Object> cursor = ListPlans.database()
                    .sql("SELECT " + column + " AS value, c.claim_id FROM claim c ORDER BY " + order
                            + " OFFSET 49999 LIMIT 1")
                    .query()
                    .singleRow();
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("cursor0", cursor.get("value"));
            params.put("cursor1", cursor.get("claim_id"));
            params.put("limit", 26);
            List<String> plan = ListPlans.explain(JdbcClaimQueries.pageAfterSql(page2000), params);
            System.out.println("== page 2,000 after " + cursor.get("claim_id") + ", sort " + sort + "\n"
                    + String.join("\n", plan));
            assertThat(ListPlans.seqScanned(plan, "claim")).as("sort %s", sort).isZero();
            assertThat(plan).as("sort %s", sort).noneMatch(line -> line.contains("Sort"));
            assertThat(claimRowsRead(plan)).as("sort %s", sort).isLessThanOrEqualTo(26);
        }
    }

    @Test
    void aPageAfterAClaimIsThePageThatFollowsItAndTheOneBeforeItPrecedesIt() {
        JdbcClaimQueries claims = new JdbcClaimQueries(ListPlans.database());
        for (String sort : new String[] {null, "-dateOfService", "charge", "payer"}) {
            var byNumber = claims.search(search(sort, 400, null, null));
            var next = claims.search(search(sort, 401, last(byNumber.items()), null));
            assertThat(next.items())
                    .as("sort %s", sort)
                    .isEqualTo(claims.search(search(sort, 401, null, null)).items());
            var back = claims.search(search(sort, 400, null, next.items().get(0).claimId()));
            assertThat(back.items()).as("sort %s", sort).isEqualTo(byNumber.items());
            // past the count's cap, as by number: "more than" the end of the page
            assertThat(next.total()).isEqualTo(402 * 25);
            assertThat(next.totalAtLeast()).isTrue();
        }
    }

    private static ClaimSearch search(String sort, int page, String after, String before) {
        return new ClaimSearch(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false,
                null,
                new PageRequest(sort, page, 25, after, before));
    }

    private static String last(List<io.claimflow.claim.work.ClaimSummary> items) {
        return items.get(items.size() - 1).claimId();
    }

    @Test
    void theHeldListAndItsCountReadAnIndex() {
        for (String rule : new String[] {null, "TIMELY-FILING"}) {
            List<String> plans = ListPlans.pageAndCount(
                    "held, rule " + rule,
                    SELECT,
                    FROM,
                    JdbcClaimQueries.heldQuery(
                            new WorkListSearch(null, rule, null, null, null, null, new PageRequest(null, 0, 50))),
                    "c.created_at, c.claim_id");
            assertThat(ListPlans.seqScanned(plans, "claim")).isLessThanOrEqualTo(PageRequest.COUNT_CAP + 1);
        }
    }
}
