package io.claimflow.claim.work;

import io.claimflow.claim.model.Claim;
import io.claimflow.claim.model.ScrubFinding;
import io.claimflow.claim.model.StatusChange;
import io.claimflow.claim.payment.Payments;
import io.claimflow.claim.payment.VisitMoney;
import io.claimflow.claim.workitem.WorkItems;
import java.util.List;

/**
 * Everything about one claim a biller looks at: the claim, its timeline, why it is held, its work, its money, and
 * its visit's money over every payer with the claims of the payers after it (coordination of benefits).
 */
public record ClaimDetail(
        Claim claim,
        List<StatusChange> timeline,
        List<ScrubFinding> openFindings,
        List<WorkItems.WorkItem> openWork,
        List<Payments.PostedPayment> payments,
        List<ClaimQueries.Appeal> appeals,
        List<ClaimQueries.FollowUp> followUps,
        List<String> nextPayerClaimIds,
        VisitMoney visit) {}
