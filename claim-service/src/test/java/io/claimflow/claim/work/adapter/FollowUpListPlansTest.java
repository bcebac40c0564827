package io.claimflow.claim.work.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.claim.ListPlans;
import io.claimflow.claim.model.ClaimPolicy;
import io.claimflow.claim.work.FollowUpItem;
import io.claimflow.claim.work.FollowUpSearch;
import io.claimflow.claim.workitem.Page;
import io.claimflow.claim.workitem.PageRequest;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The follow-up list's statement as PostgreSQL plans and runs it with 100,000 claims ({@link ListPlans}, analyzed
 * after it is filled): its candidates come from an index of the states involved (the partial index
 * {@code claim_follow_up_idx} of V101, or {@code claim_status_idx}), never from a scan of the claim table, for the
 * first page, a deep page, a payer, a reason and a set of claims; and the list is what the claims say it is (its
 * total, its order). The list read 10,000 claims and filtered them in Java; the plans and their execution times are
 * printed.
 */
@ClaimFlowInfrastructure
class FollowUpListPlansTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final ClaimPolicy POLICY =
            new ClaimPolicy(null, 365, Map.of("BKHP1", 180, "MCR-OH", 365), 30, Map.of("BKHP1", 45, "MCD-OH", 60), 30);

    private static FollowUpSearch search(FollowUpItem.Reason reason, String payer, List<String> ids, int page) {
        return new FollowUpSearch(TODAY, null, reason, payer, ids, new PageRequest(null, page, 50));
    }

    @Test
    void everyPageReadsAnIndexNotTheClaimTable() {
        List<String> someClaims = IntStream.range(0, 500)
                .mapToObj(i -> "clm-pl-" + String.format("%07d", 1 + i * 199))
                .toList();
        Map<String, FollowUpSearch> searches = new LinkedHashMap<>();
        searches.put("first page", search(null, null, null, 0));
        searches.put("page 101 (items 5,001 to 5,050)", search(null, null, null, 100));
        searches.put("a payer", search(null, "BKHP1", null, 0));
        searches.put("deadline passed", search(FollowUpItem.Reason.TIMELY_FILING_DEADLINE_PASSED, null, null, 0));
        searches.put("500 claims on the list or not", search(null, null, someClaims, 0));
        searches.forEach((name, search) -> {
            JdbcClaimQueries.FollowUpSql sql = JdbcClaimQueries.followUpSql(search, POLICY);
            Map<String, Object> params = new LinkedHashMap<>(sql.params());
            params.put("offset", (long) search.paging().page() * search.paging().size());
            params.put("limit", search.paging().size());
            List<String> plan = ListPlans.explain(sql.page(), params);
            System.out.println("== follow-up list, " + name + "\n" + String.join("\n", plan));
            // an index: claim_follow_up_idx (V101) as an index-only scan where the visibility map allows (a settled
            // table), else the states' bitmap over claim_status_idx; the claim ids' primary key
            assertThat(ListPlans.seqScanned(plan, "claim")).as(name).isZero();
        });
    }

    @Test
    void theListIsWhatTheClaimsSay() {
        JdbcClaimQueries claims = new JdbcClaimQueries(ListPlans.database());
        Page<FollowUpItem> first = claims.followUp(search(null, null, null, 0), POLICY);
        // what the filled claims say, counted without the list's statement
        long expected = ListPlans.database()
                .sql("""
                        SELECT count(*) FROM claim WHERE is_current AND (
                            (status IN ('SUBMITTED', 'ACKNOWLEDGED', 'APPEALED', 'CROSSED_OVER')
                                AND CAST(:today AS date) - CAST(submitted_at AT TIME ZONE 'UTC' AS date)
                                    >= CASE payer_id WHEN 'BKHP1' THEN 45 WHEN 'MCD-OH' THEN 60 ELSE 30 END)
                            OR (status IN ('CREATED', 'HELD', 'REJECTED')
                                AND date_of_service + CASE payer_id WHEN 'BKHP1' THEN 180 ELSE 365 END - 30
                                    <= CAST(:today AS date)))
                        """)
                .param("today", TODAY)
                .query(Long.class)
                .single();
        assertThat(expected).isGreaterThan(10_000);
        assertThat(first.total()).isEqualTo(expected);
        assertThat(first.items()).hasSize(50);
        Page<FollowUpItem> deep = claims.followUp(search(null, null, null, 100), POLICY);
        assertThat(deep.items()).hasSize(50);
        List<FollowUpItem> both = new java.util.ArrayList<>(first.items());
        both.addAll(deep.items());
        for (int i = 1; i < both.size(); i++) {
            FollowUpItem before = both.get(i - 1);
            FollowUpItem after = both.get(i);
            assertThat(before.timelyFilingDeadline()).isBeforeOrEqualTo(after.timelyFilingDeadline());
            if (before.timelyFilingDeadline().equals(after.timelyFilingDeadline())) {
                assertThat(before.daysWaiting()).isGreaterThanOrEqualTo(after.daysWaiting());
            }
        }
        // BKHP1's 180 filing days: its unsent claims of more than 150 days ago are on the list, the deadline passed
        // for those of more than 180
        assertThat(claims.followUp(search(FollowUpItem.Reason.TIMELY_FILING_DEADLINE_PASSED, "BKHP1", null, 0), POLICY)
                        .items())
                .isNotEmpty()
                .allSatisfy(i -> assertThat(i.claim().dateOfService()).isBefore(TODAY.minusDays(180)));
    }
}
