package io.claimflow.claim.submission;

import io.claimflow.claim.denial.RecodeAttempts;
import io.claimflow.claim.model.Actor;
import io.claimflow.claim.model.Claim;
import io.claimflow.claim.model.ClaimPolicy;
import io.claimflow.claim.model.ClaimRepository;
import io.claimflow.claim.model.ClaimStatus;
import io.claimflow.claim.model.CodedEncounter;
import io.claimflow.claim.model.ScrubFinding;
import io.claimflow.claim.workitem.OpenBalanceWork;
import io.claimflow.claim.workitem.WorkItems;
import io.claimflow.claim.workitem.WorkQueue;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Coded encounter in, claim out: builds the encounter's claim, scrubs it and either holds it with its reasons or
 * submits it (ClaimSubmitted through the outbox, in the same transaction as the state). A newer coding of an
 * encounter whose claim the payer denied becomes a corrected claim (frequency 7) replacing it. An older or repeated
 * coding version changes nothing. Every encounter has exactly one current claim.
 */
@Service
public class ClaimSubmission {

    private static final Logger log = LoggerFactory.getLogger(ClaimSubmission.class);
    static final Actor ASSEMBLY = Actor.system("claim-assembly");
    static final Actor SCRUBBER = Actor.system("scrubber");

    private final ClaimRepository claims;
    private final ClaimAssembler assembler;
    private final Scrubber scrubber;
    private final SubmittedClaims submitted;
    private final RecodeAttempts recodeAttempts;
    private final WorkItems workItems;
    private final ClaimPolicy policy;
    private final Clock clock;

    public ClaimSubmission(
            ClaimRepository claims,
            ClaimAssembler assembler,
            Scrubber scrubber,
            SubmittedClaims submitted,
            RecodeAttempts recodeAttempts,
            WorkItems workItems,
            ClaimPolicy policy,
            Clock clock) {
        this.claims = claims;
        this.assembler = assembler;
        this.scrubber = scrubber;
        this.submitted = submitted;
        this.recodeAttempts = recodeAttempts;
        this.workItems = workItems;
        this.policy = policy;
        this.clock = clock;
    }

    /** What became of a coded encounter. */
    public enum Outcome {
        SUBMITTED,
        HELD,
        IGNORED_OLD_VERSION,
        PARKED_FOR_BILLER
    }

    @Transactional
    public Outcome onEncounterCoded(CodedEncounter encounter) {
        Instant now = clock.instant();
        ClaimRepository.VisitClaims visit = claims.currentForUpdateWithSameDayClaims(
                encounter.encounterId(), encounter.tenantId(), encounter.patientMrn(), encounter.dateOfService());
        Optional<Claim> existing = visit.current();
        if (existing.isEmpty()) {
            Claim claim = assembler.assemble(encounter, numbers(encounter), null, ASSEMBLY, now);
            return scrubAndStore(claim, true, SCRUBBER, encounter.eventId(), now, visit.isDuplicate(claim));
        }
        Claim current = existing.get();
        if (encounter.codingVersion() <= current.codingVersion()) {
            log.info(
                    "Encounter {} coding version {} is not newer than claim {} (version {}); nothing changed",
                    encounter.encounterId(),
                    encounter.codingVersion(),
                    current.claimId(),
                    current.codingVersion());
            return Outcome.IGNORED_OLD_VERSION;
        }
        if (!current.status().canBecome(ClaimStatus.REPLACED)
                || (current.status().awaitsPayer() && current.payerClaimNumber() == null)) {
            // e.g. submitted and not yet answered: nothing at the payer to replace yet, and a second original
            // would be a duplicate; a biller decides (void later, or wait for the answer)
            current.note(
                    ASSEMBLY,
                    "coding version " + encounter.codingVersion() + " arrived while the claim is " + current.status()
                            + "; left for a biller",
                    encounter.eventId(),
                    now);
            claims.update(current);
            workItems.add(
                    current.claimId(),
                    WorkQueue.RECODE,
                    "RECODED_WHILE_" + current.status(),
                    "coding version " + encounter.codingVersion() + " arrived while claim " + current.claimId() + " is "
                            + current.status() + " (version " + current.codingVersion() + ")",
                    encounter.eventId(),
                    now);
            log.info(
                    "Encounter {} recoded (version {}) while claim {} is {}; parked for a biller",
                    encounter.encounterId(),
                    encounter.codingVersion(),
                    current.claimId(),
                    current.status());
            return Outcome.PARKED_FOR_BILLER;
        }
        Claim corrected = assembler.assemble(encounter, numbers(encounter), current, ASSEMBLY, now);
        current.transitionTo(
                ClaimStatus.REPLACED,
                ASSEMBLY,
                "replaced by claim " + corrected.claimId() + " built from coding version " + encounter.codingVersion(),
                encounter.eventId(),
                now);
        claims.update(current); // first, so the encounter never has two current claims
        workItems.resolveOpen(current.claimId(), ASSEMBLY.id(), now);
        OpenBalanceWork.trackPayerMoney(current, workItems, encounter.eventId(), now);
        Outcome outcome =
                scrubAndStore(corrected, true, SCRUBBER, encounter.eventId(), now, visit.isDuplicate(corrected));
        recodeAttempts.linkResult(encounter.encounterId(), corrected.claimId());
        return outcome;
    }

    /**
     * Stores a claim built outside assembly (the next payer's claim of a visit), scrubbed: submitted and announced
     * when clean, held with its findings otherwise. Runs in the caller's transaction.
     */
    @Transactional
    public Outcome submitNew(Claim claim, Actor actor, String causeEventId) {
        return scrubAndStore(claim, true, actor, causeEventId, clock.instant(), null);
    }

    /** A fresh claim id and patient control number for a claim of {@code tenantId}. */
    public ClaimNumbers newNumbers(String tenantId) {
        return ClaimNumbers.of(
                claims.nextClaimNumber(), tenantId, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    /**
     * Scrubs {@code claim}; a clean claim becomes SUBMITTED and is announced, one with findings becomes (or stays)
     * HELD with them as its open reasons.
     *
     * @return the findings; empty when submitted
     */
    @Transactional
    public List<ScrubFinding> scrubAndSubmit(Claim claim, Actor actor, String causeEventId) {
        Instant now = clock.instant();
        scrubAndStore(claim, false, actor, causeEventId, now, null);
        return claims.openFindings(claim.claimId());
    }

    // knownDuplicate: the duplicate check answered already (read with the encounter's current claim); null: ask now
    private Outcome scrubAndStore(
            Claim claim, boolean isNew, Actor actor, String causeEventId, Instant now, Boolean knownDuplicate) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        String payerId = claim.coverage() == null ? null : claim.coverage().payerId();
        boolean duplicate = knownDuplicate != null
                ? knownDuplicate
                : claims.hasDuplicate(
                        claim.tenantId(),
                        claim.patientMrn(),
                        claim.dateOfService(),
                        claim.serviceKey(),
                        claim.encounterId());
        List<ScrubFinding> findings =
                scrubber.scrub(claim, new Scrubber.Context(today, policy.timelyFilingDaysFor(payerId), duplicate));
        Outcome outcome;
        if (findings.isEmpty()) {
            claim.transitionTo(ClaimStatus.SUBMITTED, actor, "passed the scrubber", causeEventId, now);
            outcome = Outcome.SUBMITTED;
        } else {
            String reasons = String.join(
                    "; ",
                    findings.stream().map(f -> f.ruleId() + ": " + f.message()).toList());
            if (claim.status() == ClaimStatus.HELD) {
                claim.note(actor, "still held: " + reasons, causeEventId, now);
            } else {
                claim.transitionTo(ClaimStatus.HELD, SCRUBBER, reasons, causeEventId, now);
            }
            outcome = Outcome.HELD;
        }
        if (isNew) {
            claims.insert(claim);
        } else {
            claims.update(claim);
        }
        if (!isNew || !findings.isEmpty()) {
            claims.replaceFindings(claim.claimId(), findings, now);
        }
        if (outcome == Outcome.SUBMITTED) {
            // a release by a person still traces back to the coding the claim was built from
            submitted.publish(claim, causeEventId != null ? causeEventId : claim.sourceEventId(), now);
            log.debug(
                    "Claim {} for encounter {} submitted (frequency {}, {} lines, total {})",
                    claim.claimId(),
                    claim.encounterId(),
                    claim.frequency().code(),
                    claim.lines().size(),
                    claim.totalCharge());
        } else {
            log.info(
                    "Claim {} for encounter {} held: {}",
                    claim.claimId(),
                    claim.encounterId(),
                    findings.stream().map(ScrubFinding::ruleId).distinct().toList());
        }
        return outcome;
    }

    private ClaimNumbers numbers(CodedEncounter encounter) {
        return ClaimNumbers.of(
                claims.nextClaimNumber(), encounter.tenantId(), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }
}
