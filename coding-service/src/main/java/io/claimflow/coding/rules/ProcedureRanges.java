package io.claimflow.coding.rules;

/** Where CPT codes sit in the book; decides which rules apply to a line. */
public final class ProcedureRanges {

    /** Laterality modifiers: right, left, bilateral. */
    public static final java.util.Set<String> LATERALITY = java.util.Set.of("RT", "LT", "50");

    private ProcedureRanges() {}

    /** Office or other outpatient E/M, 99202-99205 and 99211-99215. */
    public static boolean officeVisit(String code) {
        int n = numeric(code);
        return (n >= 99202 && n <= 99205) || (n >= 99211 && n <= 99215);
    }

    /** Preventive medicine visit, 99381-99387 and 99391-99397. */
    public static boolean preventiveVisit(String code) {
        int n = numeric(code);
        return (n >= 99381 && n <= 99387) || (n >= 99391 && n <= 99397);
    }

    /** Any E/M service code (99202-99499): never taken from a procedure crosswalk, the E/M rules decide. */
    public static boolean evaluationAndManagementSection(String code) {
        int n = numeric(code);
        return n >= 99202 && n <= 99499;
    }

    /** Surgery section, 10004-69990: a same-day procedure that makes a separate E/M need modifier 25. */
    public static boolean surgery(String code) {
        int n = numeric(code);
        return n >= 10004 && n <= 69990;
    }

    /**
     * A same-day procedure that makes a separate E/M need modifier 25: the surgery section, without blood
     * collection (venipuncture 36400-36425, collection from a catheter 36591-36592), which has no global period; and
     * drug administration.
     */
    public static boolean procedureNeedingModifier25(String code) {
        int n = numeric(code);
        return surgery(code) && !(n >= 36400 && n <= 36425) && !(n >= 36591 && n <= 36592) || drugAdministration(code);
    }

    /**
     * Drug administration: hydration, therapeutic, prophylactic and diagnostic injections and infusions
     * (96360-96379) and chemotherapy administration (96401-96549). An E/M on the same day needs modifier 25 when it
     * is significant and separately identifiable (NCCI policy manual, chapter 11); the reason for the
     * administration is the reason for the drug given.
     */
    public static boolean drugAdministration(String code) {
        int n = numeric(code);
        return (n >= 96360 && n <= 96379) || (n >= 96401 && n <= 96549);
    }

    /** Surgery or radiology (70010-79999): laterality modifiers apply. */
    /** Prolonged office E/M time, an add-on to the visit it extends: CPT 99417, Medicare G2212. */
    public static boolean prolongedService(String code) {
        return "99417".equals(code) || "G2212".equals(code);
    }

    public static boolean takesLaterality(String code) {
        int n = numeric(code);
        return surgery(code) || (n >= 70010 && n <= 79999);
    }

    private static int numeric(String code) {
        if (code == null || code.length() != 5) {
            return -1;
        }
        for (int i = 0; i < 5; i++) {
            if (!Character.isDigit(code.charAt(i))) {
                return -1;
            }
        }
        return Integer.parseInt(code);
    }
}
