package io.claimflow.adjudication.response;

import io.claimflow.adjudication.claim.ClaimStatus;
import io.claimflow.adjudication.claim.OutboundClaim;
import io.claimflow.adjudication.claim.OutboundClaims;
import io.claimflow.adjudication.claim.SentClaim;
import io.claimflow.adjudication.submission.Interchanges;
import io.claimflow.adjudication.x12.Remittance;
import io.claimflow.platform.web.ConflictException;
import io.claimflow.platform.web.NotFoundException;
import io.claimflow.platform.web.UnprocessableException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person matches an 835 claim (CLP) that matched no claim to a claim, by its claim id (issue 21, item 3). The
 * CLP is locked first, so two people matching it at once post it once: the second hears it was matched. Checked
 * before anything is posted, each refusal saying why (ids and amounts only):
 *
 * <ul>
 *   <li>the CLP exists (404) and is still unmatched: matched before, by hand or by the gateway, is a 409;
 *   <li>the gateway holds the claim, of the practice (tenant) named, and of the deposit's practice: the tenant of the
 *       claims the same deposit paid already (422);
 *   <li>the amounts fit: the CLP balances on its own ({@link Balancing}: charge = paid + adjustments, CLP05 = PR
 *       adjustments), and its charge (CLP03, its absolute value for a reversal) is the claim's total charge, or each
 *       of its service lines is a line of the claim with the line's charge (a claim paid in parts) (422);
 *   <li>the claim waits for this answer: a payment or denial for a claim sent (not still queued or batched), neither
 *       rejected nor answered already (PAID, DENIED, FORWARDED, PREDETERMINED), a reversal for a PAID claim (409).
 * </ul>
 *
 * <p>Then it is posted exactly as a CLP the gateway matched itself ({@link RemittancePosting#postKept}):
 * PaymentPosted / ClaimDenied through the outbox, the claim's status and X12 history; the CLP is recorded as matched
 * {@code MANUAL} by the person, and the claim's history says so.
 */
@Service
public class ManualMatching {

    private static final Logger LOG = LoggerFactory.getLogger(ManualMatching.class);

    /** Claims an ordinary payment or denial may answer. */
    private static final Set<ClaimStatus> AWAITING =
            Set.of(ClaimStatus.SENT, ClaimStatus.ACKNOWLEDGED, ClaimStatus.ACCEPTED, ClaimStatus.REVERSED);

    private final Remittances remittances;
    private final OutboundClaims claims;
    private final RemittancePosting posting;
    private final Interchanges interchanges;

    public ManualMatching(
            Remittances remittances, OutboundClaims claims, RemittancePosting posting, Interchanges interchanges) {
        this.remittances = remittances;
        this.claims = claims;
        this.posting = posting;
        this.interchanges = interchanges;
    }

    /** What the match posted: the claim, the outcome (PAID, DENIED, PARTIALLY_DENIED, ...), who matched it. */
    public record Matched(
            long remittanceClaimId,
            long remittanceId,
            String traceNumber,
            String claimId,
            String outcome,
            BigDecimal paid,
            BigDecimal charge,
            BigDecimal overpaidAmount,
            String matchedBy,
            String matchedByUser) {}

    /**
     * Matches the kept CLP to the claim and posts it.
     *
     * @param tenantId the practice the person works in; the claim must be its
     * @param user the person, for the record (a user name, never patient data)
     */
    @Transactional
    public Matched match(long remittanceClaimId, String claimId, String tenantId, String user) {
        Remittances.HeldClaim held = remittances
                .lock(remittanceClaimId)
                .orElseThrow(() -> new NotFoundException("no remittance claim " + remittanceClaimId));
        if (held.claimId() != null) {
            throw new ConflictException("remittance claim " + remittanceClaimId + " was matched before, to claim "
                    + held.claimId() + " ("
                    + ("MANUAL".equals(held.matchedBy())
                            ? "by hand, by " + held.matchedByUser()
                            : "by the gateway, " + held.matchedBy())
                    + ", " + held.outcome() + "): it is not posted again");
        }
        if (held.payment() == null) {
            throw new ConflictException(
                    "remittance claim " + remittanceClaimId + " is not kept as read: it cannot be " + "posted by hand");
        }
        SentClaim sent = claims.byClaimId(claimId)
                .orElseThrow(() -> new UnprocessableException(
                        "the gateway holds no claim " + claimId + ": only a claim sent to a payer can be matched"));
        OutboundClaim claim = sent.claim();
        if (!Objects.equals(claim.tenantId(), tenantId)) {
            throw new UnprocessableException("claim " + claimId + " is not a claim of practice " + tenantId);
        }
        Set<String> depositTenants = depositTenants(held.remittanceId());
        depositTenants.remove(claim.tenantId());
        if (!depositTenants.isEmpty()) {
            throw new UnprocessableException("deposit " + held.remittanceId() + " pays claims of practice "
                    + String.join(", ", depositTenants) + ", not of " + claim.tenantId() + " (claim " + claimId + ")");
        }
        Remittance.ClaimPayment payment = held.payment().payment();
        checkAmounts(remittanceClaimId, payment, claim);
        checkAwaiting(remittanceClaimId, payment, sent);

        RemittancePosting.Posted posted = posting.postKept(held.payment(), sent);
        remittances.matchByHand(remittanceClaimId, claimId, posted.outcome(), posted.overpaid(), user);
        String trace = held.payment().deposit().traceNumber();
        interchanges.recordClaimEvent(
                claimId,
                held.payment().interchangeId(),
                "835",
                "MATCHED_BY_HAND",
                "remittance claim " + remittanceClaimId + " of trace " + trace + " matched by " + user + ": "
                        + posted.outcome());
        LOG.info(
                "claim {}: remittance claim {} of trace {} matched by hand by {}: {}",
                claimId,
                remittanceClaimId,
                trace,
                user,
                posted.outcome());
        return new Matched(
                remittanceClaimId,
                held.remittanceId(),
                trace,
                claimId,
                posted.outcome(),
                payment.paidAmount(),
                payment.chargeAmount(),
                posted.overpaid(),
                "MANUAL",
                user);
    }

    /** The practices of the claims the deposit paid already. */
    private Set<String> depositTenants(long remittanceId) {
        Set<String> tenants = new TreeSet<>();
        remittances.find(remittanceId).orElseThrow().claims().stream()
                .map(Remittances.DepositClaim::claimId)
                .filter(Objects::nonNull)
                .distinct()
                .forEach(id -> claims.byClaimId(id)
                        .ifPresent(c -> tenants.add(c.claim().tenantId())));
        return tenants;
    }

    private static void checkAmounts(long id, Remittance.ClaimPayment payment, OutboundClaim claim) {
        Remittance alone = new Remittance(
                Long.toString(id),
                null,
                payment.paidAmount(),
                "C",
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(payment),
                List.of());
        List<String> problems = Balancing.problems(alone);
        if (!problems.isEmpty()) {
            throw new UnprocessableException("remittance claim " + id + " does not balance: " + problems);
        }
        BigDecimal charge = payment.chargeAmount().abs();
        if (charge.compareTo(claim.totalCharge()) != 0 && !linesOfTheClaim(payment, claim)) {
            throw new UnprocessableException("remittance claim " + id + " charges " + payment.chargeAmount()
                    + " (CLP03) but claim " + claim.claimId() + " charges " + claim.totalCharge()
                    + ", and its service lines are not lines of the claim with their charges");
        }
    }

    /** Each service line names (REF*6R) a line of the claim and charges what that line charges. */
    private static boolean linesOfTheClaim(Remittance.ClaimPayment payment, OutboundClaim claim) {
        Map<String, OutboundClaim.Line> byControl = claim.lines().stream()
                .filter(l -> l.lineItemControlNumber() != null)
                .collect(Collectors.toMap(OutboundClaim.Line::lineItemControlNumber, Function.identity(), (a, b) -> a));
        return !payment.lines().isEmpty()
                && payment.lines().stream()
                        .allMatch(s -> s.lineItemControlNumber() != null
                                && byControl.containsKey(s.lineItemControlNumber())
                                && byControl
                                                .get(s.lineItemControlNumber())
                                                .charge()
                                                .compareTo(s.chargeAmount().abs())
                                        == 0);
    }

    private static void checkAwaiting(long id, Remittance.ClaimPayment payment, SentClaim sent) {
        String claimId = sent.claim().claimId();
        if ("22".equals(payment.statusCode())) {
            if (sent.status() != ClaimStatus.PAID) {
                throw new ConflictException("remittance claim " + id + " is a reversal (CLP02 22) but claim " + claimId
                        + " is " + sent.status() + ", not PAID: there is no payment to take back");
            }
            return;
        }
        if (sent.status() == ClaimStatus.QUEUED || sent.status() == ClaimStatus.BATCHED) {
            throw new ConflictException("claim " + claimId + " is " + sent.status()
                    + ": it has not been sent to the payer yet, so no answer to it can have come");
        }
        if (!AWAITING.contains(sent.status())) {
            throw new ConflictException("claim " + claimId + " is " + sent.status()
                    + (sent.status() == ClaimStatus.REJECTED
                            ? ": the payer rejected it before adjudication; it waits for no answer"
                            : ": it has its payer's answer already; matching would post a second one"));
        }
    }
}
