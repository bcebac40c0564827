package io.claimflow.coding.codeset;

import io.claimflow.platform.validation.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/** The release files the importer reads, by the name used in the admin endpoint. */
public enum CodeSetKind {
    ICD10CM("icd10cm", Release.ICD_10_CM),
    HCPCS("hcpcs", Release.HCPCS),
    CPT("cpt", Release.CPT),
    NCCI_PTP("ncci-ptp", Release.NCCI_PTP),
    MUE("mue", Release.NCCI_MUE),
    ICD10CM_EDITS("icd10cm-edits", Release.ICD_10_CM_EDITS),
    INDICATIONS("indications", Release.INDICATIONS);

    private final String path;
    private final String codeSet;

    CodeSetKind(String path, String codeSet) {
        this.path = path;
        this.codeSet = codeSet;
    }

    public String path() {
        return path;
    }

    public String codeSet() {
        return codeSet;
    }

    public static CodeSetKind fromPath(String path) {
        return Arrays.stream(values())
                .filter(k -> k.path.equals(path.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("Unknown code set; one of "
                        + Arrays.stream(values()).map(CodeSetKind::path).toList()));
    }
}
