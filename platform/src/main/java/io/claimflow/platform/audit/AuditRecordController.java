package io.claimflow.platform.audit;

import io.claimflow.platform.web.BadRequestException;
import java.time.Instant;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /audit/records?user=&resourceType=&resourceId=&action=&from=&to=&page=&size=}: the AUDITOR searches the
 * service's audit trail, newest first ({@code from}/{@code to} are ISO-8601 instants, {@code to} exclusive).
 * Searching is itself recorded ({@code read} of resource type {@code audit-record}).
 */
@RestController
@RequestMapping("/audit/records")
class AuditRecordController {

    private final AuditRecords records;
    private final AuditTrail auditTrail;

    AuditRecordController(AuditRecords records, AuditTrail auditTrail) {
        this.records = records;
        this.auditTrail = auditTrail;
    }

    @GetMapping
    @PreAuthorize("hasRole('AUDITOR')")
    AuditPage search(
            @RequestParam(required = false) String user,
            @RequestParam(required = false) String resourceType,
            @RequestParam(required = false) String resourceId,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        AuditQuery query;
        try {
            query = new AuditQuery(user, resourceType, resourceId, action, from, to, page, size);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        AuditPage result = records.search(query);
        auditTrail.read("audit-record", null);
        return result;
    }
}
