package io.claimflow.coding.queue.adapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimflow.coding.config.CodingProperties;
import io.claimflow.coding.pipeline.DenialReason;
import io.claimflow.coding.pipeline.HeldEncounter;
import io.claimflow.coding.queue.CoderQueueService;
import io.claimflow.coding.queue.FinalCoding;
import io.claimflow.coding.queue.QueueFilter;
import io.claimflow.coding.queue.QueueItem;
import io.claimflow.coding.queue.QueuePage;
import io.claimflow.coding.rules.Coding;
import io.claimflow.coding.rules.Edit;
import io.claimflow.coding.rules.HoldReason;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.platform.validation.DateWithin;
import io.claimflow.platform.validation.InvalidInputException;
import io.claimflow.platform.validation.TenantId;
import io.claimflow.schemas.json.JsonRecords;
import io.claimflow.schemas.serde.StoredRecords;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The coder work queue over REST, for coders.
 *
 * <pre>
 * GET  /coder-queue?status=OPEN&amp;tenantId=&amp;kind=INITIAL|RECODE&amp;reason=SNOMED-UNMAPPED&amp;dateFrom=&amp;dateTo=&amp;page=0&amp;size=20
 * GET  /coder-queue/{id}             documentation, suggested codes, hold reasons
 * POST /coder-queue/{id}/finalize    {"diagnoses": ["E11.9"], "lines": [{"code": "99213", "pointers": [1]}]}
 * </pre>
 */
@RestController
@RequestMapping("/coder-queue")
class CoderQueueController {

    /** Listing row: no documentation, only what a coder picks work by. */
    record Summary(
            long id,
            String encounterId,
            String tenantId,
            LocalDate dateOfService,
            String kind,
            String status,
            List<String> reasons,
            Instant createdAt,
            String finalizedBy,
            Integer codingVersion) {}

    record Page(List<Summary> items, int page, int size, long total) {}

    record Detail(
            long id,
            String encounterId,
            String tenantId,
            LocalDate dateOfService,
            String kind,
            String status,
            List<HoldReason> reasons,
            Coding suggestion,
            Object recodeCause,
            Object documentation,
            Instant createdAt,
            Instant finalizedAt,
            String finalizedBy,
            Integer codingVersion) {}

    record FinalizeResponse(String encounterId, int codingVersion, String coderId, List<Edit> edits) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CoderQueueService queue;
    private final CodingProperties properties;

    CoderQueueController(CoderQueueService queue, CodingProperties properties) {
        this.queue = queue;
        this.properties = properties;
    }

    @GetMapping
    @PreAuthorize("hasRole('CODER')")
    Page list(
            @RequestParam(defaultValue = "OPEN") String status,
            @RequestParam(required = false) @TenantId String tenantId,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) @Size(max = 40) @Pattern(regexp = "[A-Za-z0-9_-]*") String reason,
            @RequestParam(required = false)
                    @DateWithin(yearsBack = 100, yearsAhead = 10)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate dateFrom,
            @RequestParam(required = false)
                    @DateWithin(yearsBack = 100, yearsAhead = 10)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate dateTo,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        if (page < 0 || size < 1 || size > properties.maxPageSize()) {
            throw new InvalidInputException("page must be 0 or more and size 1 to " + properties.maxPageSize());
        }
        QueueItem.Status wantedStatus =
                "ALL".equalsIgnoreCase(status) ? null : parse(QueueItem.Status.class, status, "status");
        HeldEncounter.QueueKind wantedKind = kind == null ? null : parse(HeldEncounter.QueueKind.class, kind, "kind");
        QueuePage result =
                queue.list(new QueueFilter(wantedStatus, tenantId, wantedKind, reason, dateFrom, dateTo, page, size));
        return new Page(
                result.items().stream().map(CoderQueueController::summary).toList(),
                result.page(),
                result.size(),
                result.total());
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasRole('CODER')")
    Detail detail(@PathVariable long id) {
        CoderQueueService.ItemDetail detail = queue.detail(id);
        QueueItem item = detail.item();
        Object cause = null;
        if (item.recodeCause() != null) {
            cause = Map.of(
                    "claimId",
                    item.recodeCause().claimId(),
                    "previousCodingVersion",
                    item.recodeCause().previousCodingVersion(),
                    "attempt",
                    item.recodeCause().attempt(),
                    "reason",
                    reason(item.recodeCause().reason()));
        }
        return new Detail(
                item.id(),
                item.encounterId(),
                item.tenantId(),
                item.dateOfService(),
                item.kind().name(),
                item.status().name(),
                item.reasons(),
                item.suggestion(),
                cause,
                json(JsonRecords.write(StoredRecords.read(detail.documentation(), EncounterDocumented.class))),
                item.createdAt(),
                item.finalizedAt(),
                item.finalizedBy(),
                item.codingVersion());
    }

    @PostMapping("/{id}/finalize")
    @PreAuthorize("hasRole('CODER')")
    FinalizeResponse finalizeItem(@PathVariable long id, @Valid @RequestBody FinalCoding coding) {
        String coder = currentUser();
        CoderQueueService.Finalized finalized = queue.finalizeItem(id, coding, coder);
        return new FinalizeResponse(finalized.encounterId(), finalized.codingVersion(), coder, finalized.edits());
    }

    /** The authenticated user; until method security is switched on there may be none. */
    static String currentUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated()) {
            return "unauthenticated";
        }
        return authentication.getName();
    }

    private static Summary summary(QueueItem item) {
        return new Summary(
                item.id(),
                item.encounterId(),
                item.tenantId(),
                item.dateOfService(),
                item.kind().name(),
                item.status().name(),
                item.reasons().stream().map(HoldReason::code).distinct().toList(),
                item.createdAt(),
                item.finalizedBy(),
                item.codingVersion());
    }

    /** The denial reason in the event's plain JSON shape: every field in schema order, amounts as "12.00". */
    static Map<String, Object> reason(DenialReason reason) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("stage", reason.stage());
        shown.put("category", reason.category());
        shown.put("payerClaimNumber", reason.payerClaimNumber());
        shown.put(
                "adjustments",
                reason.adjustments().stream()
                        .map(a -> {
                            Map<String, Object> adjustment = new LinkedHashMap<>();
                            adjustment.put("groupCode", a.groupCode());
                            adjustment.put("reasonCode", a.reasonCode());
                            adjustment.put(
                                    "amount",
                                    a.amount()
                                            .setScale(2, RoundingMode.UNNECESSARY)
                                            .toPlainString());
                            return adjustment;
                        })
                        .toList());
        shown.put("remarkCodes", reason.remarkCodes());
        shown.put(
                "rejections",
                reason.rejections().stream()
                        .map(r -> {
                            Map<String, Object> rejection = new LinkedHashMap<>();
                            rejection.put("code", r.code());
                            rejection.put("description", r.description());
                            rejection.put("location", r.location());
                            return rejection;
                        })
                        .toList());
        shown.put("payerText", reason.payerText());
        shown.put("affectedLineNumbers", reason.affectedLineNumbers());
        return shown;
    }

    private static Object json(String text) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON cannot be read", e);
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String name) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(name + " must be one of " + List.of(type.getEnumConstants()));
        }
    }
}
