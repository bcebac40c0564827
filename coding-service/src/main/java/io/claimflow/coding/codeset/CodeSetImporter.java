package io.claimflow.coding.codeset;

import io.claimflow.platform.validation.InvalidInputException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads a release file into the code sets: parses it completely first (a malformed file changes nothing), then
 * replaces the release in one transaction. The effective range comes from the year (ICD-10-CM: the fiscal year,
 * 1 October to 30 September; HCPCS, CPT: the calendar year; with a quarter, that quarter) or explicit dates.
 */
@Service
public class CodeSetImporter {

    private final CodeSetStore store;

    public CodeSetImporter(CodeSetStore store) {
        this.store = store;
    }

    /** How a release is named and dated; any field may be null when another one decides it. */
    public record ReleaseSpec(
            Integer year, Integer quarter, LocalDate effectiveFrom, LocalDate effectiveTo, String version) {}

    @Transactional
    public CodeSetStore.StoredRelease load(CodeSetKind kind, InputStream content, ReleaseSpec spec, String source) {
        Release release = release(kind, spec, source);
        // CMS publishes its files in plain ASCII / Windows-1252: ISO-8859-1 reads every byte without failing
        Reader cms = new InputStreamReader(content, StandardCharsets.ISO_8859_1);
        Reader utf8 = new InputStreamReader(content, StandardCharsets.UTF_8);
        return switch (kind) {
            case ICD10CM -> store.replaceIcd(release, IcdOrderFile.parse(cms));
            case HCPCS -> store.replaceHcpcs(release, HcpcsFile.parse(cms));
            case CPT -> store.replaceCpt(release, CptFile.parse(utf8));
            case NCCI_PTP -> store.replaceNcciPtp(release, NcciPtpFile.parse(cms));
            case MUE -> store.replaceMue(release, MueFile.parse(cms));
            case ICD10CM_EDITS -> store.replaceEdits(release, EditTablesFile.parseEdits(utf8));
            case INDICATIONS -> store.replaceIndications(release, EditTablesFile.parseIndications(utf8));
        };
    }

    static Release release(CodeSetKind kind, ReleaseSpec spec, String source) {
        LocalDate from = spec.effectiveFrom();
        LocalDate to = spec.effectiveTo();
        String version = spec.version();
        Integer year = spec.year();
        Integer quarter = spec.quarter();
        if (quarter != null && (quarter < 1 || quarter > 4)) {
            throw new InvalidInputException("quarter must be 1 to 4");
        }
        if (quarter != null && year == null) {
            throw new InvalidInputException("quarter needs a year");
        }
        if (year != null && (year < 2015 || year > 2100)) {
            throw new InvalidInputException("year must be between 2015 and 2100");
        }
        if (year != null) {
            LocalDate yearFrom;
            LocalDate yearTo;
            if (kind == CodeSetKind.ICD10CM && quarter == null) {
                yearFrom = LocalDate.of(year - 1, 10, 1);
                yearTo = LocalDate.of(year, 9, 30);
            } else if (quarter != null) {
                yearFrom = LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
                yearTo = yearFrom.plusMonths(3).minusDays(1);
            } else {
                yearFrom = LocalDate.of(year, 1, 1);
                yearTo = LocalDate.of(year, 12, 31);
            }
            from = from == null ? yearFrom : from;
            to = to == null && spec.effectiveFrom() == null ? yearTo : to;
            version = version == null ? year + (quarter == null ? "" : "Q" + quarter) : version;
        }
        if (from == null) {
            throw new InvalidInputException("Give the release's year (and quarter) or effectiveFrom");
        }
        if (version == null) {
            version = from.toString();
        }
        return new Release(kind.codeSet(), version, from, to, source);
    }
}
