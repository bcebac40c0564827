package io.claimflow.coding.queue;

import io.claimflow.coding.pipeline.CodingOutcomes;
import io.claimflow.coding.pipeline.EncounterRecord;
import io.claimflow.coding.pipeline.Encounters;
import io.claimflow.coding.rules.CodeSets;
import io.claimflow.coding.rules.CodeSystem;
import io.claimflow.coding.rules.CodedDiagnosis;
import io.claimflow.coding.rules.CodedLine;
import io.claimflow.coding.rules.Coding;
import io.claimflow.coding.rules.Drug;
import io.claimflow.coding.rules.Edit;
import io.claimflow.coding.rules.EncounterCoder;
import io.claimflow.coding.rules.IcdCode;
import io.claimflow.coding.rules.IcdCodes;
import io.claimflow.coding.rules.ProcedureCode;
import io.claimflow.platform.audit.AuditTrail;
import io.claimflow.platform.validation.InvalidInputException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The coder's side of the queue: list, read (with the documentation), finalize. Finalized codes pass the same
 * {@link io.claimflow.coding.rules.CodingEdits} as automatic coding; on success the next coding version goes out as
 * EncounterCoded naming the coder. Reads and finalizations go to the audit trail.
 */
@Service
public class CoderQueueService {

    /** A queue item with the encounter's documentation (the EncounterDocumented as stored: opaque bytes here). */
    public record ItemDetail(QueueItem item, byte[] documentation) {}

    /** What finalizing produced. */
    public record Finalized(String encounterId, int codingVersion, List<Edit> edits) {}

    static final String RESOURCE = "coder-queue-item";

    private final QueueItems items;
    private final Encounters encounters;
    private final CodingOutcomes outcomes;
    private final EncounterCoder coder;
    private final CodeSets codeSets;
    private final AuditTrail audit;

    public CoderQueueService(
            QueueItems items,
            Encounters encounters,
            CodingOutcomes outcomes,
            EncounterCoder coder,
            CodeSets codeSets,
            AuditTrail audit) {
        this.items = items;
        this.encounters = encounters;
        this.outcomes = outcomes;
        this.coder = coder;
        this.codeSets = codeSets;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public QueuePage list(QueueFilter filter) {
        QueuePage page = items.list(filter);
        // the listing shows encounter ids and dates of service: each item counts as read
        page.items().forEach(item -> audit.read(RESOURCE, Long.toString(item.id())));
        return page;
    }

    @Transactional(readOnly = true)
    public ItemDetail detail(long id) {
        QueueItem item = items.find(id).orElseThrow(() -> new QueueItemNotFoundException(id));
        EncounterRecord encounter = encounters
                .find(item.encounterId())
                .orElseThrow(() -> new IllegalStateException("Encounter of queue item " + id + " is missing"));
        audit.read(RESOURCE, Long.toString(id));
        return new ItemDetail(item, encounter.documentation());
    }

    @Transactional
    public Finalized finalizeItem(long id, FinalCoding coding, String coderId) {
        QueueItem item = items.lock(id).orElseThrow(() -> new QueueItemNotFoundException(id));
        if (item.status() != QueueItem.Status.OPEN) {
            throw new QueueItemClosedException(id);
        }
        EncounterRecord encounter = encounters
                .lock(item.encounterId())
                .orElseThrow(() -> new IllegalStateException("Encounter of queue item " + id + " is missing"));
        Coding final_ = toCoding(coding, encounter.encounter().dateOfService());
        List<Edit> edits = coder.edits().check(encounter.encounter(), final_.diagnoses(), final_.lines());
        if (edits.stream().anyMatch(Edit::blocking)) {
            throw new CodingRejectedException(edits);
        }
        Coding withEdits = new Coding(final_.diagnoses(), final_.lines(), edits, List.of());
        int version = outcomes.coded(
                encounter, item.causationId(), withEdits, coderId, item.recodeCause(), encounter.recodeAttempts());
        items.finalizeItem(id, coderId, version);
        audit.changed("coding.finalized", RESOURCE, Long.toString(id));
        return new Finalized(item.encounterId(), version, edits);
    }

    private Coding toCoding(FinalCoding coding, LocalDate dos) {
        if (coding == null || coding.diagnoses() == null || coding.lines() == null) {
            throw new InvalidInputException("diagnoses and lines are required");
        }
        List<CodedDiagnosis> diagnoses = new ArrayList<>();
        if (coding.lines().isEmpty()) {
            throw new InvalidInputException("at least one service line is required");
        }
        for (String code : coding.diagnoses()) {
            if (code == null || code.isBlank()) {
                throw new InvalidInputException("a diagnosis code is blank");
            }
            String dotted = IcdCodes.withDot(code);
            diagnoses.add(new CodedDiagnosis(
                    dotted,
                    codeSets.icd(dotted, dos).map(IcdCode::longDescription).orElse(null)));
        }
        List<CodedLine> lines = new ArrayList<>();
        int number = 0;
        for (FinalCoding.Line line : coding.lines()) {
            number++;
            if (line == null || line.code() == null || line.code().isBlank()) {
                throw new InvalidInputException("line " + number + " has no procedure code");
            }
            String code = line.code().trim().toUpperCase(Locale.ROOT);
            Optional<ProcedureCode> procedure = codeSets.procedure(code, dos);
            CodeSystem system = procedure
                    .map(ProcedureCode::system)
                    .orElse(Character.isDigit(code.charAt(0)) ? CodeSystem.CPT : CodeSystem.HCPCS);
            if (line.pointers() != null && line.pointers().contains(null)
                    || line.modifiers() != null && line.modifiers().contains(null)) {
                throw new InvalidInputException("line " + number + " has a blank pointer or modifier");
            }
            if (line.units() != null && line.units() < 1) {
                throw new InvalidInputException("line " + number + " needs at least 1 unit");
            }
            Drug drug = line.ndc() == null ? null : new Drug(line.ndc(), line.drugQuantity(), line.drugUnit());
            lines.add(new CodedLine(
                    number,
                    code,
                    system,
                    procedure.map(ProcedureCode::shortDescription).orElse(null),
                    line.modifiers() == null
                            ? List.of()
                            : line.modifiers().stream()
                                    .map(m -> m.trim().toUpperCase(Locale.ROOT))
                                    .toList(),
                    line.units() == null ? 1 : line.units(),
                    line.pointers() == null ? List.of() : line.pointers(),
                    drug));
        }
        return new Coding(diagnoses, lines, List.of(), List.of());
    }
}
