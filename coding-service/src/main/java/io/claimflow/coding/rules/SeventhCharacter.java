package io.claimflow.coding.rules;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The 7th character of ICD-10-CM codes that need one (chapter 19 injuries and the like, guideline I.C.19.a): A
 * initial, D subsequent, S sequela from the documented episode of care, with the placeholder X filling a code shorter
 * than six characters (guideline I.A.4-5). Whether a code needs one is read from the loaded code set: it does when
 * its children with a 7th character are there.
 */
final class SeventhCharacter {

    private SeventhCharacter() {}

    /** The code completed for the episode: S13.4 + INITIAL -> S13.4XXA, S93.401 + SUBSEQUENT -> S93.401D. */
    static String withEpisode(String code, EpisodeOfCare episode) {
        StringBuilder bare = new StringBuilder(code.replace(".", ""));
        while (bare.length() < 6) {
            bare.append('X');
        }
        return IcdCodes.withDot(bare.append(episode.seventhCharacter()).toString());
    }

    /** Whether {@code code} (without its 7th character) has billable children with one on the date. */
    static boolean needed(CodeSets codeSets, String code, LocalDate dos) {
        String bare = code.replace(".", "");
        if (bare.length() >= 7) {
            return false;
        }
        for (EpisodeOfCare episode : EpisodeOfCare.values()) {
            if (codeSets.icd(withEpisode(code, episode), dos)
                    .filter(IcdCode::billable)
                    .isPresent()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The code with the 7th character of the documented episode, or a hold naming what is missing: the episode
     * (not documented) or the completed code (not in the loaded set).
     */
    static Optional<IcdCode> complete(
            CodeSets codeSets,
            String code,
            EpisodeOfCare episode,
            LocalDate dos,
            String what,
            List<Edit> edits,
            List<HoldReason> holds) {
        if (episode == null) {
            holds.add(new HoldReason(
                    "ICD10-EPISODE-MISSING",
                    what + " needs a 7th character for the episode of "
                            + "care (A initial, D subsequent, S sequela; guideline I.C.19.a); the documentation does not say "
                            + "whether this is the initial or a subsequent encounter or a sequela"));
            return Optional.empty();
        }
        String full = withEpisode(code, episode);
        Optional<IcdCode> icd = codeSets.icd(full, dos).filter(IcdCode::billable);
        if (icd.isEmpty()) {
            holds.add(new HoldReason(
                    "ICD10-EPISODE-INVALID",
                    what + " with the 7th character for the "
                            + episode.name().toLowerCase() + " encounter would be " + full
                            + ", which is not in the loaded "
                            + "ICD-10-CM set on " + dos));
            return Optional.empty();
        }
        boolean placeholder = code.replace(".", "").length() < 6;
        edits.add(new Edit(
                EditType.CODE_VALIDITY,
                "ICD10-SEVENTH-CHARACTER",
                Severity.INFO,
                what + " documented "
                        + "for the " + episode.name().toLowerCase() + " encounter: 7th character "
                        + episode.seventhCharacter()
                        + (placeholder ? " after the placeholder X" : "") + " (guideline I.C.19.a)",
                List.of(),
                List.of(code, full),
                "Coded " + full));
        return icd;
    }

    /** A documented code whose 7th character contradicts the documented episode of care holds. */
    static void checkConflict(
            CodeSets codeSets, String code, EpisodeOfCare episode, LocalDate dos, List<HoldReason> holds) {
        String bare = code.replace(".", "");
        if (episode == null || bare.length() != 7) {
            return;
        }
        char seventh = bare.charAt(6);
        boolean episodic = seventh == 'A' || seventh == 'D' || seventh == 'S';
        String base = IcdCodes.withDot(bare.substring(0, 6));
        if (episodic && seventh != episode.seventhCharacter() && needed(codeSets, base, dos)) {
            holds.add(new HoldReason(
                    "ICD10-EPISODE-CONFLICT",
                    "Documented ICD-10-CM " + code + " has 7th character "
                            + seventh + " but the episode of care is documented as "
                            + episode.name().toLowerCase()
                            + " (" + withEpisode(base, episode) + "); a coder decides"));
        }
    }
}
