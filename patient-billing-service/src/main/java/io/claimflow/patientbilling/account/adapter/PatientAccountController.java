package io.claimflow.patientbilling.account.adapter;

import io.claimflow.patientbilling.account.AccountQueries;
import io.claimflow.patientbilling.account.Aging;
import io.claimflow.patientbilling.account.AgingBucket;
import io.claimflow.patientbilling.account.OpenClaim;
import io.claimflow.patientbilling.account.PatientPayments;
import io.claimflow.patientbilling.account.PaymentPlans;
import io.claimflow.patientbilling.config.PatientBillingProperties;
import io.claimflow.platform.audit.AuditTrail;
import io.claimflow.platform.money.Money;
import io.claimflow.platform.validation.DateWithin;
import io.claimflow.platform.validation.Identifier;
import io.claimflow.platform.validation.TenantId;
import io.claimflow.platform.web.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Patient accounts over REST, for patient account staff answering patient questions: balance, aging and ledger;
 * account lists by balance; patient payments; payment plans; the aging report.
 */
@RestController
@Validated
class PatientAccountController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** A patient payment as entered. */
    record PaymentBody(
            @NotNull
            @Positive
            @Digits(integer = 10, fraction = 2, message = "must be dollars and cents (at most 2 decimals)")
            BigDecimal amount,

            @NotNull @Pattern(regexp = "CASH|CHECK|CARD|ACH|OTHER", message = "must be CASH, CHECK, CARD, ACH or OTHER")
            String method,

            @Size(max = 64) String reference,
            @DateWithin(yearsBack = 2, yearsAhead = 0) LocalDate receivedOn,
            @Size(max = 64) @Identifier String claimId) {}

    /** Why a payment is reversed. */
    record ReversalBody(@NotBlank @Size(max = 2000) String reason) {}

    /** A refund of patient credit as entered. */
    record RefundBody(
            @NotNull
            @Positive
            @Digits(integer = 10, fraction = 2, message = "must be dollars and cents (at most 2 decimals)")
            BigDecimal amount,

            @NotNull @Pattern(regexp = "CASH|CHECK|CARD|ACH|OTHER", message = "must be CASH, CHECK, CARD, ACH or OTHER")
            String method,

            @NotBlank @Size(max = 2000) String reason) {}

    /** A payment plan request. */
    record PlanBody(
            @Min(2) @Max(60) int installments,

            @NotNull @DateWithin(yearsBack = 0, yearsAhead = 1)
            LocalDate firstDueDate) {}

    record AccountSummary(long id, String tenantId, String accountNumber, String patientRef, BigDecimal balance) {}

    record Page<T>(List<T> items, int page, int size, long total) {}

    record AgingView(Map<String, BigDecimal> buckets, BigDecimal credit, BigDecimal balance) {

        static AgingView of(Aging aging) {
            Map<String, BigDecimal> buckets = new LinkedHashMap<>();
            for (AgingBucket bucket : AgingBucket.values()) {
                buckets.put(bucket.name(), aging.buckets().get(bucket));
            }
            return new AgingView(buckets, aging.credit(), aging.balance());
        }
    }

    record AccountView(
            long id,
            String tenantId,
            String accountNumber,
            String patientRef,
            String guarantorName,
            List<String> address,
            BigDecimal balance,
            BigDecimal credit,
            AgingView aging,
            List<OpenClaim> openClaims,
            int statementsSinceLastPayment,
            boolean collections,
            PaymentPlans.Plan paymentPlan,
            List<AccountQueries.LedgerLine> ledger,
            List<AccountQueries.PendingWithInsurance> pendingWithInsurance) {}

    record AgingReport(String tenantId, LocalDate asOf, int accounts, AgingView aging) {}

    private final AccountQueries accounts;
    private final PatientPayments payments;
    private final PaymentPlans plans;
    private final AuditTrail auditTrail;
    private final Clock clock;
    private final PatientBillingProperties properties;

    PatientAccountController(
            AccountQueries accounts,
            PatientPayments payments,
            PaymentPlans plans,
            AuditTrail auditTrail,
            Clock clock,
            PatientBillingProperties properties) {
        this.properties = properties;
        this.accounts = accounts;
        this.payments = payments;
        this.plans = plans;
        this.auditTrail = auditTrail;
        this.clock = clock;
    }

    @GetMapping("/patient-accounts/{accountId}")
    @PreAuthorize("hasRole('PATIENT_ACCOUNTS')")
    AccountView account(
            @PathVariable long accountId,
            @RequestParam(required = false) @DateWithin(yearsBack = 100, yearsAhead = 10) LocalDate asOf,
            @RequestParam(defaultValue = "200") @Min(1) @Max(1000) int ledgerLines) {
        AccountQueries.Account account = accounts.require(accountId);
        LocalDate day = asOf == null ? LocalDate.now(clock) : asOf;
        List<OpenClaim> open = accounts.openClaims(accountId);
        BigDecimal credit = accounts.credit(accountId);
        Aging aging = Aging.of(open, credit, day);
        BigDecimal balance = accounts.balance(accountId);
        int unpaidStatements = accounts.statementsSinceLastPayment(accountId);
        PaymentPlans.Plan plan = plans.active(accountId, day).orElse(null);
        // a patient keeping to a payment plan is not sent to collections
        boolean collections = balance.signum() > 0
                && unpaidStatements >= properties.collectionsAfterStatements()
                && (plan == null || plan.progress().missedPayment());
        auditTrail.read("patient-account", Long.toString(accountId));
        return new AccountView(
                account.id(),
                account.tenantId(),
                account.accountNumber(),
                account.patientRef(),
                account.guarantorName(),
                account.addressLines(),
                balance,
                credit,
                AgingView.of(aging),
                open,
                unpaidStatements,
                collections,
                plan,
                accounts.ledger(accountId, ledgerLines),
                accounts.pendingWithInsurance(accountId));
    }

    @GetMapping("/patient-accounts")
    @PreAuthorize("hasRole('PATIENT_ACCOUNTS')")
    Page<AccountSummary> accounts(
            @RequestParam @NotBlank @TenantId String tenantId,
            @RequestParam(required = false) BigDecimal minBalance,
            @RequestParam(required = false) BigDecimal maxBalance,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        List<AccountSummary> items = accounts.accounts(tenantId, minBalance, maxBalance, page, size).stream()
                .map(a -> new AccountSummary(
                        a.id(), a.tenantId(), a.tenantId() + "-" + a.id(), a.patientRef(), a.balance()))
                .toList();
        auditTrail.readAll(
                "patient-account",
                items.stream().map(a -> Long.toString(a.id())).toList());
        return new Page<>(items, page, size, accounts.countAccounts(tenantId, minBalance, maxBalance));
    }

    @PostMapping("/patient-accounts/{accountId}/payments")
    @PreAuthorize("hasRole('PATIENT_ACCOUNTS')")
    ResponseEntity<PatientPayments.RecordedPayment> recordPayment(
            @PathVariable long accountId,
            @RequestHeader(IDEMPOTENCY_KEY) @NotBlank @Size(max = 100) String idempotencyKey,
            @Valid @RequestBody PaymentBody body) {
        PatientPayments.RecordedPayment payment = payments.record(
                accountId,
                idempotencyKey,
                new PatientPayments.PaymentRequest(
                        Money.of(body.amount()), body.method(), body.reference(), body.receivedOn(), body.claimId()));
        return createdOrRepeated(payment.created(), payment);
    }

    /** The account's payments, newest first, each with its state (posted or reversed, and why). */
    @GetMapping("/patient-accounts/{accountId}/payments")
    @PreAuthorize("hasRole('PATIENT_ACCOUNTS')")
    List<PatientPayments.Receipt> payments(
            @PathVariable long accountId, @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        List<PatientPayments.Receipt> list = payments.payments(accountId, size);
        auditTrail.read("patient-account", Long.toString(accountId));
        return list;
    }

    /** One payment's receipt. */
    @GetMapping("/patient-accounts/{accountId}/payments/{paymentId}")
    @PreAuthorize("hasRole('PATIENT_ACCOUNTS')")
    PatientPayments.Receipt receipt(@PathVariable long accountId, @PathVariable long paymentId) {
        PatientPayments.Receipt receipt = payments.receipt(accountId, paymentId);
        auditTrail.read("patient-account", Long.toString(accountId));
        return receipt;
    }

    /** Reverses a payment with a reason (201), once: asking again answers with the same reversal (200). */
    @PostMapping("/patient-accounts/{accountId}/payments/{paymentId}/reversal")
    @PreAuthorize("hasRole('PATIENT_ACCOUNTS')")
    ResponseEntity<PatientPayments.Reversal> reverse(
            @PathVariable long accountId, @PathVariable long paymentId, @Valid @RequestBody ReversalBody body) {
        PatientPayments.Reversal reversal =
                payments.reverse(accountId, paymentId, body.reason().strip(), user());
        return createdOrRepeated(reversal.created(), reversal);
    }

    /** Pays patient credit back (201), once per {@code Idempotency-Key} (200 again); 409 above the credit. */
    @PostMapping("/patient-accounts/{accountId}/refunds")
    @PreAuthorize("hasRole('PATIENT_ACCOUNTS')")
    ResponseEntity<PatientPayments.RecordedRefund> refund(
            @PathVariable long accountId,
            @RequestHeader(IDEMPOTENCY_KEY) @NotBlank @Size(max = 100) String idempotencyKey,
            @Valid @RequestBody RefundBody body) {
        PatientPayments.RecordedRefund refund = payments.refund(
                accountId,
                idempotencyKey,
                new PatientPayments.RefundRequest(
                        Money.of(body.amount()), body.method(), body.reason().strip()),
                user());
        return createdOrRepeated(refund.created(), refund);
    }

    /** 201 with what the request created, or 200 with the same answer to its repeat (the same idempotency key). */
    private static <T> ResponseEntity<T> createdOrRepeated(boolean created, T body) {
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .body(body);
    }

    private static String user() {
        var caller = SecurityContextHolder.getContext().getAuthentication();
        return caller == null ? "system" : caller.getName();
    }

    @PostMapping("/patient-accounts/{accountId}/payment-plans")
    @PreAuthorize("hasRole('PATIENT_ACCOUNTS')")
    ResponseEntity<PaymentPlans.Plan> createPlan(@PathVariable long accountId, @Valid @RequestBody PlanBody body) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(plans.create(accountId, body.installments(), body.firstDueDate(), LocalDate.now(clock)));
    }

    @GetMapping("/patient-accounts/{accountId}/payment-plan")
    @PreAuthorize("hasRole('PATIENT_ACCOUNTS')")
    PaymentPlans.Plan plan(@PathVariable long accountId) {
        accounts.require(accountId);
        PaymentPlans.Plan plan = plans.active(accountId, LocalDate.now(clock))
                .orElseThrow(() -> new NotFoundException("patient account " + accountId + " has no active plan"));
        auditTrail.read("patient-account", Long.toString(accountId));
        return plan;
    }

    @GetMapping("/reports/aging")
    @PreAuthorize("hasRole('PATIENT_ACCOUNTS')")
    AgingReport aging(
            @RequestParam @NotBlank @TenantId String tenantId,
            @RequestParam(required = false) @DateWithin(yearsBack = 100, yearsAhead = 10) LocalDate asOf) {
        LocalDate day = asOf == null ? LocalDate.now(clock) : asOf;
        Map<Long, List<OpenClaim>> open = accounts.openClaimsByAccount(tenantId);
        Aging total = open.values().stream()
                .map(claims -> Aging.of(claims, Money.ZERO, day))
                .reduce(Aging.none(), Aging::plus);
        return new AgingReport(tenantId, day, open.size(), AgingView.of(total));
    }
}
