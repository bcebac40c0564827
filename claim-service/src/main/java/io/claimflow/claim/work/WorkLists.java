package io.claimflow.claim.work;

import io.claimflow.claim.model.ClaimPolicy;
import io.claimflow.claim.workitem.Page;
import io.claimflow.claim.workitem.WorkItems;
import io.claimflow.claim.workitem.WorkListSearch;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The billers' work lists as pages the database filters, sorts and counts: held claims with their open scrubber
 * findings (one query for the page, one for its findings, one count), open denial work, and the follow-up and
 * timely-filing list. A console shows any page
 * of them without reading the whole list.
 */
@Service
public class WorkLists {

    private final ClaimQueries queries;
    private final WorkItems workItems;
    private final ClaimPolicy policy;

    public WorkLists(ClaimQueries queries, WorkItems workItems, ClaimPolicy policy) {
        this.queries = queries;
        this.workItems = workItems;
        this.policy = policy;
    }

    /**
     * One page of the claims to chase (see {@link ClaimQueries#followUp}), with each payer's follow-up and filing days
     * from the policy; with {@code claimIds}, which of those claims are on the list now.
     */
    @Transactional(readOnly = true)
    public Page<FollowUpItem> followUp(FollowUpSearch search) {
        return queries.followUp(search, policy);
    }

    @Transactional(readOnly = true)
    public Page<ClaimQueries.HeldClaim> held(WorkListSearch search) {
        return queries.held(search);
    }

    /** How many current held claims each scrubber rule holds, most first. */
    @Transactional(readOnly = true)
    public List<ClaimQueries.RuleCount> heldByRule() {
        return queries.heldByRule();
    }

    @Transactional(readOnly = true)
    public Page<WorkItems.WorkItem> denials(WorkListSearch search) {
        return workItems.search(search);
    }
}
