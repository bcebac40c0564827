package io.claimflow.claim.workitem.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.claim.ListPlans;
import io.claimflow.claim.workitem.PageRequest;
import io.claimflow.claim.workitem.WorkListSearch;
import io.claimflow.claim.workitem.WorkQueue;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The open denial and rejection work ({@code /work-lists/denials/search}) as PostgreSQL plans it with 100,000 claims
 * and 11,000 open items ({@link ListPlans}): the page starts from the open items' index, oldest first, and its count
 * looks up each open item's claim by its key ({@link JdbcWorkItems#COUNT_FROM}) and stops at 10,001; neither reads the
 * whole claim table (the count joined all 100,000 claims to the open items). A filter matching few items reads the
 * open items (here all 11,000 work items are open), not the claims.
 */
@ClaimFlowInfrastructure
class WorkListPlansTest {

    @Test
    void openWorkOfEveryQueueAndFilteredReadsAnIndex() {
        WorkListSearch[] searches = {
            new WorkListSearch(null, null, null, null, null, null, new PageRequest(null, 0, 50)),
            new WorkListSearch(WorkQueue.DENIAL, null, null, "16", "AETNA1", null, new PageRequest(null, 0, 50)),
        };
        for (WorkListSearch search : searches) {
            String name = "denials " + search.queue() + " " + search.payerId();
            List<String> plans = ListPlans.pageAndCount(
                    name,
                    "SELECT w.id, w.claim_id, c.status",
                    "FROM work_item w JOIN claim c ON c.claim_id = w.claim_id",
                    JdbcWorkItems.COUNT_FROM,
                    JdbcWorkItems.searchQuery(search),
                    "w.created_at, w.id");
            assertThat(ListPlans.seqScanned(plans, "claim")).as(name).isLessThanOrEqualTo(PageRequest.COUNT_CAP + 1);
        }
    }
}
