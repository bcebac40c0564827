package io.claimflow.coding.codeset.adapter;

import io.claimflow.coding.codeset.CodeSetImporter;
import io.claimflow.coding.codeset.CodeSetKind;
import io.claimflow.coding.codeset.CodeSetStore;
import io.claimflow.platform.audit.AuditTrail;
import io.claimflow.platform.validation.DateWithin;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Loads a new release of a code set without a code change. The file is the CMS release file as published (ICD-10-CM
 * order file, HCPCS Level II annual/quarterly file, NCCI PTP and MUE tables; CPT as code-tab-descriptor), sent as
 * the request body or as the multipart part {@code file}.
 *
 * <pre>
 * POST /admin/code-sets/icd10cm?year=2027                      fiscal year: 2026-10-01 .. 2027-09-30
 * POST /admin/code-sets/hcpcs?year=2026&amp;quarter=2            2026-04-01 .. 2026-06-30
 * POST /admin/code-sets/ncci-ptp?effectiveFrom=2026-01-01&amp;effectiveTo=2026-03-31&amp;version=2026Q1
 * GET  /admin/code-sets                                        the releases loaded
 * </pre>
 */
@RestController
@RequestMapping("/admin/code-sets")
public class CodeSetAdminController {

    /** A loaded release. */
    record Loaded(
            String codeSet,
            String version,
            LocalDate effectiveFrom,
            LocalDate effectiveTo,
            int records,
            String source) {

        static Loaded of(CodeSetStore.StoredRelease stored) {
            return new Loaded(
                    stored.release().codeSet(),
                    stored.release().version(),
                    stored.release().effectiveFrom(),
                    stored.release().effectiveTo(),
                    stored.records(),
                    stored.release().source());
        }
    }

    /**
     * The query parameters that say which release a file is, the same for both ways of sending it: a year (and
     * quarter), or explicit dates and a version.
     */
    record ReleaseParameters(
            Integer year,
            Integer quarter,

            @DateWithin(yearsBack = 15, yearsAhead = 5) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate effectiveFrom,

            @DateWithin(yearsBack = 15, yearsAhead = 10) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate effectiveTo,

            @Size(max = 40) @Pattern(regexp = "[A-Za-z0-9._-]+")
            String version) {

        CodeSetImporter.ReleaseSpec spec() {
            return new CodeSetImporter.ReleaseSpec(year, quarter, effectiveFrom, effectiveTo, version);
        }
    }

    private final CodeSetImporter importer;
    private final CodeSetStore store;
    private final AuditTrail audit;

    CodeSetAdminController(CodeSetImporter importer, CodeSetStore store, AuditTrail audit) {
        this.importer = importer;
        this.store = store;
        this.audit = audit;
    }

    @GetMapping
    @PreAuthorize("hasRole('ADMIN')")
    List<Loaded> releases() {
        return store.releases().stream().map(Loaded::of).toList();
    }

    @PostMapping(path = "/{kind}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasRole('ADMIN')")
    Loaded uploadFile(
            @PathVariable @Size(max = 20) String kind,
            @RequestPart("file") MultipartFile file,
            @Valid ReleaseParameters release)
            throws IOException {
        try (InputStream in = file.getInputStream()) {
            return load(
                    kind,
                    in,
                    release.spec(),
                    file.getOriginalFilename() == null ? "upload" : "upload:" + file.getOriginalFilename());
        }
    }

    @PostMapping(
            path = "/{kind}",
            consumes = {
                MediaType.TEXT_PLAIN_VALUE,
                MediaType.APPLICATION_OCTET_STREAM_VALUE,
                "text/csv",
                "text/tab-separated-values"
            })
    @PreAuthorize("hasRole('ADMIN')")
    Loaded uploadBody(
            @PathVariable @Size(max = 20) String kind, HttpServletRequest request, @Valid ReleaseParameters release)
            throws IOException {
        try (InputStream in = request.getInputStream()) {
            return load(kind, in, release.spec(), "upload");
        }
    }

    private Loaded load(String kind, InputStream in, CodeSetImporter.ReleaseSpec spec, String source) {
        CodeSetKind codeSet = CodeSetKind.fromPath(kind);
        Loaded loaded = Loaded.of(importer.load(codeSet, in, spec, source));
        audit.changed("code-set.imported", "code-set", loaded.codeSet() + ":" + loaded.version());
        return loaded;
    }
}
