package io.claimflow.claim.model.adapter;

import io.claimflow.claim.model.Actor;
import io.claimflow.claim.model.Claim;
import io.claimflow.claim.model.ClaimLine;
import io.claimflow.claim.model.ClaimRepository;
import io.claimflow.claim.model.ClaimStatus;
import io.claimflow.claim.model.CoverageRef;
import io.claimflow.claim.model.Diagnosis;
import io.claimflow.claim.model.PriorAdjudication;
import io.claimflow.claim.model.ProviderRef;
import io.claimflow.claim.model.ScrubFinding;
import io.claimflow.claim.model.StatusChange;
import io.claimflow.codes.Frequency;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Claims in tables {@code claim}, {@code claim_line}, {@code claim_diagnosis} and {@code claim_status_history}. */
@Repository
class JdbcClaimRepository implements ClaimRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    JdbcClaimRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** The next number of the block this instance took from the sequence, and the block's last (V111). */
    private long nextNumber = 1;

    private long lastNumber;

    /**
     * A number of the block of {@code claim_number_seq}'s increment that one nextval reserved for this instance: one
     * statement per block instead of per claim (issue 22).
     */
    @Override
    public synchronized long nextClaimNumber() {
        if (nextNumber > lastNumber) {
            jdbc.sql("SELECT nextval('claim_number_seq'), s.seqincrement FROM pg_sequence s "
                            + "WHERE s.seqrelid = CAST('claim_number_seq' AS regclass)")
                    .query(rs -> {
                        nextNumber = rs.getLong(1);
                        lastNumber = nextNumber + Math.max(1, rs.getLong(2)) - 1;
                    });
        }
        return nextNumber++;
    }

    /**
     * The claim, its diagnoses, its lines and its first timeline entries in one statement (issue 22: four before):
     * the diagnoses, lines and entries as arrays of their columns, inserted from the claim row the statement returns.
     */
    @Override
    public void insert(Claim c) {
        CoverageRef cov = c.coverage();
        ProviderRef billing = c.billing();
        int dx = c.diagnoses().size();
        String[] dxCodes = new String[dx];
        String[] dxDescriptions = new String[dx];
        for (int i = 0; i < dx; i++) {
            dxCodes[i] = c.diagnoses().get(i).code();
            dxDescriptions[i] = c.diagnoses().get(i).description();
        }
        String[][] history = timelineColumns(c);
        int n = c.lines().size();
        String[] numbers = new String[n];
        String[] controlNumbers = new String[n];
        String[] procedures = new String[n];
        String[] modifiers = new String[n];
        String[] units = new String[n];
        String[] pointers = new String[n];
        String[] dates = new String[n];
        String[] places = new String[n];
        String[] prices = new String[n];
        String[] charges = new String[n];
        for (int i = 0; i < n; i++) {
            ClaimLine line = c.lines().get(i);
            numbers[i] = String.valueOf(line.lineNumber());
            controlNumbers[i] = line.lineItemControlNumber();
            procedures[i] = line.procedureCode();
            modifiers[i] = String.join(",", line.modifiers());
            units[i] = String.valueOf(line.units());
            pointers[i] = joinInts(line.diagnosisPointers());
            dates[i] =
                    line.dateOfService() == null ? null : line.dateOfService().toString();
            places[i] = line.placeOfService();
            prices[i] = line.unitPrice() == null ? null : line.unitPrice().toPlainString();
            charges[i] = line.charge() == null ? null : line.charge().toPlainString();
        }
        jdbc.sql("""
                WITH c AS (
                    INSERT INTO claim (claim_id, encounter_id, tenant_id, coding_version, frequency, status,
                        is_current, patient_control_number, replaced_claim_id, replaced_payer_claim_number,
                        payer_claim_number, date_of_service, place_of_service, prior_authorization_number,
                        patient_mrn, payer_id, payer_name, member_id, subscriber_relationship, billing_npi,
                        billing_tax_id, billing_tax_id_type, billing_has_address, rendering_npi, referring_npi,
                        total_charge, paid_amount, patient_responsibility, adjusted_amount, service_key,
                        source_event_id, encounter_coded, created_at, submitted_at, updated_at, payer_sequence,
                        prior_payer_claim_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                        ?, ?, ?, ?, ?, ?, ?, ?)
                    RETURNING claim_id),
                d AS (
                    INSERT INTO claim_diagnosis (claim_id, position, code, description)
                    SELECT c.claim_id, x.position, x.code, x.description
                    FROM c, unnest(CAST(? AS text[]), CAST(? AS text[])) WITH ORDINALITY AS x (code, description,
                        position)),
                t AS (
                    INSERT INTO claim_status_history (claim_id, from_status, to_status, changed_at, actor_kind,
                        actor_id, reason, cause_event_id)
                    SELECT c.claim_id, h.from_status, h.to_status, h.changed_at, h.actor_kind, h.actor_id, h.reason,
                        h.cause_event_id
                    FROM c, """ + TIMELINE_ROWS + """
                    ORDER BY h.n)
                INSERT INTO claim_line (claim_id, line_number, line_item_control_number, procedure_code, modifiers,
                    units, diagnosis_pointers, date_of_service, place_of_service, unit_price, charge)
                SELECT c.claim_id, l.line_number, l.control_number, l.procedure_code, l.modifiers, l.units,
                    l.pointers, l.date_of_service, l.place_of_service, l.unit_price, l.charge
                FROM c, unnest(CAST(? AS int[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                        CAST(? AS int[]), CAST(? AS text[]), CAST(? AS date[]), CAST(? AS text[]),
                        CAST(? AS numeric[]), CAST(? AS numeric[]))
                    AS l (line_number, control_number, procedure_code, modifiers, units, pointers, date_of_service,
                        place_of_service, unit_price, charge)
                """)
                .params(
                        c.claimId(),
                        c.encounterId(),
                        c.tenantId(),
                        c.codingVersion(),
                        c.frequency().name(),
                        c.status().name(),
                        c.current(),
                        c.patientControlNumber(),
                        c.replacedClaimId(),
                        c.replacedPayerClaimNumber(),
                        c.payerClaimNumber(),
                        c.dateOfService(),
                        c.placeOfService(),
                        c.priorAuthorizationNumber(),
                        c.patientMrn(),
                        cov == null ? null : cov.payerId(),
                        cov == null ? null : cov.payerName(),
                        cov == null ? null : cov.memberId(),
                        cov == null ? null : cov.relationshipToSubscriber(),
                        billing == null ? null : billing.npi(),
                        billing == null ? null : billing.taxId(),
                        billing == null ? null : billing.taxIdType(),
                        billing != null && billing.hasStreetAddress(),
                        c.rendering() == null ? null : c.rendering().npi(),
                        c.referring() == null ? null : c.referring().npi(),
                        c.totalCharge(),
                        c.paidAmount(),
                        c.patientResponsibility(),
                        c.adjustedAmount(),
                        c.serviceKey(),
                        c.sourceEventId(),
                        c.snapshot(),
                        timestamp(c.createdAt()),
                        timestamp(c.submittedAt()),
                        timestamp(c.createdAt()),
                        c.payerSequence(),
                        c.priorPayerClaimId(),
                        dxCodes,
                        dxDescriptions,
                        history[0],
                        history[1],
                        history[2],
                        history[3],
                        history[4],
                        history[5],
                        history[6],
                        numbers,
                        controlNumbers,
                        procedures,
                        modifiers,
                        units,
                        pointers,
                        dates,
                        places,
                        prices,
                        charges)
                .update();
        insertPriorAdjudications(c);
    }

    private void insertPriorAdjudications(Claim c) {
        List<PriorAdjudication> priors = c.priorAdjudications();
        for (int i = 0; i < priors.size(); i++) {
            PriorAdjudication p = priors.get(i);
            int position = i + 1;
            jdbc.sql("""
                    INSERT INTO claim_prior_adjudication (claim_id, position, responsibility, payer_id, payer_name,
                        payer_claim_number, adjudication_date, paid_amount, remaining_patient_liability,
                        source_claim_id, source_event_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                    .params(
                            c.claimId(),
                            position,
                            p.responsibility(),
                            p.payerId(),
                            p.payerName(),
                            p.payerClaimNumber(),
                            p.adjudicationDate(),
                            p.paidAmount(),
                            p.remainingPatientLiability(),
                            p.sourceClaimId(),
                            p.sourceEventId())
                    .update();
            List<Object[]> adjustments = new ArrayList<>();
            p.claimAdjustments()
                    .forEach(a -> adjustments.add(
                            new Object[] {c.claimId(), position, null, a.groupCode(), a.reasonCode(), a.amount()}));
            for (PriorAdjudication.Line line : p.lines()) {
                jdbc.sql("""
                        INSERT INTO claim_prior_line (claim_id, position, line_number, procedure_code, modifiers,
                            units, charge_amount, allowed_amount, paid_amount, remark_codes)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                        .params(
                                c.claimId(),
                                position,
                                line.lineNumber(),
                                line.procedureCode(),
                                String.join(",", line.modifiers()),
                                line.units(),
                                line.chargeAmount(),
                                line.allowedAmount(),
                                line.paidAmount(),
                                String.join(",", line.remarkCodes()))
                        .update();
                line.adjustments()
                        .forEach(a -> adjustments.add(new Object[] {
                            c.claimId(), position, line.lineNumber(), a.groupCode(), a.reasonCode(), a.amount()
                        }));
            }
            batch.batchUpdate("""
                    INSERT INTO claim_prior_adjustment (claim_id, position, line_number, group_code, reason_code,
                        amount) VALUES (?, ?, ?, ?, ?, ?)
                    """, adjustments);
        }
    }

    private List<PriorAdjudication> priorAdjudications(String claimId) {
        record Adj(int position, Integer lineNumber, PriorAdjudication.Adjustment adjustment) {}
        List<Adj> adjustments = jdbc.sql("SELECT * FROM claim_prior_adjustment WHERE claim_id = ? ORDER BY id")
                .param(claimId)
                .query((rs, row) -> new Adj(
                        rs.getInt("position"),
                        rs.getObject("line_number", Integer.class),
                        new PriorAdjudication.Adjustment(
                                rs.getString("group_code"), rs.getString("reason_code"), rs.getBigDecimal("amount"))))
                .list();
        record LineAt(int position, PriorAdjudication.Line line) {}
        List<LineAt> lines = jdbc.sql(
                        "SELECT * FROM claim_prior_line WHERE claim_id = ? ORDER BY position, line_number")
                .param(claimId)
                .query((rs, row) -> {
                    int position = rs.getInt("position");
                    int lineNumber = rs.getInt("line_number");
                    return new LineAt(
                            position,
                            new PriorAdjudication.Line(
                                    lineNumber,
                                    rs.getString("procedure_code"),
                                    splitStrings(rs.getString("modifiers")),
                                    rs.getInt("units"),
                                    rs.getBigDecimal("charge_amount"),
                                    rs.getBigDecimal("allowed_amount"),
                                    rs.getBigDecimal("paid_amount"),
                                    adjustments.stream()
                                            .filter(a -> a.position() == position
                                                    && Integer.valueOf(lineNumber)
                                                            .equals(a.lineNumber()))
                                            .map(Adj::adjustment)
                                            .toList(),
                                    splitStrings(rs.getString("remark_codes"))));
                })
                .list();
        return jdbc.sql("SELECT * FROM claim_prior_adjudication WHERE claim_id = ? ORDER BY position")
                .param(claimId)
                .query((rs, row) -> {
                    int position = rs.getInt("position");
                    return new PriorAdjudication(
                            position,
                            rs.getString("payer_id"),
                            rs.getString("payer_name"),
                            rs.getString("payer_claim_number"),
                            rs.getObject("adjudication_date", LocalDate.class),
                            rs.getBigDecimal("paid_amount"),
                            rs.getBigDecimal("remaining_patient_liability"),
                            adjustments.stream()
                                    .filter(a -> a.position() == position && a.lineNumber() == null)
                                    .map(Adj::adjustment)
                                    .toList(),
                            lines.stream()
                                    .filter(l -> l.position() == position)
                                    .map(LineAt::line)
                                    .toList(),
                            rs.getString("source_claim_id"),
                            rs.getString("source_event_id"));
                })
                .list();
    }

    @Override
    public void update(Claim c) {
        CoverageRef cov = c.coverage();
        String[][] history = timelineColumns(c);
        // the claim and its new timeline entries in one statement (issue 22: two before); the entries name the
        // claim, so that one of a claim that is not there fails as before
        jdbc.sql("""
                WITH u AS (UPDATE claim SET status = :status, is_current = :current, payer_claim_number = :payerClaimNumber,
                    prior_authorization_number = :priorAuth, member_id = :memberId, payer_id = :payerId,
                    payer_name = :payerName, subscriber_relationship = :relationship, billing_npi = :billingNpi,
                    billing_tax_id = :billingTaxId, rendering_npi = :renderingNpi, referring_npi = :referringNpi,
                    total_charge = :total, paid_amount = :paid, patient_responsibility = :patient,
                    adjusted_amount = :adjusted, submitted_at = :submittedAt, service_key = :serviceKey,
                    delay_reason_code = :delayReasonCode, claim_note = :claimNote, updated_at = now(),
                    payments_posted = payments_posted OR :paymentsPosted, work_opened = work_opened OR :workOpened
                WHERE claim_id = :claimId)
                INSERT INTO claim_status_history (claim_id, from_status, to_status, changed_at, actor_kind, actor_id,
                    reason, cause_event_id)
                SELECT :claimId, h.from_status, h.to_status, h.changed_at, h.actor_kind, h.actor_id, h.reason,
                    h.cause_event_id
                FROM unnest(CAST(:from AS text[]), CAST(:to AS text[]), CAST(:at AS timestamptz[]),
                        CAST(:actorKind AS text[]), CAST(:actorId AS text[]), CAST(:reason AS text[]),
                        CAST(:cause AS text[]))
                    WITH ORDINALITY AS h (from_status, to_status, changed_at, actor_kind, actor_id, reason,
                        cause_event_id, n)
                ORDER BY h.n
                """)
                .param("from", history[0])
                .param("to", history[1])
                .param("at", history[2])
                .param("actorKind", history[3])
                .param("actorId", history[4])
                .param("reason", history[5])
                .param("cause", history[6])
                .param("paymentsPosted", !c.knownToHaveNoPayments())
                .param("workOpened", !c.knownToHaveNoOpenWork())
                .param("claimId", c.claimId())
                .param("status", c.status().name())
                .param("current", c.current())
                .param("payerClaimNumber", c.payerClaimNumber())
                .param("priorAuth", c.priorAuthorizationNumber())
                .param("memberId", cov == null ? null : cov.memberId())
                .param("payerId", cov == null ? null : cov.payerId())
                .param("payerName", cov == null ? null : cov.payerName())
                .param("relationship", cov == null ? null : cov.relationshipToSubscriber())
                .param("billingNpi", c.billing() == null ? null : c.billing().npi())
                .param("billingTaxId", c.billing() == null ? null : c.billing().taxId())
                .param(
                        "renderingNpi",
                        c.rendering() == null ? null : c.rendering().npi())
                .param(
                        "referringNpi",
                        c.referring() == null ? null : c.referring().npi())
                .param("total", c.totalCharge())
                .param("paid", c.paidAmount())
                .param("patient", c.patientResponsibility())
                .param("adjusted", c.adjustedAmount())
                .param("submittedAt", timestamp(c.submittedAt()))
                .param("serviceKey", c.serviceKey())
                .param("delayReasonCode", c.delayReasonCode())
                .param("claimNote", c.claimNote())
                .update();
        updateLines(c);
    }

    // all lines in one statement, and only those whose price, charge or units changed; none when the claim's lines
    // were neither re-priced nor edited (a payment, a status change leave them as they were: no statement)
    private void updateLines(Claim c) {
        if (c.lines().isEmpty() || !c.linesChanged()) {
            return;
        }
        int n = c.lines().size();
        String[] numbers = new String[n];
        String[] prices = new String[n];
        String[] charges = new String[n];
        String[] units = new String[n];
        for (int i = 0; i < n; i++) {
            ClaimLine line = c.lines().get(i);
            numbers[i] = String.valueOf(line.lineNumber());
            prices[i] = line.unitPrice() == null ? null : line.unitPrice().toPlainString();
            charges[i] = line.charge() == null ? null : line.charge().toPlainString();
            units[i] = String.valueOf(line.units());
        }
        jdbc.sql("""
                UPDATE claim_line l SET unit_price = v.unit_price, charge = v.charge, units = v.units
                FROM unnest(CAST(? AS int[]), CAST(? AS numeric[]), CAST(? AS numeric[]), CAST(? AS int[]))
                    AS v (line_number, unit_price, charge, units)
                WHERE l.claim_id = ? AND l.line_number = v.line_number
                    AND (l.unit_price, l.charge, l.units) IS DISTINCT FROM (v.unit_price, v.charge, v.units)
                """).params(numbers, prices, charges, units, c.claimId()).update();
    }

    /**
     * The claim's pending timeline entries as arrays of the columns of {@code claim_status_history} (from, to, at,
     * actor kind, actor id, reason, cause event), written by the statement that writes the claim (issue 22: a
     * statement of their own before).
     */
    private static String[][] timelineColumns(Claim c) {
        List<StatusChange> changes = c.drainPendingChanges();
        int n = changes.size();
        String[][] columns = new String[7][n];
        for (int i = 0; i < n; i++) {
            StatusChange change = changes.get(i);
            columns[0][i] = change.from() == null ? null : change.from().name();
            columns[1][i] = change.to().name();
            columns[2][i] = change.at().toString();
            columns[3][i] = change.actor().kind().name();
            columns[4][i] = change.actor().id();
            columns[5][i] = change.reason();
            columns[6][i] = change.causeEventId();
        }
        return columns;
    }

    /** The rows of {@link #timelineColumns(Claim)}'s arrays, in their order, for an {@code INSERT ... SELECT}. */
    private static final String TIMELINE_ROWS = """
            unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS timestamptz[]), CAST(? AS text[]),
                    CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]))
                WITH ORDINALITY AS h (from_status, to_status, changed_at, actor_kind, actor_id, reason,
                    cause_event_id, n)
            """;

    /**
     * A claim with its diagnoses and lines in one statement (issue 22: a payment read the claim, then its lines, then
     * its diagnoses): each as arrays of its columns in their order, read by {@link #restore}.
     */
    private static final String CLAIM_WITH_LINES = """
            SELECT c.*, d.dx_codes, d.dx_descriptions, l.line_numbers, l.line_control_numbers, l.line_procedures,
                l.line_modifiers, l.line_units, l.line_pointers, l.line_dates, l.line_places, l.line_prices,
                l.line_charges
            FROM claim c
            CROSS JOIN LATERAL (SELECT array_agg(code ORDER BY position) AS dx_codes,
                    array_agg(description ORDER BY position) AS dx_descriptions
                FROM claim_diagnosis WHERE claim_id = c.claim_id) d
            CROSS JOIN LATERAL (SELECT array_agg(line_number ORDER BY line_number) AS line_numbers,
                    array_agg(line_item_control_number ORDER BY line_number) AS line_control_numbers,
                    array_agg(procedure_code ORDER BY line_number) AS line_procedures,
                    array_agg(modifiers ORDER BY line_number) AS line_modifiers,
                    array_agg(units ORDER BY line_number) AS line_units,
                    array_agg(diagnosis_pointers ORDER BY line_number) AS line_pointers,
                    array_agg(date_of_service ORDER BY line_number) AS line_dates,
                    array_agg(place_of_service ORDER BY line_number) AS line_places,
                    array_agg(unit_price ORDER BY line_number) AS line_prices,
                    array_agg(charge ORDER BY line_number) AS line_charges
                FROM claim_line WHERE claim_id = c.claim_id) l
            """;

    @Override
    public Optional<Claim> find(String claimId) {
        return loadWithLines(CLAIM_WITH_LINES + " WHERE c.claim_id = ?", claimId);
    }

    @Override
    public Optional<Claim> findForUpdate(String claimId) {
        return loadWithLines(CLAIM_WITH_LINES + " WHERE c.claim_id = ? FOR UPDATE OF c", claimId);
    }

    /**
     * The duplicate rule's candidates, for both of its paths ({@link #currentForUpdateWithSameDayClaims} and
     * {@link #hasDuplicate}): the service keys (one array, null for none) of the live claims (not written off, voided
     * or replaced) of a tenant's patient on a date from encounters other than the one given. Parameters: tenant id,
     * patient MRN, date of service, excluded encounter id. Whether a claim duplicates one of them is
     * {@link VisitClaims#isDuplicate}.
     */
    private static final String OTHER_SAME_DAY_SERVICE_KEYS = """
            SELECT array_agg(service_key) AS other_service_keys FROM claim
            WHERE is_current AND tenant_id = ? AND patient_mrn = ? AND date_of_service = ?
                AND encounter_id <> ? AND status NOT IN ('WRITTEN_OFF', 'VOIDED', 'REPLACED')
            """;

    /**
     * One statement: the current primary claim with its lines (locked) and the service keys of the patient's other
     * encounters' live claims of the date ({@link #OTHER_SAME_DAY_SERVICE_KEYS}); one row whether or not there is a
     * current claim (its columns null when there is none).
     */
    @Override
    public VisitClaims currentForUpdateWithSameDayClaims(
            String encounterId, String tenantId, String patientMrn, LocalDate dateOfService) {
        List<String> keys = new ArrayList<>();
        List<Claim.Builder> current = new ArrayList<>();
        jdbc.sql("WITH cur AS (" + CLAIM_WITH_LINES
                        + " WHERE c.encounter_id = ? AND c.is_current AND c.payer_sequence = 1 FOR UPDATE OF c)"
                        + " SELECT cur.*, o.other_service_keys FROM (" + OTHER_SAME_DAY_SERVICE_KEYS
                        + ") o LEFT JOIN cur ON true")
                .params(encounterId, tenantId, patientMrn, dateOfService, encounterId)
                .query(rs -> {
                    keys.clear();
                    keys.addAll(Arrays.asList(array(rs, "other_service_keys", String[].class)));
                    if (rs.getString("claim_id") != null) {
                        current.add(claimWithLinesRow(rs, current.size()));
                    }
                });
        if (current.size() > 1) {
            throw new IllegalStateException("encounter " + encounterId + " has " + current.size() + " current claims");
        }
        return new VisitClaims(
                current.stream().findFirst().map(this::restore), tenantId, patientMrn, dateOfService, keys);
    }

    @Override
    public List<Claim> claimsOfVisitForUpdate(String encounterId) {
        return visit(
                CLAIM_WITH_LINES + " WHERE c.encounter_id = ? ORDER BY c.created_at, c.claim_id FOR UPDATE OF c",
                encounterId);
    }

    @Override
    public List<Claim> claimsOfVisit(String encounterId) {
        return visit(CLAIM_WITH_LINES + " WHERE c.encounter_id = ? ORDER BY c.created_at, c.claim_id", encounterId);
    }

    private List<Claim> visit(String sql, String encounterId) {
        return jdbc.sql(sql).param(encounterId).query(JdbcClaimRepository::claimWithLinesRow).list().stream()
                .map(this::restore)
                .toList();
    }

    private Optional<Claim> loadWithLines(String sql, String id) {
        Optional<Claim.Builder> builder = jdbc.sql(sql)
                .param(id)
                .query(JdbcClaimRepository::claimWithLinesRow)
                .optional();
        return builder.map(this::restore);
    }

    /** The claim, with its earlier payers' adjudications read now when it has any. */
    private Claim restore(Claim.Builder b) {
        if (b.payerSequence() > 1) {
            b.priorAdjudications(priorAdjudications(b.claimId()));
        }
        return Claim.restore(b);
    }

    private static Claim.Builder claimWithLinesRow(ResultSet rs, int row) throws SQLException {
        return claimRow(rs, row).diagnoses(diagnoses(rs)).lines(lines(rs));
    }

    /** The diagnoses of a row read with {@link #CLAIM_WITH_LINES}. */
    private static List<Diagnosis> diagnoses(ResultSet rs) throws SQLException {
        String[] codes = array(rs, "dx_codes", String[].class);
        String[] descriptions = array(rs, "dx_descriptions", String[].class);
        List<Diagnosis> diagnoses = new ArrayList<>(codes.length);
        for (int i = 0; i < codes.length; i++) {
            diagnoses.add(new Diagnosis(codes[i], descriptions[i]));
        }
        return diagnoses;
    }

    /** The lines of a row read with {@link #CLAIM_WITH_LINES}. */
    private static List<ClaimLine> lines(ResultSet rs) throws SQLException {
        Integer[] numbers = array(rs, "line_numbers", Integer[].class);
        String[] controlNumbers = array(rs, "line_control_numbers", String[].class);
        String[] procedures = array(rs, "line_procedures", String[].class);
        String[] modifiers = array(rs, "line_modifiers", String[].class);
        Integer[] units = array(rs, "line_units", Integer[].class);
        String[] pointers = array(rs, "line_pointers", String[].class);
        java.sql.Date[] dates = array(rs, "line_dates", java.sql.Date[].class);
        String[] places = array(rs, "line_places", String[].class);
        BigDecimal[] prices = array(rs, "line_prices", BigDecimal[].class);
        BigDecimal[] charges = array(rs, "line_charges", BigDecimal[].class);
        List<ClaimLine> lines = new ArrayList<>(numbers.length);
        for (int i = 0; i < numbers.length; i++) {
            lines.add(new ClaimLine(
                    numbers[i],
                    controlNumbers[i],
                    procedures[i],
                    splitStrings(modifiers[i]),
                    units[i],
                    splitInts(pointers[i]),
                    dates[i].toLocalDate(),
                    places[i],
                    prices[i],
                    charges[i]));
        }
        return lines;
    }

    /** An array column's elements; an empty array for SQL null (array_agg of no rows). */
    private static <T> T[] array(ResultSet rs, String column, Class<T[]> type) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null
                ? type.cast(java.lang.reflect.Array.newInstance(type.getComponentType(), 0))
                : type.cast(array.getArray());
    }

    @Override
    public boolean hasDuplicate(
            String tenantId,
            String patientMrn,
            LocalDate dateOfService,
            String serviceKey,
            String excludingEncounterId) {
        List<String> keys = jdbc.sql(OTHER_SAME_DAY_SERVICE_KEYS)
                .params(tenantId, patientMrn, dateOfService, excludingEncounterId)
                .query((rs, row) -> Arrays.asList(array(rs, "other_service_keys", String[].class)))
                .single();
        return VisitClaims.isDuplicate(keys, serviceKey);
    }

    @Override
    public void replaceFindings(String claimId, List<ScrubFinding> findings, Instant at) {
        jdbc.sql("UPDATE claim_scrub_finding SET resolved_at = ? WHERE claim_id = ? AND resolved_at IS NULL")
                .params(timestamp(at), claimId)
                .update();
        for (ScrubFinding f : findings) {
            jdbc.sql("INSERT INTO claim_scrub_finding (claim_id, rule_id, message, line_number, found_at)"
                            + " VALUES (?, ?, ?, ?, ?)")
                    .params(claimId, f.ruleId(), f.message(), f.lineNumber(), timestamp(at))
                    .update();
        }
    }

    @Override
    public List<ScrubFinding> openFindings(String claimId) {
        return jdbc.sql("SELECT rule_id, message, line_number FROM claim_scrub_finding"
                        + " WHERE claim_id = ? AND resolved_at IS NULL ORDER BY id")
                .param(claimId)
                .query((rs, row) -> new ScrubFinding(rs.getString(1), rs.getString(2), rs.getObject(3, Integer.class)))
                .list();
    }

    @Override
    public List<StatusChange> timeline(String claimId) {
        return jdbc.sql("SELECT * FROM claim_status_history WHERE claim_id = ? ORDER BY id")
                .param(claimId)
                .query((rs, row) -> new StatusChange(
                        rs.getString("from_status") == null ? null : ClaimStatus.valueOf(rs.getString("from_status")),
                        ClaimStatus.valueOf(rs.getString("to_status")),
                        instant(rs, "changed_at"),
                        new Actor(Actor.Kind.valueOf(rs.getString("actor_kind")), rs.getString("actor_id")),
                        rs.getString("reason"),
                        rs.getString("cause_event_id")))
                .list();
    }

    private static Claim.Builder claimRow(ResultSet rs, int row) throws SQLException {
        String payerId = rs.getString("payer_id");
        String renderingNpi = rs.getString("rendering_npi");
        String referringNpi = rs.getString("referring_npi");
        return Claim.builder()
                .claimId(rs.getString("claim_id"))
                .encounterId(rs.getString("encounter_id"))
                .tenantId(rs.getString("tenant_id"))
                .codingVersion(rs.getInt("coding_version"))
                .frequency(Frequency.valueOf(rs.getString("frequency")))
                .status(ClaimStatus.valueOf(rs.getString("status")))
                .current(rs.getBoolean("is_current"))
                .patientControlNumber(rs.getString("patient_control_number"))
                .replacedClaimId(rs.getString("replaced_claim_id"))
                .replacedPayerClaimNumber(rs.getString("replaced_payer_claim_number"))
                .payerClaimNumber(rs.getString("payer_claim_number"))
                .dateOfService(rs.getObject("date_of_service", LocalDate.class))
                .placeOfService(rs.getString("place_of_service"))
                .priorAuthorizationNumber(rs.getString("prior_authorization_number"))
                .patientMrn(rs.getString("patient_mrn"))
                .coverage(
                        payerId == null
                                ? null
                                : new CoverageRef(
                                        payerId,
                                        rs.getString("payer_name"),
                                        rs.getString("member_id"),
                                        rs.getString("subscriber_relationship")))
                .billing(new ProviderRef(
                        rs.getString("billing_npi"),
                        rs.getString("billing_tax_id"),
                        rs.getString("billing_tax_id_type"),
                        rs.getBoolean("billing_has_address")))
                .rendering(renderingNpi == null ? null : new ProviderRef(renderingNpi, null, null, false))
                .referring(referringNpi == null ? null : new ProviderRef(referringNpi, null, null, false))
                .totalCharge(rs.getBigDecimal("total_charge"))
                .paidAmount(rs.getBigDecimal("paid_amount"))
                .patientResponsibility(rs.getBigDecimal("patient_responsibility"))
                .adjustedAmount(rs.getBigDecimal("adjusted_amount"))
                .sourceEventId(rs.getString("source_event_id"))
                .snapshot(snapshot(rs))
                .createdAt(instant(rs, "created_at"))
                .submittedAt(instant(rs, "submitted_at"))
                .payerSequence(rs.getInt("payer_sequence"))
                .priorPayerClaimId(rs.getString("prior_payer_claim_id"))
                .delayReasonCode(rs.getString("delay_reason_code"))
                .claimNote(rs.getString("claim_note"))
                // on the row read locked, so current even when the read waited for another transaction (V113)
                .noPaymentsWhenRead(!rs.getBoolean("payments_posted"))
                .noOpenWorkWhenRead(!rs.getBoolean("work_opened"));
    }

    /**
     * The stored EncounterCoded: the Avro bytes, or for a claim stored before they were (V100) its JSON text, which
     * the reader tells apart (schemas StoredRecords); null when neither is there.
     */
    private static byte[] snapshot(ResultSet rs) throws SQLException {
        byte[] avro = rs.getBytes("encounter_coded");
        if (avro != null) {
            return avro;
        }
        String json = rs.getString("encounter_snapshot");
        return json == null || json.isBlank() ? null : json.getBytes(StandardCharsets.UTF_8);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String joinInts(List<Integer> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }

    private static List<String> splitStrings(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static List<Integer> splitInts(String joined) {
        return splitStrings(joined).stream().map(Integer::valueOf).toList();
    }
}
