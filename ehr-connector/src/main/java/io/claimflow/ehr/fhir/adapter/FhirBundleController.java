package io.claimflow.ehr.fhir.adapter;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.claimflow.ehr.config.EhrProperties;
import io.claimflow.ehr.intake.DocumentedEncounter;
import io.claimflow.ehr.intake.EncounterIntake;
import io.claimflow.ehr.intake.Problem;
import io.claimflow.ehr.intake.Publication;
import io.claimflow.platform.audit.AuditTrail;
import io.claimflow.platform.security.Roles;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * FHIR R4 in: {@code POST /fhir} (a transaction or batch bundle, as a FHIR server takes it) and
 * {@code POST /fhir/Bundle} (any bundle of type transaction, batch or collection). Every finished Encounter becomes
 * one EncounterDocumented; an invalid bundle gets 400 with an OperationOutcome naming each problem and publishes
 * nothing.
 *
 * <p>Secured with ADMIN for now: EHR interfaces are machines and want a role (and credentials) of their own, which
 * the security work defines.
 */
@RestController
@RequestMapping("/fhir")
class FhirBundleController {

    static final String FHIR_JSON = "application/fhir+json";
    private static final MediaType FHIR_JSON_TYPE = MediaType.parseMediaType(FHIR_JSON);
    private static final Logger log = LoggerFactory.getLogger(FhirBundleController.class);
    /** The most of a refused body read and dropped before the 413 (beyond it the connection is simply closed). */
    private static final long DISCARDED_AT_MOST = 64L * 1024 * 1024;
    /** The largest exponent of a JSON number read (see {@link #hasHugeExponent}). */
    private static final int MAX_EXPONENT = 99;

    private final FhirContext fhir;
    private final EncounterIntake intake;
    private final AuditTrail auditTrail;
    private final ProviderDirectory directory;
    private final EhrProperties properties;
    private final Clock clock;
    private final String tenantId;
    private final int maxBundleBytes;

    FhirBundleController(
            FhirContext fhir,
            EncounterIntake intake,
            AuditTrail auditTrail,
            ProviderDirectory directory,
            EhrProperties properties,
            Optional<Clock> clock) {
        this.maxBundleBytes = properties.maxBundleBytes();
        this.fhir = fhir;
        this.intake = intake;
        this.auditTrail = auditTrail;
        this.directory = directory;
        this.properties = properties;
        this.clock = clock.orElse(Clock.systemUTC());
        this.tenantId = properties.tenantId();
    }

    /**
     * What became of the bundle: what was published for each encounter published, the encounters refused (their
     * reasons are in the outcome), and one OperationOutcome with every problem, warning and information issue.
     */
    record Response(
            List<Publication> encounters,
            List<String> refused,
            @JsonRawValue String outcome) {}

    /** What a directory bundle (Organizations, Locations, Practitioners, PractitionerRoles) stored, by type. */
    record DirectoryResponse(
            Map<String, Integer> directory, @JsonRawValue String outcome) {}

    // Any content type is let in so that a wrong one gets an OperationOutcome too (Spring would answer 415 itself).
    // The body is read here, at most claimflow.ehr.max-bundle-bytes of it: a larger one gets 413 unparsed.
    @PostMapping
    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    ResponseEntity<?> transaction(
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String type, HttpServletRequest request)
            throws IOException {
        return receive(type, request, true);
    }

    @PostMapping("/Bundle")
    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    ResponseEntity<?> bundle(
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String type, HttpServletRequest request)
            throws IOException {
        return receive(type, request, false);
    }

    private ResponseEntity<?> receive(String contentType, HttpServletRequest request, boolean transactionOnly)
            throws IOException {
        long declared = request.getContentLengthLong();
        byte[] bytes =
                declared > maxBundleBytes ? null : request.getInputStream().readNBytes(maxBundleBytes + 1);
        if (bytes == null || bytes.length > maxBundleBytes) {
            log.info("Bundle refused: larger than {} bytes", maxBundleBytes);
            discardRest(request, declared);
            String outcome = fhir.newJsonParser()
                    .encodeResourceToString(OperationOutcomes.tooLarge("the bundle is larger than " + maxBundleBytes
                            + " bytes; send fewer encounters per bundle"));
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                    .contentType(FHIR_JSON_TYPE)
                    .body(outcome);
        }
        String body = new String(bytes, charset(request.getCharacterEncoding()));
        if (!isJson(contentType)) {
            String outcome = fhir.newJsonParser()
                    .encodeResourceToString(OperationOutcomes.of(List.of(
                            new Problem("Bundle", Problem.Kind.UNSUPPORTED, "send the bundle as " + FHIR_JSON))));
            return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                    .contentType(FHIR_JSON_TYPE)
                    .body(outcome);
        }
        Bundle bundle;
        try {
            bundle = parse(body);
        } catch (DataFormatException | ClassCastException e) {
            // HAPI's message quotes the value it refused ("Invalid attribute value \"...\""): only the element is
            // named (EhrHostileInputTest)
            return invalid(List.of(new Problem(
                    "Bundle", Problem.Kind.UNREADABLE, "not a FHIR R4 JSON Bundle: " + withoutValues(e.getMessage()))));
        } catch (RuntimeException e) {
            // HAPI's parser itself fails on some malformed input (found by FhirFuzzTest: an empty property name
            // throws StringIndexOutOfBoundsException); still the sender's input, so a 400, and no message quoted
            log.info("Bundle refused: HAPI's parser failed ({})", e.getClass().getSimpleName());
            return invalid(List.of(new Problem(
                    "Bundle",
                    Problem.Kind.UNREADABLE,
                    "not a FHIR R4 JSON Bundle: the JSON could not be read as FHIR (check for empty or malformed "
                            + "property names)")));
        }
        if (transactionOnly && bundle.getType() == Bundle.BundleType.COLLECTION) {
            return invalid(List.of(new Problem(
                    "Bundle.type",
                    Problem.Kind.UNSUPPORTED,
                    "POST /fhir takes a transaction or batch bundle; send a collection to POST /fhir/Bundle")));
        }
        if (ProviderDirectory.isDirectoryBundle(bundle)) {
            return storeDirectory(bundle);
        }
        BundleMapper.Result result = BundleMapper.map(settings(), bundle);
        List<Problem> problems = new ArrayList<>(result.problems());
        List<String> refused = new ArrayList<>(result.refused());
        // what coding-service would refuse later, per encounter: that encounter is refused alone
        List<EncounterIntake.Submission> accepted = new ArrayList<>();
        for (EncounterIntake.Submission submission : result.submissions()) {
            List<Problem> found = intake.check(List.of(submission));
            if (found.isEmpty()) {
                accepted.add(submission);
            } else {
                problems.addAll(found);
                refused.add(submission.source().encounterId());
            }
        }
        List<Problem> all = new ArrayList<>(problems);
        all.addAll(result.notices());
        if (accepted.isEmpty() && !problems.isEmpty()) {
            log.info("Bundle refused with {} problem(s)", problems.size());
            return invalid(all);
        }
        List<Publication> publications;
        try {
            publications = intake.publish(accepted);
        } catch (org.springframework.dao.DataAccessException
                | org.springframework.transaction.TransactionException
                | org.apache.kafka.common.KafkaException e) {
            // database or registry unreachable: nothing was published, the EHR should send the bundle again later
            log.warn(
                    "Bundle with encounter(s) {} not stored: {}",
                    accepted.stream().map(s -> s.source().encounterId()).toList(),
                    e.getClass().getSimpleName());
            String outcome = fhir.newJsonParser()
                    .encodeResourceToString(OperationOutcomes.transientProblem(
                            "the bundle could not be stored now; nothing was published, send it again later"));
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .contentType(FHIR_JSON_TYPE)
                    .body(outcome);
        }
        for (Publication publication : publications) {
            if (publication.outcome() == Publication.Outcome.PUBLISHED
                    || publication.outcome() == Publication.Outcome.CORRECTION) {
                auditTrail.changed("encounter.documented", "encounter", publication.encounterId());
            }
        }
        if (!refused.isEmpty()) {
            log.info(
                    "Bundle: {} encounter(s) published or known, {} refused: {}",
                    publications.size(),
                    refused.size(),
                    refused);
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .body(new Response(
                        publications, refused, fhir.newJsonParser().encodeResourceToString(OperationOutcomes.of(all))));
    }

    private ResponseEntity<?> storeDirectory(Bundle bundle) {
        ProviderDirectory.Stored stored;
        try {
            stored = directory.store(tenantId, bundle);
        } catch (org.springframework.dao.DataAccessException | org.springframework.transaction.TransactionException e) {
            log.warn("Directory bundle not stored: {}", e.getClass().getSimpleName());
            String outcome = fhir.newJsonParser()
                    .encodeResourceToString(OperationOutcomes.transientProblem(
                            "the bundle could not be stored now; nothing was kept, send it again later"));
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .contentType(FHIR_JSON_TYPE)
                    .body(outcome);
        }
        log.info("Directory bundle stored: {}", stored.byType());
        auditTrail.changed("directory.received", "bundle", String.valueOf(stored.byType()));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .body(new DirectoryResponse(
                        stored.byType(),
                        fhir.newJsonParser().encodeResourceToString(OperationOutcomes.of(stored.notices()))));
    }

    /** The tenant's settings for this bundle: the look-back window from today, default providers, the directory. */
    private MappingSettings settings() {
        LocalDate today = LocalDate.now(clock);
        return new MappingSettings(
                tenantId,
                today.minusDays(properties.fhir().lookBackDays()),
                billingProvider(properties.billingProvider()),
                renderingProvider(properties.renderingProvider()),
                directory.of(tenantId),
                properties.fhir().payers());
    }

    private static DocumentedEncounter.Provider billingProvider(EhrProperties.BillingProvider billing) {
        return billing == null || billing.npi() == null ? null : billing.provider();
    }

    private static DocumentedEncounter.Provider renderingProvider(EhrProperties.RenderingProvider rendering) {
        return rendering == null || rendering.npi() == null ? null : rendering.provider();
    }

    private Bundle parse(String body) {
        if (body == null || body.isBlank()) {
            throw new DataFormatException("empty body");
        }
        if (hasHugeExponent(body)) {
            throw new DataFormatException(
                    "a JSON number has an exponent beyond " + MAX_EXPONENT + " (or below -" + MAX_EXPONENT + ")");
        }
        IParser parser = fhir.newJsonParser();
        parser.setParserErrorHandler(new LenientErrorHandler(false));
        IBaseResource resource = parser.parseResource(body);
        if (!(resource instanceof Bundle bundle)) {
            throw new DataFormatException("the resource is a " + resource.fhirType() + ", not a Bundle");
        }
        return bundle;
    }

    /**
     * HAPI's JSON parser expands every number with {@code BigDecimal.toPlainString}: the 12 bytes
     * {@code 1e999999999} would be a billion-digit string (an OutOfMemoryError, found by FhirFuzzTest). So a number
     * outside a string whose exponent has more than two digits (leading zeros aside) is refused before parsing.
     */
    static boolean hasHugeExponent(String json) {
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if ((c == 'e' || c == 'E')
                    && i > 0
                    && (Character.isDigit(json.charAt(i - 1)) || json.charAt(i - 1) == '.')) {
                int j = i + 1;
                if (j < json.length() && (json.charAt(j) == '+' || json.charAt(j) == '-')) {
                    j++;
                }
                while (j < json.length() && json.charAt(j) == '0') {
                    j++;
                }
                int digits = 0;
                while (j < json.length() && Character.isDigit(json.charAt(j))) {
                    j++;
                    digits++;
                }
                if (digits > String.valueOf(MAX_EXPONENT).length()) {
                    return true;
                }
                i = j - 1;
            }
        }
        return false;
    }

    private ResponseEntity<String> invalid(List<Problem> problems) {
        String outcome =
                fhir.newJsonParser().setPrettyPrint(true).encodeResourceToString(OperationOutcomes.of(problems));
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .contentType(FHIR_JSON_TYPE)
                .body(outcome);
    }

    /**
     * Reads and drops the rest of a refused body (up to {@link #DISCARDED_AT_MOST}) so that the client, still sending,
     * gets the 413 instead of a broken pipe (Tomcat closes the connection after a 413 without reading on).
     */
    private static void discardRest(HttpServletRequest request, long declared) throws IOException {
        if (declared <= DISCARDED_AT_MOST) {
            long left = DISCARDED_AT_MOST;
            byte[] buffer = new byte[64 * 1024];
            int n;
            while (left > 0
                    && (n = request.getInputStream().read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                left -= n;
            }
        }
    }

    private static java.nio.charset.Charset charset(String name) {
        try {
            return name == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return FHIR_JSON_TYPE.includes(type) || MediaType.APPLICATION_JSON.includes(type);
        } catch (org.springframework.util.InvalidMimeTypeException e) {
            return false;
        }
    }

    private static final java.util.regex.Pattern ELEMENT =
            java.util.regex.Pattern.compile("\\[element=\"([A-Za-z0-9_.\\[\\]-]{1,100})\"\\]");

    /** What HAPI refused, without the value it quotes: the element when it names one, else a fixed text. */
    static String withoutValues(String message) {
        java.util.regex.Matcher element = message == null ? null : ELEMENT.matcher(message);
        if (element != null && element.find()) {
            return "element '" + element.group(1) + "' has a value of the wrong type or format";
        }
        return "malformed JSON, not a FHIR R4 resource, or not a Bundle";
    }
}
