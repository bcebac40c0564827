package io.claimflow.patientbilling.statement.adapter;

import io.claimflow.patientbilling.statement.Statements;
import io.claimflow.patientbilling.statement.StoredStatement;
import io.claimflow.platform.audit.AuditTrail;
import io.claimflow.platform.validation.DateWithin;
import io.claimflow.platform.validation.InvalidInputException;
import io.claimflow.platform.validation.TenantId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Statement runs, statements, and each statement laid out as an HTML page or a PDF, over REST. */
@RestController
@Validated
class StatementController {

    record RunBody(
            @NotBlank @TenantId String tenantId,
            @DateWithin(yearsBack = 1, yearsAhead = 0) LocalDate asOf) {}

    private final Statements statements;
    private final AuditTrail auditTrail;
    private final Clock clock;

    StatementController(Statements statements, AuditTrail auditTrail, Clock clock) {
        this.statements = statements;
        this.auditTrail = auditTrail;
        this.clock = clock;
    }

    @PostMapping("/statement-runs")
    @PreAuthorize("hasRole('PATIENT_ACCOUNTS')")
    ResponseEntity<Statements.RunResult> run(@Valid @RequestBody RunBody body) {
        LocalDate today = LocalDate.now(clock);
        LocalDate asOf = body.asOf() == null ? today : body.asOf();
        if (asOf.isAfter(today)) {
            throw new InvalidInputException("a statement run cannot be dated in the future");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(statements.run(body.tenantId(), asOf));
    }

    @GetMapping("/statements")
    @PreAuthorize("hasRole('PATIENT_ACCOUNTS')")
    List<StoredStatement> list(
            @RequestParam(required = false) Long accountId, @RequestParam(required = false) Long runId) {
        List<StoredStatement> found = statements.ids(accountId, runId).stream()
                .map(statements::require)
                .toList();
        auditTrail.readAll(
                "statement", found.stream().map(s -> Long.toString(s.id())).toList());
        return found;
    }

    @GetMapping("/statements/{statementId}")
    @PreAuthorize("hasRole('PATIENT_ACCOUNTS')")
    StoredStatement statement(@PathVariable long statementId) {
        StoredStatement statement = statements.require(statementId);
        auditTrail.read("statement", Long.toString(statementId));
        return statement;
    }

    @GetMapping(value = "/statements/{statementId}/html", produces = MediaType.TEXT_HTML_VALUE)
    @PreAuthorize("hasRole('PATIENT_ACCOUNTS')")
    String html(@PathVariable long statementId) {
        String page = StatementHtml.render(statements.document(statementId));
        auditTrail.read("statement", Long.toString(statementId));
        return page;
    }

    @GetMapping(value = "/statements/{statementId}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @PreAuthorize("hasRole('PATIENT_ACCOUNTS')")
    ResponseEntity<byte[]> pdf(@PathVariable long statementId) {
        byte[] pdf = StatementPdf.render(statements.document(statementId));
        auditTrail.read("statement", Long.toString(statementId));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline()
                                .filename("statement-" + statementId + ".pdf")
                                .build()
                                .toString())
                .body(pdf);
    }
}
