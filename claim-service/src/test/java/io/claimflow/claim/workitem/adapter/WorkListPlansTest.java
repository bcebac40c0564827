package io.claimflow.claim.workitem.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.claim.ListPlans;
import io.claimflow.claim.workitem.PageRequest;
import io.claimflow.claim.workitem.WorkListSearch;
import io.claimflow.claim.workitem.WorkQueue;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * The open denial and rejection work ({@code /work-lists/denials/search}) as PostgreSQL plans it with 100,000 claims
 * and 11,000 open items ({@link ListPlans}): the page and its count start from the open items' index, oldest first,
 * and never read the whole claim or work-item table.
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
            assertThat(ListPlans.pageAndCount(
                            "denials " + search.queue() + " " + search.payerId(),
                            "SELECT w.id, w.claim_id, c.status",
                            "FROM work_item w JOIN claim c ON c.claim_id = w.claim_id",
                            JdbcWorkItems.searchQuery(search),
                            "w.created_at, w.id"))
                    .noneMatch(line -> ListPlans.scansWhole(line, "claim") || ListPlans.scansWhole(line, "work_item"));
        }
    }
}
