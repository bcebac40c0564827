package io.claimflow.coding.rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * A finding or procedure as the clinician documented it: a code in some system, or only text.
 *
 * @param modifiers for a procedure, the CPT/HCPCS modifiers documented with it (kept and checked, never dropped)
 * @param quantity for a procedure, the documented units of service; null when not documented (one)
 * @param episode for a diagnosis, the documented episode of care (the 7th character of an injury); null when not
 *     documented, then the text may say it ("initial encounter", "subsequent encounter", "sequela")
 */
public record Documented(
        CodeSystem system,
        String code,
        String text,
        List<String> modifiers,
        BigDecimal quantity,
        EpisodeOfCare episode) {

    public Documented {
        system = system == null ? CodeSystem.NONE : system;
        code = code == null || code.isBlank() ? null : code.trim();
        text = text == null ? "" : text;
        if (code == null && system != CodeSystem.NONE) {
            system = CodeSystem.NONE;
        }
        modifiers = modifiers == null
                ? List.of()
                : modifiers.stream()
                        .filter(m -> m != null && !m.isBlank())
                        .map(m -> m.trim().toUpperCase(Locale.ROOT))
                        .toList();
    }

    public Documented(CodeSystem system, String code, String text) {
        this(system, code, text, List.of(), null, null);
    }

    /** Laterality written in the text: RT, LT, 50 (bilateral) or null. */
    public String laterality() {
        String t = " " + text.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", " ") + " ";
        if (t.contains(" bilateral ") || t.contains(" both ")) {
            return "50";
        }
        boolean left = t.contains(" left ");
        boolean right = t.contains(" right ");
        if (left == right) {
            return null;
        }
        return left ? "LT" : "RT";
    }

    /** The episode of care: documented, else said in the text, else null. */
    public EpisodeOfCare episodeOfCare() {
        if (episode != null) {
            return episode;
        }
        String t = " " + text.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", " ") + " ";
        if (t.contains(" sequela ") || t.contains(" sequelae ")) {
            return EpisodeOfCare.SEQUELA;
        }
        if (t.contains(" subsequent encounter ") || t.contains(" subsequent visit ")) {
            return EpisodeOfCare.SUBSEQUENT;
        }
        if (t.contains(" initial encounter ") || t.contains(" initial visit ")) {
            return EpisodeOfCare.INITIAL;
        }
        return null;
    }

    @Override
    public String toString() {
        // no text: it can carry patient detail
        return system + (code == null ? "" : " " + code);
    }
}
