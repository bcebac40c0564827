package io.claimflow.coding.codeset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;

/**
 * The small code set shipped in {@code src/main/resources/codesets}, in the CMS release formats, so a fresh stack
 * codes realistic office encounters. Its releases are open-ended from {@link #EFFECTIVE_FROM}: the first imported
 * release of a code set that starts later ends the starter release the day before.
 */
public final class StarterSet {

    /** First date of service of the starter releases (start of ICD-10-CM fiscal year 2025). */
    public static final LocalDate EFFECTIVE_FROM = LocalDate.of(2024, 10, 1);

    public static final String VERSION = "starter";

    private static final Logger log = LoggerFactory.getLogger(StarterSet.class);

    /** A starter file and the code set it loads. */
    record File(CodeSetKind kind, String resource) {}

    static final List<File> FILES = List.of(
            new File(CodeSetKind.ICD10CM, "codesets/icd10cm-order-starter.txt"),
            new File(CodeSetKind.HCPCS, "codesets/hcpcs-anweb-starter.txt"),
            new File(CodeSetKind.CPT, "codesets/cpt-starter.tsv"),
            new File(CodeSetKind.NCCI_PTP, "codesets/ncci-ptp-practitioner-starter.txt"),
            new File(CodeSetKind.MUE, "codesets/mue-practitioner-starter.csv"),
            new File(CodeSetKind.ICD10CM_EDITS, "codesets/icd10cm-edits-starter.csv"),
            new File(CodeSetKind.INDICATIONS, "codesets/procedure-indications-starter.csv"));

    private StarterSet() {}

    /** Loads every starter file when no release has been imported yet; returns whether it did. */
    public static boolean loadIfEmpty(CodeSetStore store, CodeSetImporter importer) {
        if (!store.empty()) {
            return false;
        }
        for (File file : FILES) {
            try (InputStream in = new ClassPathResource(file.resource()).getInputStream()) {
                CodeSetStore.StoredRelease stored = importer.load(
                        file.kind(),
                        in,
                        new CodeSetImporter.ReleaseSpec(null, null, EFFECTIVE_FROM, null, VERSION),
                        "classpath:" + file.resource());
                log.info(
                        "Loaded starter {} release: {} records",
                        stored.release().codeSet(),
                        stored.records());
            } catch (IOException e) {
                throw new UncheckedIOException("Starter code set " + file.resource() + " is missing", e);
            }
        }
        return true;
    }
}
