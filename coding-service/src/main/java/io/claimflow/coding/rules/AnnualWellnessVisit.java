package io.claimflow.coding.rules;

/** Medicare annual wellness visit: initial (G0438, once per lifetime) or subsequent (G0439, yearly after). */
public enum AnnualWellnessVisit {
    INITIAL("G0438"),
    SUBSEQUENT("G0439");

    private final String code;

    AnnualWellnessVisit(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The visit a documented HCPCS code means, or null. */
    public static AnnualWellnessVisit of(String hcpcs) {
        for (AnnualWellnessVisit visit : values()) {
            if (visit.code.equalsIgnoreCase(hcpcs)) {
                return visit;
            }
        }
        return null;
    }
}
