package io.claimflow.coding.rules;

import java.util.Optional;

/**
 * Office or other outpatient E/M level under the 2021 guidelines: by medical decision making or by total time on
 * the date of the encounter, whichever the documentation supports higher. Total time thresholds: new patient 15, 30,
 * 45, 60 minutes for 99202-99205; established patient 10, 20, 30, 40 minutes for 99212-99215. 99211 has no MDM or
 * time threshold; it is chosen for an established patient seen for less than 10 minutes without MDM.
 */
public final class OfficeVisitLevels {

    /** A chosen level and the prolonged-service units (99417, each full 15 minutes beyond the top level's time). */
    public record Level(String code, String basis, int prolongedUnits) {}

    private OfficeVisitLevels() {}

    public static Optional<Level> choose(PatientStatus status, DecisionMaking mdm, Integer totalMinutes) {
        if (status == PatientStatus.UNKNOWN) {
            return Optional.empty();
        }
        boolean isNew = status == PatientStatus.NEW;
        int byMdm = mdm == null ? 0 : byDecisionMaking(isNew, mdm);
        int byTime = totalMinutes == null ? 0 : byTime(isNew, totalMinutes);
        if (byMdm == 0 && byTime == 0) {
            if (!isNew && mdm == null && totalMinutes != null && totalMinutes > 0 && totalMinutes < 10) {
                return Optional.of(new Level("99211", "established patient, under 10 minutes, no MDM", 0));
            }
            return Optional.empty();
        }
        int code = Math.max(byMdm, byTime);
        boolean timeBased = byTime >= byMdm;
        int prolonged = 0;
        if (timeBased && totalMinutes != null) {
            // CPT 99417: each full 15 minutes beyond the minimum time of 99205 (60) / 99215 (40), first unit at +15
            int top = isNew ? 60 : 40;
            if ((isNew && code == 99205) || (!isNew && code == 99215)) {
                prolonged = Math.max(0, (totalMinutes - top) / 15);
            }
        }
        String basis = timeBased
                ? "total time " + totalMinutes + " minutes"
                : "medical decision making " + mdm.name().toLowerCase();
        return Optional.of(new Level(Integer.toString(code), basis, prolonged));
    }

    static int byDecisionMaking(boolean isNew, DecisionMaking mdm) {
        int base = isNew ? 99202 : 99212;
        return base + mdm.ordinal();
    }

    static int byTime(boolean isNew, int minutes) {
        int[] thresholds = isNew ? new int[] {15, 30, 45, 60} : new int[] {10, 20, 30, 40};
        int base = isNew ? 99202 : 99212;
        int level = 0;
        for (int i = 0; i < thresholds.length; i++) {
            if (minutes >= thresholds[i]) {
                level = base + i;
            }
        }
        return level;
    }
}
