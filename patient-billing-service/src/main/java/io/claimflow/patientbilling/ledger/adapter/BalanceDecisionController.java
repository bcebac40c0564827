package io.claimflow.patientbilling.ledger.adapter;

import io.claimflow.patientbilling.ledger.PostingRules;
import io.claimflow.patientbilling.ledger.Postings;
import io.claimflow.platform.audit.AuditTrail;
import io.claimflow.platform.money.Money;
import io.claimflow.platform.web.ConflictException;
import io.claimflow.platform.web.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.NoSuchElementException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The patient ledger's half of a biller's decision on a lost appeal (claim-service's
 * {@code POST /claims/{claimId}/lost-appeal-decision} is the other): the open insurance balance of the claim is
 * written off or billed to the patient. The request carries the amount claim-service moved; another amount open here
 * is refused (409) so the two views cannot disagree. Posting the same decision twice posts once (200 both times).
 */
@RestController
class BalanceDecisionController {

    private final Postings postings;
    private final AuditTrail auditTrail;
    private final Clock clock;

    BalanceDecisionController(Postings postings, AuditTrail auditTrail, Clock clock) {
        this.postings = postings;
        this.auditTrail = auditTrail;
        this.clock = clock;
    }

    record DecisionBody(
            @NotBlank @Size(max = 100) String tenantId,
            @NotBlank String decision,
            @NotNull BigDecimal amount) {}

    record Decided(String claimId, String decision, BigDecimal amount, boolean posted) {}

    @PostMapping("/claims/{claimId}/lost-appeal-decision")
    @PreAuthorize("hasRole('BILLER')")
    ResponseEntity<Decided> decide(@PathVariable String claimId, @Valid @RequestBody DecisionBody body) {
        PostingRules.BalanceDecision decision = Arrays.stream(PostingRules.BalanceDecision.values())
                .filter(d -> d.name().equals(body.decision()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "decision must be one of " + Arrays.toString(PostingRules.BalanceDecision.values())));
        BigDecimal amount = Money.of(body.amount());
        boolean posted;
        try {
            posted = postings.decideBalance(
                            body.tenantId(),
                            claimId,
                            decision,
                            amount,
                            LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC))
                    .isPresent();
        } catch (NoSuchElementException e) {
            throw new NotFoundException("no such claim of this tenant is known here");
        } catch (IllegalStateException e) {
            throw new ConflictException(e.getMessage());
        }
        auditTrail.changed("claim.lost-appeal-decided", "claim", claimId);
        return ResponseEntity.ok(new Decided(claimId, decision.name(), amount, posted));
    }
}
